#!/bin/bash
# A site served below a path (W3C's WAI site at https://www.w3.org/WAI,
# a GitHub project page at /<repository>/) has links written with that
# path: "/WAI/tips/". folio read them as the site's page /WAI/tips/, which
# it does not have (link/broken), and wrote them with the path twice
# (/WAI/WAI/tips/) where they passed. A site path that starts with
# base_url's path now names the page below it, in Markdown and in raw
# HTML, and is written once.
#
# nginx's docs link anchors of pages whose text is their template's: an
# API reference (front matter alone, type: redoc) whose ids a script
# makes. Those were link/anchor errors; a page with no text of its own that
# names its template (type:, layout:) now gives link/anchor-unchecked, a
# warning. A list's _index.md without text
# keeps the error: links to its old headings are real mistakes.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs/guide" "$site/layouts"
printf 'baseURL = "https://docs.example/product/"\ntitle = "Product"\n[markup.goldmark.renderer]\nunsafe = true\n' >"$site/hugo.toml"
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: API reference\ntype: redoc\n---\n' >"$site/content/docs/api.md"
printf -- '---\ntitle: Intro\n---\n## Start here\nText.\n' >"$site/content/docs/intro.md"
printf -- '---\ntitle: Guide\n---\n' >"$site/content/docs/guide/_index.md"
cat >"$site/content/docs/usage.md" <<'MD'
---
title: Usage
---
Read [the intro](/product/docs/intro/#start-here), then [list](/product/docs/api/#operation/list).

<p><a href="/product/docs/intro/">Intro, in HTML</a></p>

Back [home](/product).
MD

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'base_url: "https://docs.example/product"'
html=$out/docs/usage/index.html
assert_contains "$html" 'href="/product/docs/intro/#start-here"'
assert_contains "$html" 'href="/product/docs/api/#operation/list"'
assert_contains "$html" '<a href="/product/docs/intro/">Intro, in HTML</a>'
assert_contains "$html" 'href="/product/"'
assert_not_contains "$html" '/product/product/'
assert_contains "$TEST_DIR/build.txt" 'has no text of its own'
assert_contains "$TEST_DIR/build.txt" 'link/anchor-unchecked'

# a wrong anchor of a page with text, of a list's empty _index.md, or of
# a page with no text and no template of its own (a translation not
# written yet) is an error
printf -- '---\ntitle: Later\n---\n' >"$site/content/docs/later.md"
printf -- '\n[wrong](/product/docs/intro/#nope) [old](/product/docs/guide/#setup) [empty](/product/docs/later/#soon)\n' >>"$site/content/docs/usage.md"
rc=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "wrong anchors passed (rc $rc): $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'has no heading with id "nope" [link/anchor]'
assert_contains "$TEST_DIR/check.txt" 'has no heading with id "setup" [link/anchor]'
assert_contains "$TEST_DIR/check.txt" 'has no heading with id "soon" [link/anchor]'
# a path that only begins like the base path is no page of the site
printf -- '---\ntitle: Other\n---\n[x](/productx/docs/intro/)\n' >"$site/content/docs/other.md"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || true
assert_contains "$TEST_DIR/check2.txt" 'link to "/productx/docs/intro/" points to no page'
echo "ok"

#!/bin/bash
# Addresses as a browser reads them (a second scout of real sites, stop 33):
# - carpentries.org writes href="https:&#x2F;&#x2F;www.canva.com&#x2F;...":
#   the character references of an attribute are decoded before the link
#   is read (it was "a scheme other than http");
# - mailto:info%40software.ac.uk is an address (RFC 6068 decodes it);
# - a space or a '"' in a query (?subject=I would like, label%3A"High"),
#   a '<' or '>' in a fragment (abseil.io's code playground links) are
#   what browsers encode themselves.
# What stays refused: a '>' or a space in a path, a mailto: without an
# address, a reference to NUL.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/posts" "$site/layouts"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://carpentries.example/"
title = "Carpentries"
[markup.goldmark.renderer]
unsafe = true
TOML
printf '<html></html>' >"$site/layouts/baseof.html"
cat >"$site/content/posts/a.md" <<'MD'
---
title: A
---
<a href="https:&#x2F;&#x2F;www.canva.com&#x2F;design&#x2F;X&#x2F;view?a=1&amp;b=2">plan</a>
<a href="/posts/b&#x2F;">b</a> <a href="/posts/b&#47;#h&#x00e9;">b's heading</a>

Write to [us](mailto:info%40example.org).

<a href="mailto:me@example.org?subject=tips and tricks">mail</a>

See [issues](https://github.com/o/r/issues?q=label%3A"High+Priority").

Try it [live](https://play.example.net/#src:'%23include+&lt;cstdint&gt;'+x+&lt;&lt;+2).
MD
printf -- '---\ntitle: B\n---\n## Hé\n' >"$site/content/posts/b.md"
migrate_and_build hugo "$site" "$TEST_DIR/out"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/ok.txt" 2>&1 || fail "the site is refused: $(cat "$TEST_DIR/ok.txt")"

cat >"$site/content/posts/bad.md" <<'MD'
---
title: Bad
---
<a href="https://x.org/p>">gt</a> <a href="/posts/nowhere&#x2F;">gone</a> [nobody](mailto:?subject=hi)
<a href="https:&#0;&#0;x.org">nul</a>

<iframe src="http://www.youtube.com/embed/abc"></iframe>

<iframe src="../b/"></iframe>
MD
rc=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/bad.txt" 2>&1 || rc=$?
cat "$TEST_DIR/bad.txt"
[ "$rc" = 1 ] || fail "bad links passed (rc $rc)"
assert_contains "$TEST_DIR/bad.txt" 'link "https://x.org/p>" contains characters that must be percent-encoded'
assert_contains "$TEST_DIR/bad.txt" 'link to "/posts/nowhere/" points to no page'
assert_contains "$TEST_DIR/bad.txt" 'has no address after mailto:'
assert_contains "$TEST_DIR/bad.txt" 'https:&#0;&#0;x.org'
# a frame of a page of the site: said so, not "a host not in embeds"
assert_contains "$TEST_DIR/bad.txt" 'iframe of "../b/", a page of the site, is not allowed'
# an http iframe of a listed host: said so, not "not in embeds"
grep -q '^  - "www.youtube.com"' "$site/folio.yaml" || sed -i 's/^allow_html: true/allow_html: true\nembeds: ["www.youtube.com"]/' "$site/folio.yaml"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/bad2.txt" 2>&1 || true
assert_contains "$TEST_DIR/bad2.txt" 'iframe "http://www.youtube.com/embed/abc" is not https: browsers block it on an https page'
echo "ok"

#!/bin/bash
# Hugo reads a content file written in HTML (content/repository.html:
# front matter, then HTML) as a page of its section, its body kept as HTML.
# With html_pages: true, which init --from hugo writes, folio does the
# same: the body under the rules of raw HTML (allow_html, active content
# refused), its links checked and rewritten, its ids anchors, the page
# linkable by its URL. Without it, an .html file is no page (other sites
# are unchanged) and a link to it is refused.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/docs"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://lantern.example/"
title = "Lantern"
[markup.goldmark.renderer]
unsafe = true
TOML
printf -- '---\ntitle: Guide\n---\nSee [the keys](/repository/#keys) and [about](/about/).\n' \
	>"$site/content/docs/guide.md"
printf -- '---\ntitle: About\n---\nAbout us.\n' >"$site/content/about.md"
cat >"$site/content/repository.html" <<'HTML'
---
title: "Repository"
---
<div class="intro">
<h2 id="keys">Keys</h2>

<p>Read <a href="/docs/guide/">the guide</a>.</p>
</div>
HTML
# a section of pages written in HTML only is a section as any other
mkdir -p "$site/content/policies"
printf -- '---\ntitle: Policy\n---\n<p>Kept <a href="/repository/#keys">keys</a>.</p>\n' \
	>"$site/content/policies/Policy-v1.html"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'html_pages: true'
assert_contains "$site/folio.yaml" 'folder: "content/policies"'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused a page written in HTML: $(cat "$TEST_DIR/build.txt")"
page=$out/repository/index.html
[ -f "$page" ] || fail "no page for content/repository.html: $(ls -R "$out")"
assert_contains "$page" '<h2 id="keys">Keys</h2>'
assert_contains "$page" '<p>Read <a href="/docs/guide/">the guide</a>.</p>'
assert_contains "$page" 'Repository'
assert_contains "$out/docs/guide/index.html" 'href="/repository/#keys"'
assert_contains "$out/policies/policy-v1/index.html" '<p>Kept <a href="/repository/#keys">keys</a>.</p>'
[ ! -e "$out/repository.html" ] && [ ! -e "$out/pages/repository.html" ] \
	|| fail "the page's source was published as a file"

# its links are checked, with the line in the file
sed -i 's|/docs/guide/|/docs/gide/|' "$site/content/repository.html"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse the broken link in the HTML page (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'content/repository.html:7:'
assert_contains "$TEST_DIR/check2.txt" '"/docs/gide/" points to no page [link/broken]'
sed -i 's|/docs/gide/|/docs/guide/|' "$site/content/repository.html"

# active content is refused as in any raw HTML
printf '<script>alert(1)</script>\n' >>"$site/content/repository.html"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check3.txt" 2>&1 || r=$?
cat "$TEST_DIR/check3.txt"
[ $r -eq 1 ] || fail "check should refuse a script in the HTML page (exit $r)"
assert_contains "$TEST_DIR/check3.txt" 'content/repository.html:9:1: error: active HTML tag "<script>"'
assert_contains "$TEST_DIR/check3.txt" '[html/active]'
assert_not_contains "$TEST_DIR/check3.txt" '[link/anchor]'
sed -i '$d' "$site/content/repository.html"

# without allow_html, a page written in HTML is HTML all the same, as Hugo
# publishes it (Osuny's pages lost their bodies to "raw HTML omitted"),
# its active content refused alike; raw HTML in Markdown is refused
sed -i 's/^allow_html: true$/allow_html: false/' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check4.txt" 2>&1 || r=$?
cat "$TEST_DIR/check4.txt"
[ $r -eq 0 ] || fail "an HTML page is refused without allow_html (exit $r)"
assert_not_contains "$TEST_DIR/check4.txt" '[html/raw]'
printf '<script>alert(1)</script>\n' >>"$site/content/repository.html"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check4b.txt" 2>&1 && fail "a script in an HTML page passed without allow_html"
assert_contains "$TEST_DIR/check4b.txt" '[html/active]'
sed -i '$d' "$site/content/repository.html"
sed -i 's/^allow_html: false$/allow_html: true/' "$site/folio.yaml"

# without html_pages the file is no page, and the link to it is refused
sed -i 's/^html_pages: true$/html_pages: false/' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check5.txt" 2>&1 || r=$?
cat "$TEST_DIR/check5.txt"
[ $r -eq 1 ] || fail "without html_pages, a link to the .html page should be refused (exit $r)"
assert_contains "$TEST_DIR/check5.txt" '"/repository/#keys" points to no page [link/broken]'
echo "ok"

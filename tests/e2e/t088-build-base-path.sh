#!/bin/bash
# A site served below a path (base_url https://iscra.example/site, as a
# branch preview is): the site-absolute links of its HTML pages, Markdown
# links included, get the path; feeds and the sitemap use base_url; a site
# at a host's root is rendered as before.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TEST_DIR/site"
cp -r "$FOLIO_SOURCE_DIR/content/." "$TEST_DIR/site/"
"$FOLIO" build --worktree "$TEST_DIR/site" --out "$TEST_DIR/root" >/dev/null 2>&1 || fail "build at the root failed"
sed -i 's|^base_url: .*|base_url: https://iscra.example/site/|' "$TEST_DIR/site/folio.yaml"
"$FOLIO" build --worktree "$TEST_DIR/site" --out "$TEST_DIR/public" 2>"$TEST_DIR/build.log" || fail "build failed: $(cat "$TEST_DIR/build.log")"

PAGE=$TEST_DIR/public/pages/presentation/index.html
assert_contains "$PAGE" '<link rel="canonical" href="https://iscra.example/site/pages/presentation/">'
assert_contains "$PAGE" 'href="/site/"'
assert_contains "$PAGE" 'href="/site/pages/"'
for f in $(find "$TEST_DIR/public" -name '*.html'); do
	! grep -q 'href="/[^s/]\|src="/[^s/]\|href="/s[^i]' "$f" || fail "$f has a link outside /site/: $(grep -o 'href="/[^"]*"' "$f" | grep -v '"/site/' | head -3)"
done
# a Markdown link ("/people/x/" in a page's body) gets the path too
grep -rhoq 'href="/site/people/[^"]*"' "$TEST_DIR/public/events" "$TEST_DIR/public/pages" "$TEST_DIR/public/books" ||
	fail "no Markdown link to a person carries the path"
assert_contains "$TEST_DIR/public/sitemap.xml" "<loc>https://iscra.example/site/pages/presentation/</loc>"
# at the root: no prefix
assert_contains "$TEST_DIR/root/pages/presentation/index.html" 'href="/pages/"'
assert_not_contains "$TEST_DIR/root/pages/presentation/index.html" '/site/'

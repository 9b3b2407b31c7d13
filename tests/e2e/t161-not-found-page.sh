#!/bin/bash
# 404.html at the root of every site: folio's built-in page when the site
# has no templates/404.mustache, the site's own otherwise; its links are
# site-absolute (under base_url's path), it stays out of the sitemap, and
# an incremental build rewrites it when its template changes.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/posts"
cat >"$site/folio.yaml" <<'YAML'
title: Notes
base_url: https://notes.example/blog
language: en
collections:
  - name: posts
    label: Posts
    template: page
YAML
printf -- '---\ntitle: Hello\n---\nSee [the 404 page](/404.html).\n' >"$site/posts/hello.md"
make_repo "$TEST_DIR/repo" "$site"
out=$TEST_DIR/out
"$FOLIO" build --repo "$TEST_DIR/repo" --out "$out" --state "$TEST_DIR/state" >"$TEST_DIR/b1.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b1.txt")"
[ -f "$out/404.html" ] || fail "no 404.html with the built-in template"
assert_contains "$out/404.html" '<title>Page not found — Notes</title>'
assert_contains "$out/404.html" '<meta name="robots" content="noindex">'
# links work at any depth: site-absolute, with base_url's path
assert_contains "$out/404.html" 'href="/blog/"'
assert_contains "$out/404.html" 'href="/blog/posts/"'
assert_not_contains "$out/sitemap.xml" '404'

# the site's own template replaces it, incrementally
mkdir -p "$TEST_DIR/repo/templates"
cat >"$TEST_DIR/repo/templates/404.mustache" <<'EOF2'
{{<base}}
{{$main}}
<h1>Nothing at this address on {{site.title}}</h1>
{{/main}}
{{/base}}
EOF2
git -C "$TEST_DIR/repo" add -A && git -C "$TEST_DIR/repo" commit -qm "own 404"
"$FOLIO" build --repo "$TEST_DIR/repo" --out "$out" --state "$TEST_DIR/state" >"$TEST_DIR/b2.txt" 2>&1 \
	|| fail "incremental build failed: $(cat "$TEST_DIR/b2.txt")"
assert_contains "$out/404.html" '<h1>Nothing at this address on Notes</h1>'
assert_not_contains "$out/404.html" 'Page not found'
echo ok

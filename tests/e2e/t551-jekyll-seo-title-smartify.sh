#!/bin/bash
# jekyll-seo-tag writes a page's <title> through Jekyll's smartify:
# club418's event "Apéro PHP - 2 confs mais un seul apéro..." is
# <title>Apéro PHP - 2 confs mais un seul apéro… | CLUB 418</title> in
# Debian's Jekyll 4.3.1, where folio's built-in template wrote "apéro...".
# On this site, Jekyll writes <title>It’s – a “test”… | Club “418”</title>
# and the heading its layout writes, {{ page.title }}, as written. Now a
# site whose text gets kramdown's conversion (smart_quotes:, which init
# writes) gets it in the <title> too, the site's title included; the
# heading stays as written, as in Jekyll's page.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
cat >"$j/_config.yml" <<'YAML'
title: 'Club "418"'
url: https://club.example
plugins: [jekyll-seo-tag]
YAML
printf -- '---\n---\n<html><head>{%% seo %%}</head><body><h1>{{ page.title }}</h1>{{ content }}</body></html>\n' \
	>"$j/_layouts/default.html"
printf -- '---\nlayout: default\ntitle: "It%ss -- a \\"test\\"..."\n---\nBody.\n' "'" >"$j/about.md"
printf -- '---\nlayout: default\ntitle: Home\n---\nHello.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$out/about.html" '<title>It’s – a “test”… — Club “418”</title>'
assert_contains "$out/about.html" 'It&#39;s -- a &quot;test&quot;...</h1>'
assert_contains "$out/index.html" '<title>Club “418”</title>'
# a site of folio's own (no smart_quotes:) keeps its titles as written
sed -i '/^smart_quotes:/d' "$j/folio.yaml"
rm -rf "$out"
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build2.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build2.txt")"
assert_contains "$out/about.html" '<title>It&#39;s -- a &quot;test&quot;... — Club &quot;418&quot;</title>'
echo "ok"

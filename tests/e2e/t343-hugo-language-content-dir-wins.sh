#!/bin/bash
# Docsy's example configuration, which envoyproxy/gateway keeps, sets
# contentDir = "content" and, for English, contentDir = "content/en": Hugo
# reads content/en (the top-level key is the default of languages without
# their own). init took "content", made one collection "en" at /en/, and
# moved all 1,530 pages there, refusing 299 for links to Hugo's addresses.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/en/recipes" "$s/content/fr/recipes"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://kitchen.example/"
title = "Kitchen notes"
contentDir = "content"
defaultContentLanguage = "en"
[languages.en]
contentDir = "content/en"
weight = 1
[languages.fr]
contentDir = "content/fr"
weight = 2
TOML
printf -- '---\ntitle: Kitchen\n---\nTry [the soup](/recipes/soup/).\n' >"$s/content/en/_index.md"
printf -- '---\ntitle: Soup\n---\nHot. [Bread](/recipes/bread/) goes with it.\n' >"$s/content/en/recipes/soup.md"
printf -- '---\ntitle: Bread\n---\nBaked.\n' >"$s/content/en/recipes/bread.md"
printf -- '---\ntitle: Soupe\n---\nChaude.\n' >"$s/content/fr/recipes/soup.md"
out="$TEST_DIR/out"
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'collection recipes: 3 pages in content/en/recipes/, at /recipes/'
[ -f "$out/recipes/soup/index.html" ] || fail "the English page is not at Hugo's address"
[ -f "$out/fr/recipes/soup/index.html" ] || fail "the French page is not at Hugo's address"
# below /en/ only Hugo's redirect page to / and the site language's
# sitemap, which Hugo writes there too (language_sitemaps, t484)
[ "$(cd "$out/en" && find . -type f | sort | tr '\n' ' ')" = "./index.html ./sitemap.xml " ] &&
	grep -q 'http-equiv="refresh"' "$out/en/index.html" ||
	fail "pages published below /en/"
echo ok

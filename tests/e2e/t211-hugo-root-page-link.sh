#!/bin/bash
# A page at the root of Hugo's content/ (content/documentation.md) is at
# /documentation/ for Hugo, and its links say so ("/documentation"); folio
# publishes it there too (the root's collection has permalink: /:slug/).
# With hugo_links, a link in another case ("/Documentation/") is looked up
# as Hugo's link render hook's GetPage does and finds it; so is a page with a slug: of its own, by its file's path
# ("/docs/cert-compat" for content/docs/cert-compat.md at
# /docs/certificate-compatibility/); a name no page has is still refused. The site's
# configuration is Hugo's folder of files (config/_default/hugo.toml) with
# a file per language (languages.en.toml, as letsencrypt.org's), each
# naming its contentDir: init reads the other language's folder as its
# translations (language_dirs:), and "/fr/documentation/" is the French
# root page (content/fr/documentation.md), at /fr/documentation/.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/en/contribute" "$site/content/en/docs" "$site/content/fr/contribute" "$site/config/_default"
cat >"$site/config/_default/hugo.toml" <<'TOML'
baseURL = "https://lantern.example/"
title = "Lantern"
defaultContentLanguage = "en"
TOML
printf 'contentDir = "content/en"\nweight = 10\n' >"$site/config/_default/languages.en.toml"
printf 'contentDir = "content/fr"\nweight = 20\n' >"$site/config/_default/languages.fr.toml"
printf -- '---\ntitle: Documentation\n---\nAll of it.\n' >"$site/content/en/documentation.md"
printf -- '---\ntitle: Compatibility\nslug: certificate-compatibility\n---\n## Platforms\n\nWhich ones.\n' >"$site/content/en/docs/cert-compat.md"
printf -- '---\ntitle: Development\n---\nImprove the [documentation](/documentation) and [its index](/Documentation/).\nSee [compatibility](/docs/cert-compat#platforms).\n' \
	>"$site/content/en/contribute/development.md"
printf -- '---\ntitle: Développement\n---\nVoir [la documentation](/fr/documentation/).\n' \
	>"$site/content/fr/contribute/development.md"
printf -- '---\ntitle: Documentation\n---\nToute.\n' >"$site/content/fr/documentation.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" 'url: "/pages/"'
assert_contains "$site/folio.yaml" 'permalink: "/:slug/"'
assert_contains "$site/folio.yaml" 'folder: "content/en/contribute"'
assert_contains "$site/folio.yaml" '  "fr": "content/fr"'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused a link to a root page: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/contribute/development/index.html" 'href="/documentation">documentation</a>'
assert_contains "$out/contribute/development/index.html" 'href="/documentation/">its index</a>'
assert_contains "$out/contribute/development/index.html" 'href="/docs/certificate-compatibility/#platforms">compatibility</a>'
[ -f "$out/documentation/index.html" ] || fail "the root page is not published at /documentation/"
assert_contains "$out/fr/contribute/development/index.html" 'href="/fr/documentation/">la documentation</a>'

printf -- '---\ntitle: Typo\n---\nSee [the manual](/manual).\n' >"$site/content/en/contribute/typo.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse a link to no root page (exit $r)"
assert_contains "$TEST_DIR/check.txt" \
	'content/en/contribute/typo.md:4:18: error: link to "/manual" points to no page [link/broken]'
echo "ok"

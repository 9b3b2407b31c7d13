#!/bin/bash
# A multilingual Hugo site with a contentDir per language (content/fr for
# the default language, content/en for another, as Docsy's example site):
# init reads the default language's folder and the other language's as
# its translations (language_dirs:), leaves out the files beside them
# (content/LICENSE.md);
# its sections' permalinks with dates and Hugo's :slugorcontentbasename are
# kept; a link to a list without its trailing slash (/events) is valid.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
cp -r "$FOLIO_SOURCE_DIR/testdata/hugo-source" "$site"
rm "$site/content/events/2024/date-cassee.md" "$site/content/posts/lien-casse.md"
mkdir "$site/fr"
mv "$site/content/"* "$site/fr/"
mv "$site/fr" "$site/content/fr"
mkdir -p "$site/content/en/posts"
printf -- '---\ntitle: First post\n---\nIn English.\n' >"$site/content/en/posts/first.md"
printf 'Licence of the texts.\n' >"$site/content/LICENSE.md"
sed -i 's|^  events = "/:year/:month/:slug/"|  events = "/:section/:year/:month/:slugorcontentbasename/"|' "$site/config.toml"
# a top-level key (appended, it would be [markup.goldmark.renderer]'s, and
# Hugo's default language "en")
sed -i '1i defaultContentLanguage = "fr"' "$site/config.toml"
cat >>"$site/config.toml" <<'TOML'

[languages.fr]
  contentDir = "content/fr"
[languages.en]
  contentDir = "content/en"
TOML
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" 'folder: "content/fr/posts"'
assert_contains "$site/folio.yaml" '  "en": "content/en"'
assert_not_contains "$site/folio.yaml" '  - "content/en"'
assert_contains "$site/folio.yaml" '  - "content/LICENSE.md"'
assert_contains "$site/folio.yaml" 'permalink: "/events/:year/:month/:slug/"'
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '0 errors'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
[ -f "$out/events/2024/05/atelier-compost/index.html" ] || fail "the event is not at its dated URL"
assert_contains "$out/a-propos/index.html" 'href="/events"'
[ -e "$out/posts/first" ] && fail "the other language's page is published as the site language's"
# posts' :slug is their title (slug_from: title), as Hugo's
[ -f "$out/en/billets/first-post/index.html" ] || fail "the page only in English is not at /en/billets/first-post/"
echo "ok"

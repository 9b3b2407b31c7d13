#!/bin/bash
# falco.org splits its Hugo configuration into folders of config/_default/:
# module/module.yaml mounts content/en at content, languages/languages.yaml
# names its one language. Hugo reads every file there by its name; init read
# only the files at the top, so the mount was missed and every page went to
# /en/ (104 of 336 pages refused). Its headings end in emoji ("Breaking
# changes ⚠️"), whose ids Hugo writes with a trailing '-' (marks dropped),
# and its shortcodes write name = "value" with spaces: both refused before.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/config/_default/module" "$site/config/_default/languages" "$site/config/_default/versions" \
	"$site/content/en/docs" "$site/content/en/blog/release" "$site/static/img"
printf 'baseURL = "https://falco.example"\ntitle = "Falco"\ndefaultContentLanguage = "en"\n' \
	>"$site/config/_default/config.toml"
printf 'mounts:\n  - source: content/en\n    target: content\n    lang: en\n' >"$site/config/_default/module/module.yaml"
printf 'en:\n  title: "Falco"\n  weight: 1\n' >"$site/config/_default/languages/languages.yaml"
printf 'version: "0.39"\n' >"$site/config/_default/versions/params.yaml"
printf 'description = "Runtime security"\n' >"$site/config/_default/params.toml"
printf 'png' >"$site/static/img/logo.png"
printf -- '---\ntitle: Install\n---\nSee [the release](/blog/release/#breaking-changes-and-deprecations-).\n' \
	>"$site/content/en/docs/install.md"
printf -- '---\ntitle: Release\ndate: 2024-10-01\n---\n{{< figure src = "/img/logo.png" alt = "Logo" >}}\n\n## Breaking changes and deprecations \xe2\x9a\xa0\xef\xb8\x8f\n\nRead [install](/docs/install/).\n' \
	>"$site/content/en/blog/release/index.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$TEST_DIR/init.txt" 'collection docs: 1 pages in content/en/docs/, at /docs/'
assert_contains "$site/folio.yaml" 'heading_ids: goldmark'
if grep -q 'at /en/' "$TEST_DIR/init.txt"; then fail "the mounted folder is a collection at /en/"; fi
assert_contains "$out/blog/release/index.html" 'id="breaking-changes-and-deprecations-"'
assert_contains "$out/blog/release/index.html" '<img src="/img/logo.png" alt="Logo"'
assert_contains "$out/docs/install/index.html" 'href="/blog/release/#breaking-changes-and-deprecations-"'
echo "ok"

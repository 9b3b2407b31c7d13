#!/bin/bash
# LoveIt's example site (and many multilingual Hugo sites) names every file
# with its language, the site's own too: posts/x/index.en.md beside
# index.zh-cn.md on a site in "en". folio took ".en" for part of the name:
# each bundle was a page "index.en" at /index.en/ (12 of 31 pages refused
# for output/clash and the links that then named nothing). On a translated
# or Hugo site, x.en.md is now x.md in the site's language: its URL, its
# bundle's files beside it, its translations, {{< ref >}} and cascades.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/posts/hello" "$site/layouts"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://blog.example/"
title = "Blog"
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.fr]
weight = 2
TOML
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: Posts\ncascade:\n  author: Ada\n---\n' >"$site/content/posts/_index.en.md"
printf -- '---\ntitle: Hello\ndate: 2024-03-01\n---\nHello, ![a picture](picture.png).\n\n## Greeting\n' \
	>"$site/content/posts/hello/index.en.md"
printf -- '---\ntitle: Bonjour\ndate: 2024-03-01\n---\nBonjour.\n' >"$site/content/posts/hello/index.fr.md"
printf 'PNG' >"$site/content/posts/hello/picture.png"
printf -- '---\ntitle: Later\ndate: 2024-04-01\n---\nSee [hello]({{< ref "hello" >}}), [its greeting](../hello/#greeting) and {{< param author >}}.\n' \
	>"$site/content/posts/later.en.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$TEST_DIR/init.txt" 'collection posts: 4 pages'
assert_contains "$out/posts/hello/index.html" 'Hello,'
assert_contains "$out/posts/hello/index.html" 'src="/posts/hello/picture.png"'
assert_contains "$out/posts/hello/picture.png" 'PNG'
assert_contains "$out/posts/hello/index.html" 'hreflang="fr" href="https://blog.example/fr/posts/hello/"'
assert_contains "$out/fr/posts/hello/index.html" 'Bonjour.'
assert_contains "$out/posts/later/index.html" 'href="/posts/hello/"'
assert_contains "$out/posts/later/index.html" 'href="/posts/hello/#greeting"'
assert_contains "$out/posts/later/index.html" 'and Ada.'
[ ! -e "$out/index.en" ] && [ ! -e "$out/posts/index.en" ] && [ ! -e "$out/posts/later.en" ] ||
	fail "a page is published under its language suffix: $(find "$out" -name '*.en*')"

# submariner.io: one language, its key "en" in the files, and init's
# language: from languageCode, "en-US"
mono=$TEST_DIR/mono
mkdir -p "$mono/content/docs/guide" "$mono/layouts"
printf 'baseURL = "https://sub.example/"\ntitle = "Sub"\nlanguageCode = "en-US"\ndefaultContentLanguage = "en"\n' >"$mono/config.toml"
printf '<html></html>' >"$mono/layouts/baseof.html"
printf -- '---\ntitle: Docs\n---\nRead [the guide](./guide/).\n' >"$mono/content/docs/_index.en.md"
printf -- '---\ntitle: Guide\n---\nThe guide, ![map](map.png).\n' >"$mono/content/docs/guide/index.en.md"
printf 'PNG' >"$mono/content/docs/guide/map.png"
printf -- '---\ntitle: Start\n---\nSee [the guide](../docs/guide/).\n' >"$mono/content/docs/start.en.md"
mout=$TEST_DIR/mono-out
migrate_and_build hugo "$mono" "$mout"
assert_contains "$mono/folio.yaml" 'language: "en-US"'
assert_contains "$mout/docs/guide/index.html" 'The guide,'
assert_contains "$mout/docs/guide/map.png" 'PNG'
assert_contains "$mout/docs/start/index.html" 'href="/docs/guide/"'

# published from a state: a page added with the suffix, then one removed
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
printf -- '---\ntitle: Third\ndate: 2024-05-01\n---\nThird, after [later](../later/).\n' >"$repo/content/posts/third.en.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a post in the site's language, named with it"
publish "$repo" "$pub" "$st" "a page added"
assert_contains "$pub/posts/third/index.html" 'Third,'
same_as_full "$repo" "$pub" "a page added"
git -C "$repo" rm -q content/posts/hello/index.en.md
printf -- '---\ntitle: Later\ndate: 2024-04-01\n---\nLater.\n' >"$repo/content/posts/later.en.md"
git -C "$repo" commit -qam "the bundle's page in the site's language removed"
publish "$repo" "$pub" "$st" "a bundle's page removed"
same_as_full "$repo" "$pub" "a bundle's page removed"
echo "ok"

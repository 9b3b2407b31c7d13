#!/bin/bash
# theupdateframework.io writes its home page's text in hugo.yaml's
# languages.en.params (whatIsTUF, funding), shown with {{% param %}}.
# init read only the site's params: 4 of its 20 pages were refused
# (shortcode/invalid). The params of the site's own language
# (defaultContentLanguage) are now read first, as Hugo merges them over
# the site's, then the site's.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/en" "$site/layouts"
cat >"$site/hugo.yaml" <<'YAML'
baseURL: https://tuf.example/
title: TUF
defaultContentLanguage: en
contentDir: content/en
params:
  whatIsTUF: the site's words, which the language's win over
  github: https://github.com/theupdateframework
languages:
  en:
    params:
      whatIsTUF: |
        The Update Framework keeps [updates](/about/) safe.
YAML
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: About\n---\n{{%% param whatIsTUF %%}}\n\nCode: {{< param github >}}.\n' >"$site/content/en/about.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
html=$(find "$out" -path '*about*' -name index.html | head -1)
[ -n "$html" ] || fail "no about page: $(find "$out" -name index.html)"
assert_contains "$html" 'The Update Framework keeps <a href="/about/">updates</a> safe.'
assert_contains "$html" 'https://github.com/theupdateframework'
assert_not_contains "$html" "the site's words"
echo "ok"

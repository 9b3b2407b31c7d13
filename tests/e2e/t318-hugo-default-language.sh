#!/bin/bash
# A Hugo site in several languages keeps its pages without a language's
# suffix in defaultContentLanguage; a top-level languageCode is only the
# lang attribute (hugo-toha's site: languageCode bn, defaultContentLanguage
# en). init took languageCode for the site's language, so x.md and x.bn.md
# were both Bengali, at one address: output/clash on half the site.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/posts" "$s/layouts/_default"
cat >"$s/hugo.yaml" <<'YAML'
title: t
baseURL: https://example.org/
languageCode: bn
defaultContentLanguage: en
languages:
  en: {languageCode: en, weight: 1}
  bn: {languageCode: bn, weight: 2}
YAML
printf -- '---\ntitle: Introduction\ndate: 2024-01-02\n---\nHello.\n' >"$s/content/posts/intro.md"
printf -- '---\ntitle: ভূমিকা\ndate: 2024-01-02\n---\nনমস্কার।\n' >"$s/content/posts/intro.bn.md"
migrate_and_build hugo "$s" "$TEST_DIR/out"
assert_contains "$s/folio.yaml" 'language: "en"'
assert_contains "$s/folio.yaml" 'languages: ["bn"]'
assert_contains "$TEST_DIR/out/posts/intro/index.html" "Hello."
assert_contains "$TEST_DIR/out/bn/posts/intro/index.html" "নমস্কার।"
assert_contains "$TEST_DIR/out/bn/posts/intro/index.html" 'lang="bn"'

# a site in one language: languageCode stays its language
s2="$TEST_DIR/one"
mkdir -p "$s2/content/posts" "$s2/layouts/_default"
printf 'title: t\nbaseURL: https://example.org/\nlanguageCode: fr\ndefaultContentLanguage: en\n' >"$s2/hugo.yaml"
printf -- '---\ntitle: Bonjour\ndate: 2024-01-02\n---\nSalut.\n' >"$s2/content/posts/un.md"
migrate_and_build hugo "$s2" "$TEST_DIR/out2" >/dev/null
assert_contains "$s2/folio.yaml" 'language: "fr"'
echo ok

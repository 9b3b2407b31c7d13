#!/bin/bash
# Hugo's "_merge: deep" in its settings says how a theme's settings merge
# into the site's; under languages: it is no language. folio took it for
# one: init said 'language "_merge" is left out', and counted it towards
# the two languages defaultContentLanguageInSubdir wants, so a site of one
# language had its pages below /en/ as well (redirect pages to the root)
# where Hugo 0.111 writes them at the root only (checked on this fixture:
# /, /posts/, /posts/talk/ and the taxonomies, no /en/). Twenty-ninth
# pass, a conference theme's demo whose hugo.yaml has languages: _merge.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts"
cat >"$s/hugo.yaml" <<'YML'
baseURL: https://conf.example/
title: Conf
defaultContentLanguage: en
defaultContentLanguageInSubdir: true
params:
  _merge: shallow
  tagline: Talks
languages:
  _merge: deep
  en:
    weight: 1
YML
printf -- '---\ntitle: Home\n---\nHome.\n' >"$s/content/_index.md"
printf -- '---\ntitle: Talk\n---\nA talk.\n' >"$s/content/posts/talk.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_not_contains "$TEST_DIR/init.txt" '_merge'
assert_contains "$out/posts/talk/index.html" 'A talk.'
[ ! -e "$out/en" ] || fail "pages below /en/: $(cd "$out" && find en -name '*.html' | sort | tr '\n' ' ')"
assert_not_contains "$s/folio.yaml" '_merge'
echo "ok"

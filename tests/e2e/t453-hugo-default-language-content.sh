#!/bin/bash
# A Hugo site whose default language is named without a contentDir and
# another language with one that a translation step writes before Hugo
# runs (develop.kde.org: en, and ca at content-trans/ca, absent from the
# repository). Hugo reads the default language from content/ (checked
# with Hugo 0.111 on this fixture: /docs/intro/ and the others). init
# took the other language's folder, found none, and made every folder at
# the top a section: content/docs/intro.md published at
# /content/docs/intro/, and each link to /docs/intro/ refused.
# 1. init reads content/: the pages at Hugo's addresses, the links pass.
# 2. The translation step's folder committed later (content-trans/ca):
#    from the state, each publish is a full build's bytes.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/docs/kirigami" "$s/layouts/_default" "$s/po"
cat >"$s/config.yaml" <<'YAML'
baseURL: https://dev.example/
title: Developer
languages:
  ca:
    contentDir: content-trans/ca
    languageName: Català
    weight: 2
  en:
    languageName: English
    weight: 1
YAML
printf -- '---\ntitle: Develop\n---\nStart with [the introduction](/docs/intro/).\n' >"$s/content/_index.md"
printf -- '---\ntitle: Docs\n---\nAll.\n' >"$s/content/docs/_index.md"
printf -- '---\ntitle: Introduction\n---\nThen [Kirigami](/docs/kirigami).\n' >"$s/content/docs/intro.md"
printf -- '---\ntitle: Kirigami\n---\nWidgets.\n' >"$s/content/docs/kirigami/_index.md"
printf -- '---\ntitle: Setup\n---\nBack to [the introduction](../../intro/).\n' >"$s/content/docs/kirigami/setup.md"
printf 'msgid "Develop"\nmsgstr ""\n' >"$s/po/ca.po"
echo '{{ .Content }}' >"$s/layouts/_default/single.html"
echo '{{ .Content }}' >"$s/layouts/_default/list.html"
# 1
migrate_and_build hugo "$s" "$TEST_DIR/out"
o=$TEST_DIR/out
assert_contains "$o/docs/intro/index.html" "Then"
assert_contains "$o/docs/kirigami/setup/index.html" "Back to"
[ ! -e "$o/content" ] || fail "1: pages published below /content/"
grep -q "folder: \"content/docs\"" "$s/folio.yaml" || fail "1: no collection of content/docs: $(cat "$s/folio.yaml")"
# 2
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: first"
same_as_full "$r" "$TEST_DIR/pub" "2: first"
mkdir -p "$r/content-trans/ca/docs"
printf -- '---\ntitle: Introducció\n---\nDesprés.\n' >"$r/content-trans/ca/docs/intro.md"
git -C "$r" add -A && git -C "$r" commit -qm "translations"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: translations"
same_as_full "$r" "$TEST_DIR/pub" "2: translations"
printf -- '---\ntitle: Widgets\n---\nMore.\n' >"$r/content/docs/kirigami/widgets.md"
git -C "$r" add -A && git -C "$r" commit -qm "a page"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: a page"
assert_contains "$TEST_DIR/pub/docs/kirigami/widgets/index.html" "More."
same_as_full "$r" "$TEST_DIR/pub" "2: a page"
echo ok

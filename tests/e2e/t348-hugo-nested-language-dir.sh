#!/bin/bash
# lotusdocs' example site sets contentDir "content" and French's
# "content/fr", inside it: Hugo builds the English site without content/fr
# and the French one from it. init made content/fr a section too and
# wrote language_dirs that folio then refused as overlapping: the whole
# site was lost. A language's folder may lie in the site language's.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/guide" "$s/content/fr/guide"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://lang.example/"
title = "Docs"
defaultContentLanguage = "en"
contentDir = "content"
[languages.en]
weight = 1
[languages.fr]
weight = 2
contentDir = "content/fr"
TOML
printf -- '---\ntitle: Guide\n---\nStart [here](setup/).\n' >"$s/content/guide/_index.md"
printf -- '---\ntitle: Setup\n---\nInstall.\n' >"$s/content/guide/setup.md"
printf -- '---\ntitle: Installation\n---\nInstaller.\n' >"$s/content/fr/guide/setup.md"
out="$TEST_DIR/out"
migrate_and_build hugo "$s" "$out" >/dev/null
assert_not_contains "$TEST_DIR/init.txt" 'collection fr'
assert_contains "$s/folio.yaml" '"fr": "content/fr"'
[ -f "$out/guide/setup/index.html" ] || fail "the English page is not at /guide/setup/"
[ -f "$out/fr/guide/setup/index.html" ] || fail "the French page is not at /fr/guide/setup/"
assert_contains "$out/fr/guide/setup/index.html" 'Installer.'
[ ! -e "$out/fr/fr" ] || fail "the French folder is a section too"
echo ok

#!/bin/bash
# A page of a Jekyll collection whose permalink: is that collection's own
# list address (login.gov's content/_es/landing/index.md, permalink: /es/,
# in the collection es at /es/): Jekyll writes the page there and no list,
# as it makes none. folio wrote its list of es there too and refused both
# (output/clash); init --baseline then left the Spanish home page out.
# Now init writes list: false for that collection and the page stands at
# /es/, its redirect_from: addresses leading to it.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/content/_en/landing" "$j/content/_es/landing" "$j/_layouts"
cat >"$j/_config.yml" <<'YAML'
title: Account
url: https://account.example
plugins: [jekyll-redirect-from]
collections_dir: content
collections:
  en:
    output: true
    permalink: /:path/
  es:
    output: true
    permalink: /:collection/:path/
YAML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Welcome\npermalink: /\n---\nOne account. [Help](/help/), [ayuda](/es/help/).\n' >"$j/content/_en/landing/index.md"
printf -- '---\ntitle: Help\n---\nHow to sign in.\n' >"$j/content/_en/help.md"
printf -- '---\ntitle: Bienvenido\npermalink: /es/\nredirect_from:\n  - /es/playbook/\n---\nUna cuenta. [Ayuda](/es/help/).\n' >"$j/content/_es/landing/index.md"
printf -- '---\ntitle: Ayuda\n---\nComo entrar. [Inicio](/es/).\n' >"$j/content/_es/help.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$TEST_DIR/init.txt" 'content/_es/landing/index.md is at /es/, the list'"'"'s address of its own collection es: that collection has no list (list: false)'
assert_contains "$out/es/index.html" 'Una cuenta.'
assert_contains "$out/es/help/index.html" 'Como entrar.'
assert_contains "$out/es/playbook/index.html" 'url=https://account.example/es/"'
assert_contains "$out/index.html" 'One account.'

# with --baseline too: nothing left out
b=$TEST_DIR/base
cp -r "$j" "$b"
rm -rf "$b/folio.yaml" "$b/schemas"
"$FOLIO" init --from jekyll --baseline "$b" >"$TEST_DIR/init-b.txt" 2>&1 || fail "init --baseline failed: $(cat "$TEST_DIR/init-b.txt")"
assert_not_contains "$b/folio.yaml" 'landing/index.md'

# published from a state as a full build
repo=$TEST_DIR/repo
repo_of "$j" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
printf -- '---\ntitle: Bienvenido\npermalink: /es/\n---\nUna sola cuenta.\n' >"$repo/content/_es/landing/index.md"
git -C "$repo" commit -qam "the Spanish home page changes"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "home changed"
assert_contains "$TEST_DIR/pub/es/index.html" 'Una sola cuenta.'
same_as_full "$repo" "$TEST_DIR/pub" "home changed"
echo "ok"

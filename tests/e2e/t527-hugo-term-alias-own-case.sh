#!/bin/bash
# A taxonomy term's page (content/locations/mucem/_index.md) keeping an
# old URL that is its own address in other capitals (aliases:
# [/locations/MuCEM/]): Hugo 0.111 writes both, /locations/mucem/ and the
# redirect at /locations/MuCEM/. folio refused the site (output/clash,
# the term's list against the redirect), and init --baseline left the
# venue out; a page's or a section's own old URL in another case was
# already a warning (output/alias-taken, t454): so is a term's now, and
# both are written, in a full build and from the state. Thirty-first pass,
# a Marseille events agenda.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/locations/mucem" "$s/content/events"
printf 'baseURL = "https://agenda.example/"\ntitle = "Agenda"\nlanguageCode = "fr"\n[taxonomies]\n  location = "locations"\n' >"$s/hugo.toml"
printf -- '---\ntitle: MuCEM\naliases:\n  - "/locations/MuCEM/"\n---\nLe musée.\n' >"$s/content/locations/mucem/_index.md"
printf -- '---\ntitle: Jazz\ndate: 2026-03-23\nlocations: [mucem]\n---\nDu jazz.\n' >"$s/content/events/jazz.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/build.txt" 'the redirect page "locations/MuCEM/index.html" of an old URL is the page'"'"'s own "locations/mucem/index.html" but for case'
assert_contains "$out/locations/mucem/index.html" 'Le musée.'
assert_contains "$out/locations/MuCEM/index.html" '/locations/mucem/'

# from the state: the alias added by a later commit
r=$TEST_DIR/r
cp -r "$s" "$r"
printf -- '---\ntitle: MuCEM\n---\nLe musée.\n' >"$r/content/locations/mucem/_index.md"
"$FOLIO" init --from hugo --force "$r" >/dev/null 2>&1 || fail "init again"
git -C "$r" init -q && git -C "$r" add -A && git -C "$r" commit -qm "no alias"
publish "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
printf -- '---\ntitle: MuCEM\naliases: [/locations/MuCEM/]\n---\nLe musée.\n' >"$TEST_DIR/r/content/locations/mucem/_index.md"
git -C "$TEST_DIR/r" commit -qam "alias"
publish "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "alias"
same_as_full "$TEST_DIR/r" "$TEST_DIR/pub" "alias"
echo "ok a term's own old URL in other capitals is a warning, both written"

#!/bin/bash
# A taxonomy term with spaces around its '/' ("Atelier / Stage",
# "reggaeton/ baile-funk"): Hugo's urlize takes the whole term, each
# space a dash, and keeps the '/': Hugo 0.111 on this fixture writes
# /tags/atelier-/-stage/ and /tags/reggaeton/-baile-funk/. folio urlized
# each side of the '/' apart, their spaces dropped (/tags/atelier/stage/),
# so the agenda's term pages moved. A term whose '/' leaves a plain name
# on each side is now urlized whole; "danse/hip-hop" is as before, and one
# that would leave an empty name ("a // b", at /tags/a-/-b/ in Hugo's
# output) still gives a name per segment, /tags/a/b/, as before.
# Thirty-first pass, a Marseille events agenda (six such tags).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/events"
printf 'baseURL = "https://agenda.example/"\ntitle = "Agenda"\nlanguageCode = "fr"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Atelier\ndate: 2026-03-02\ntags: ["Atelier / Stage", "reggaeton/ baile-funk", "danse/hip-hop", "Théâtre", "a // b"]\n---\nUn atelier.\n' >"$s/content/events/atelier.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
for t in "atelier-/-stage" "reggaeton/-baile-funk" "danse/hip-hop" "théâtre" "a/b"; do
	assert_contains "$out/tags/$t/index.html" '/events/atelier/'
done
[ ! -e "$out/tags/atelier/stage" ] || fail "the term urlized a side at a time"

repo_of "$s" "$TEST_DIR/r"
publish "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
sed -i 's|"Atelier / Stage"|"Atelier / Stage / Danse"|' "$TEST_DIR/r/content/events/atelier.md"
git -C "$TEST_DIR/r" commit -qam "retagged"
publish "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "retagged"
[ -f "$TEST_DIR/pub/tags/atelier-/-stage-/-danse/index.html" ] || fail "no /tags/atelier-/-stage-/-danse/"
same_as_full "$TEST_DIR/r" "$TEST_DIR/pub" "retagged"
echo "ok a term's '/' with spaces around it is urlized whole, as Hugo does"

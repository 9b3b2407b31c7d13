#!/bin/bash
# A section whose outputs leave RSS out: the site's [outputs] section =
# ["HTML"] (a photographer's site), or its _index.md's outputs: [HTML,
# Calendar] (a cycling association's agenda, whose iCalendar folio does not
# write). Hugo writes no /<section>/index.xml; folio wrote one for each.
# init writes rss: false on those collections, which then have no RSS
# (their Atom and JSON Feed kept, folio's own) and no link to one; a
# taxonomy's RSS follows outputs.taxonomy, not the sections'.
. "$(dirname "$0")/lib.sh"

page() { # page FILE TITLE DATE
	mkdir -p "$(dirname "$1")"
	printf -- '---\ntitle: %s\ndate: %s\ntags: [coop]\n---\nTexte.\n' "$2" "$3" >"$1"
}

# the site's outputs.section
a=$TEST_DIR/photo
mkdir -p "$a"
printf 'title = "Institut coopératif"\nbaseURL = "https://institut.example/"\nlanguageCode = "fr"\n[outputs]\nhome = ["HTML", "RSS"]\nsection = ["HTML"]\n' >"$a/hugo.toml"
page "$a/content/reportages/vendanges.md" "Vendanges" 2026-09-20
migrate_and_build hugo "$a" "$TEST_DIR/photo-out"
assert_contains "$a/folio.yaml" 'rss: false'
[ ! -e "$TEST_DIR/photo-out/reportages/index.xml" ] || fail "/reportages/index.xml written: Hugo writes no RSS for the section"
[ -e "$TEST_DIR/photo-out/reportages/index.html" ] || fail "the section's list is missing"
[ -e "$TEST_DIR/photo-out/tags/coop/index.xml" ] || fail "the term's RSS is missing: outputs.taxonomy is Hugo's default"
assert_not_contains "$TEST_DIR/photo-out/reportages/index.html" 'application/rss+xml'

# a section's _index.md outputs
b=$TEST_DIR/agenda
mkdir -p "$b/content/agenda"
printf 'title = "Institut coopératif"\nbaseURL = "https://institut.example/"\nlanguageCode = "fr"\n' >"$b/hugo.toml"
printf -- '---\ntitle: Agenda\noutputs:\n  - HTML\n  - Calendar\n---\n' >"$b/content/agenda/_index.md"
page "$b/content/agenda/assemblee.md" "Assemblée générale" 2026-06-12
page "$b/content/actualites/bilan.md" "Bilan" 2026-01-10
migrate_and_build hugo "$b" "$TEST_DIR/agenda-out"
[ ! -e "$TEST_DIR/agenda-out/agenda/index.xml" ] || fail "/agenda/index.xml written: its outputs name no RSS"
[ -e "$TEST_DIR/agenda-out/agenda/atom.xml" ] || fail "folio's own Atom of the agenda is missing"
[ -e "$TEST_DIR/agenda-out/actualites/index.xml" ] || fail "another section's RSS is missing"
echo "ok"

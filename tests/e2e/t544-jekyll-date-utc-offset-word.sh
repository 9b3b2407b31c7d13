#!/bin/bash
# A French association's posts are dated "2021-05-18 12:00:00 UTC+2".
# Ruby's Time.parse knows no zone "UTC+2" (nor "GMT+2", "UTC-05:00"): it
# reads the wall time as written, in the build's own zone, and Debian's
# Jekyll 4.3.1 publishes the post at /2021/05/18/, its feed entry
# 2021-05-18T12:00:00+00:00; "GMT" or "UTC" alone is UTC. folio refused
# both posts (date/invalid). Such a date is now read as Ruby reads it:
# the date and time without the word, in the site's zone; "UTC" alone
# as +00:00. Jekyll's addresses and dates, no finding.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts" "$j/_layouts"
printf 'title: AECS\nurl: https://asso.example\nlang: fr\nmarkdown: kramdown\nplugins: [jekyll-feed]\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\nlayout: default\ntitle: "Rencontre Bénévoles"\ndate:   2021-05-18 12:00:00 UTC+2\n---\nLa réunion des bénévoles.\n' \
	>"$j/_posts/2021-05-17-rencontre-benevoles.md"
printf -- '---\nlayout: default\ntitle: "Assemblée générale"\ndate: 2021-06-16 09:30:00 GMT\n---\nOrdre du jour.\n' \
	>"$j/_posts/2021-06-16-assemblee-generale.md"
printf -- '---\nlayout: default\ntitle: "Atelier"\ndate: 2021-07-01 18:00 UTC-05:00\n---\nUn atelier.\n' \
	>"$j/_posts/2021-07-01-atelier.md"
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || fail "check: $(cat "$TEST_DIR/check.txt")"
assert_not_contains "$TEST_DIR/check.txt" 'date/invalid'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
[ -f "$out/2021/05/18/rencontre-benevoles.html" ] || fail "no post at /2021/05/18/: $(cd "$out" && find . -name '*.html')"
[ -f "$out/2021/06/16/assemblee-generale.html" ] || fail "no post at /2021/06/16/"
[ -f "$out/2021/07/01/atelier.html" ] || fail "no post at /2021/07/01/"
assert_contains "$out/feed.xml" '<published>2021-05-18T12:00:00Z</published>'
assert_contains "$out/feed.xml" '<published>2021-06-16T09:30:00Z</published>'
assert_contains "$out/feed.xml" '<published>2021-07-01T18:00:00Z</published>'
echo "ok"

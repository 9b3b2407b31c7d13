#!/bin/bash
# A post's date with an offset, as `jekyll new` writes it
# ("2023-05-27 22:09:19 -0400"): Jekyll reads it with Ruby's Time.parse
# then localtime, and its URL's day is the day of that instant in the
# build's zone (timezone: in _config.yml, else the machine's: UTC on
# GitHub's builders). A Montréal artist's bilingual site published its
# one post at /jekyll/update/2023/05/28/welcome-to-jekyll.html; folio
# took the day as written, the 27th, and the old address was lost.
# Here an institute's evening seminar in Montréal (21:30 -0500, the 15th
# in UTC), a workshop at half past midnight in Lyon (+0100, the 13th in
# UTC) and a post without an offset (its day as written); the same site
# with timezone: America/Montreal keeps the seminar on the 14th. Debian's
# Jekyll 4.3.1 writes these addresses, TZ unset (UTC).
. "$(dirname "$0")/lib.sh"

site() {
	mkdir -p "$1/_posts"
	printf 'title: Institut coopératif\nurl: https://institut.example\n%b' "$2" >"$1/_config.yml"
	printf -- '---\ntitle: Séminaire du soir\ndate: 2024-03-14 21:30:00 -0500\n---\nCompte rendu du séminaire tenu à Montréal.\n' \
		>"$1/_posts/2024-03-14-seminaire-du-soir.md"
	printf -- '---\ntitle: Atelier de minuit\ndate: 2024-03-14 00:30:00 +0100\n---\nAtelier tenu à Lyon, voir [le séminaire](/2024/03/15/seminaire-du-soir.html).\n' \
		>"$1/_posts/2024-03-14-atelier-de-minuit.md"
	printf -- '---\ntitle: Midi\ndate: 2024-03-14 12:00:00\n---\nSans décalage.\n' >"$1/_posts/2024-03-14-midi.md"
}

site "$TEST_DIR/utc" ''
out=$TEST_DIR/out
migrate_and_build jekyll "$TEST_DIR/utc" "$out"
for p in 2024/03/15/seminaire-du-soir.html 2024/03/13/atelier-de-minuit.html 2024/03/14/midi.html; do
	[ -f "$out/$p" ] || fail "no /$p, Jekyll's address: $(cd "$out" && find 2024 -name '*.html' | sort | tr '\n' ' ')"
done
[ ! -e "$out/2024/03/14/seminaire-du-soir.html" ] || fail "the seminar is at its written day too"
grep -qF 'Compte rendu du séminaire' "$out/2024/03/15/seminaire-du-soir.html" || fail "the seminar's page is not the post"

# the site's own zone: the seminar's day in Montréal is the 14th
site "$TEST_DIR/mtl" 'timezone: America/Montreal\n'
sed -i 's|/2024/03/15/seminaire|/2024/03/14/seminaire|' "$TEST_DIR/mtl/_posts/2024-03-14-atelier-de-minuit.md"
out2=$TEST_DIR/out2
migrate_and_build jekyll "$TEST_DIR/mtl" "$out2"
for p in 2024/03/14/seminaire-du-soir.html 2024/03/13/atelier-de-minuit.html 2024/03/14/midi.html; do
	[ -f "$out2/$p" ] || fail "no /$p with timezone: America/Montreal"
done
echo "ok"

#!/bin/bash
# A full build's list pages and Markdown bodies at scale (issue 14). Each
# list page links to every page of its list: the entries of a long list are
# built once and shared by its pages, so the entries built (FOLIO_TRACE)
# grow with the list pages, not with their square (a list of n pages built
# n² before). Each page's Markdown is parsed into an arena freed at once: a
# body larger than an arena chunk (64 KiB), with headings, links, a table
# and a footnote, renders whole. Built on one thread and on
# eight, the sites are the same byte for byte.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
sed -i 's/^page_size: .*/page_size: 2/' folio.yaml
for i in $(seq -w 1 60); do
	printf -- '---\ntitle: Page %s\n---\n\nLa page %s.\n' "$i" "$i" >"pages/page-$i.md"
done
{
	printf -- '---\ntitle: Un long rapport\n---\n\n'
	for s in $(seq 1 150); do
		printf '## Section %d du rapport\n\n' "$s"
		for p in 1 2 3; do
			printf 'Paragraphe %d de la section %d, assez long pour que le corps passe ' "$p" "$s"
			printf 'soixante-quatre kilo-octets : *une emphase*, `du code` et un lien vers ' 
			printf '[la présentation](presentation.md).\n\n'
		done
	done
	printf '| Année | Lieu |\n|-------|------|\n| 1996  | Montpellier |\n\n'
	printf 'Une note en fin de rapport[^fin].\n\n[^fin]: La note, avec un *accent*.\n'
} >pages/rapport.md
[ "$(wc -c <pages/rapport.md)" -gt 65536 ] || fail "the report is not larger than an arena chunk"
git add -A
git commit -qm "Sixty short pages, lists of two pages, and a report of more than 64 KiB"

build() { # JOBS DIR: builds the site, the trace in DIR.err
	FOLIO_TRACE=1 "$FOLIO" build --jobs "$1" --repo "$repo" --rev HEAD --out "$2" \
		>/dev/null 2>"$2.err" || fail "build --jobs $1 failed: $(cat "$2.err")"
}
build 1 "$TEST_DIR/one"
build 8 "$TEST_DIR/eight"
diff -r "$TEST_DIR/one" "$TEST_DIR/eight" >"$TEST_DIR/diff.txt" ||
	fail "one thread and eight build different sites: $(head -20 "$TEST_DIR/diff.txt")"

# the pages collection: 62 pages, 31 list pages, each linking to all 31
list=$TEST_DIR/one/pages/page/17/index.html
[ -f "$list" ] || fail "no list page 17: $(ls "$TEST_DIR/one/pages")"
assert_contains "$list" 'page actuelle : </span>17</strong>'
assert_contains "$list" 'href="/pages/page/31/"'
assert_contains "$list" 'href="/pages/"'
assert_contains "$list" '<a rel="prev" href="/pages/page/16/">'
assert_contains "$list" '<a rel="next" href="/pages/page/18/">'
[ "$(grep -c '<li><a href="/pages/page/[0-9]*/">' "$list")" = 29 ] ||
	fail "list page 17 does not link to the 29 other numbered pages: $(grep -c '/pages/page/' "$list")"
[ "$(grep -c 'class="courante"' "$list")" = 1 ] || fail "list page 17 has more than one current page"

for err in "$TEST_DIR/one.err" "$TEST_DIR/eight.err"; do
	c=$(sed -n 's/.*list pages: \([0-9]*\) paginations, \([0-9]*\) entries built.*/\1 \2/p' "$err")
	[ -n "$c" ] || fail "no trace of the paginations: $(cat "$err")"
	read -r paginations entries <<<"$c"
	[ "$paginations" -ge 31 ] || fail "only $paginations paginations"
	# each list's entries once, and each page its own: at most three an
	# output (short lists build theirs anew); 31 x 31 for pages alone before
	[ "$entries" -le $((3 * paginations)) ] ||
		fail "$entries pagination entries built for $paginations list pages: they grow with its square"
done

report=$TEST_DIR/one/pages/un-long-rapport/index.html
[ -f "$report" ] || report=$(grep -l 'Un long rapport' "$TEST_DIR"/one/pages/*/index.html | head -1)
[ -n "$report" ] && [ -f "$report" ] || fail "no page for the report"
[ "$(grep -c '<h2 id="section-[0-9]*-du-rapport">' "$report")" = 150 ] ||
	fail "the report's 150 headings are not all there: $(grep -c '<h2' "$report")"
assert_contains "$report" '<h2 id="section-150-du-rapport">Section 150 du rapport</h2>'
assert_contains "$report" '<td>Montpellier</td>'
assert_contains "$report" 'La note, avec un <em>accent</em>.'
assert_contains "$report" 'href="/pages/presentation/"'
[ "$(grep -c '<em>une emphase</em>' "$report")" = 450 ] || fail "paragraphs are missing from the report"
echo "ok: $paginations paginations, $entries entries; the report renders whole"

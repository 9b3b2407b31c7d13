#!/bin/bash
# folio build --state on a commit that adds, retitles or deletes a page
# loads the whole site, but writes only the records (the persistent site
# model, records.h) that the commit changed: one for an added or deleted
# page, the renamed person's for a retitle, and none when nothing changed
# (FOLIO_TRACE: "N of M records written"). The records and their indexes
# are then row for row those of a full build of the same commit into a
# fresh state, schemas (references), ISBNs and a warning present.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
para="Ce paragraphe, assez long pour que folio le compare aux autres paragraphes, est écrit deux fois."
printf '\n%s\n\n%s\n' "$para" "$para" >>pages/presentation.md
git add -A
git commit -qm "A warning in the site"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" 2>/dev/null \
	|| fail "the sample site did not publish"
total=$(sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT count(*) FROM records")
[ "$total" -gt 10 ] || fail "the first publish recorded $total records"

# the four tables, each row on a line, in a stable order
dump() {
	sqlite3 "$1/state.sqlite" "SELECT * FROM records ORDER BY path;
		SELECT * FROM record_links ORDER BY path, url, anchor;
		SELECT * FROM record_refs ORDER BY path, collection, slug;
		SELECT * FROM record_isbns ORDER BY path, isbn;"
}
n=0
# publish HEAD with the state, expect "$1 of $2 records written", then
# compare the records with a full build's
publish_writes() {
	n=$((n + 1))
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" \
		>/dev/null 2>"$TEST_DIR/trace$n" || { cat "$TEST_DIR/trace$n" >&2; fail "case $n: the publish failed"; }
	assert_contains "$TEST_DIR/trace$n" "debug publish: $1 of $2 records written"
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	"$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$TEST_DIR/full" --state "$TEST_DIR/fullstate" \
		2>/dev/null || fail "case $n: the full build failed"
	dump "$TEST_DIR/state" >"$TEST_DIR/inc$n.rows"
	dump "$TEST_DIR/fullstate" >"$TEST_DIR/full$n.rows"
	cmp -s "$TEST_DIR/inc$n.rows" "$TEST_DIR/full$n.rows" ||
		{ diff "$TEST_DIR/full$n.rows" "$TEST_DIR/inc$n.rows" >&2; fail "case $n: the records differ from a full build's"; }
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >/dev/null || fail "case $n: the output differs from a full build's"
}

# 1. a book added (a new ISBN, references to people): its record only
sed 's/^title: .*/title: Un livre ajouté/; s/^isbn: .*/isbn: 978-2-296-01369-8/; /^ean:/d' \
	books/la-cooperation-dans-l-action-publique.md >books/un-livre-ajoute.md
git add books/un-livre-ajoute.md
git commit -qm "1: a book added"
publish_writes 1 $((total + 1))
assert_contains "$TEST_DIR/inc1.rows" "books/un-livre-ajoute.md|"

# 2. a person renamed (referenced, linked to): only that person's record
person=people/lionel-larque.md
sed -i 's/^name: .*/name: Lionel Larqué (renommé)/' $person
git commit -qam "2: a person renamed"
publish_writes 1 $((total + 1))

# 3. the added book deleted: its record removed, no other written
git rm -q books/un-livre-ajoute.md
git commit -qm "3: the book deleted"
publish_writes 1 "$total"
assert_not_contains "$TEST_DIR/inc3.rows" "books/un-livre-ajoute.md|"

# 4. folio.yaml touched (the whole site loaded), no page changed: none written
printf '\n# a comment\n' >>folio.yaml
git commit -qam "4: a comment in folio.yaml"
publish_writes 0 "$total"

echo "ok: a publish that loads the site writes only the records its commit changed, as a full build records them"

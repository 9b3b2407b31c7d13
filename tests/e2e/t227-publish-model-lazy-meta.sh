#!/bin/bash
# A publish from the site model (publish_model.c) parses the front matter of
# an unchanged page (a stub) only when something reads it (issue 14): an
# added page that sorts last changes one list page and one feed page, so
# the other stubs' front matters are never parsed (FOLIO_TRACE: "N stubs'
# front matters read in all"). Stubs whose front matter holds what the
# shortcuts must not miss (a nested "title", a website url:, a site path
# url:, schedule keys spelled Hugo's way, a title that is the slug) still
# come out as a full build makes them: same bytes, same records.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
mkdir -p "$repo/notes"
cd "$repo"
cat >folio.yaml <<'EOF'
title: Carnet
base_url: https://carnet.example
language: fr
page_size: 5
# cut from the first item: a page added last changes one list page
pagination: shift
collections:
  - name: notes
    label: Notes
    date_field: date
  - name: people
    label: Personnes
    title_field: name
EOF
mkdir -p people
n=40
for i in $(seq -w 1 $n); do
	printf -- '---\ntitle: "Note %s"\ndate: 2024-01-%02d\n---\n\nTexte de la note %s.\n' \
		"$i" "$(( (10#$i % 28) + 1 ))" "$i" >"notes/note-$i.md"
done
# people sorted by "title" (the default) though their title is name:, with
# titles nested in a list: their front matter is read for the sort
for i in 1 2 3; do
	printf -- '---\nname: "Personne %s"\nurl: https://example.org/p%s\npublications:\n  - title: "Livre %s"\n---\n\nBio.\n' \
		"$i" "$i" "$i" >"people/personne-$i.md"
done
# a page whose url: is a site path, one with Hugo's publishDate (past) and
# expiryDate (far), one without a title (its title is its slug)
printf -- '---\ntitle: "Note ailleurs"\ndate: 2024-02-01\nurl: /ailleurs/\n---\n\nAilleurs.\n' >notes/ailleurs.md
printf -- '---\ntitle: "Note datée"\ndate: 2024-02-02\npublishDate: 2024-02-02\nexpiry-Date: 2999-01-01\n---\n\nDatée.\n' >notes/datee.md
printf -- '---\ndate: 2024-02-03\n---\n\nSans titre.\n' >notes/sans-titre.md
git init -q
git add -A
git commit -qm "Import"

"$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/first.err" ||
	{ cat "$TEST_DIR/first.err" >&2; fail "the site did not publish"; }
stubs=$(sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT count(*) FROM records")

k=0
# publish HEAD from the model, at most $1 stubs' front matters read; then
# the bytes and the records of a full build into a fresh state
publish() {
	k=$((k + 1))
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" \
		>/dev/null 2>"$TEST_DIR/trace$k" || { cat "$TEST_DIR/trace$k" >&2; fail "case $k: the publish failed"; }
	grep -q "from the site model" "$TEST_DIR/trace$k" ||
		{ cat "$TEST_DIR/trace$k" >&2; fail "case $k: not published from the site model"; }
	read=$(sed -n "s/.*debug publish: \([0-9]*\) stubs' front matters read in all.*/\1/p" "$TEST_DIR/trace$k")
	[ -n "$read" ] && [ "$read" -le "$1" ] ||
		fail "case $k: ${read:-an unknown number of} stubs' front matters read of $stubs, expected at most $1"
	echo "case $k: $read of $stubs stubs' front matters read"
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	"$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/full" --state "$TEST_DIR/fullstate" \
		>/dev/null 2>&1 || fail "case $k: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $k: the output differs from a full build's"
	for t in pages records; do
		sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT * FROM $t ORDER BY 1, 2, 3" >"$TEST_DIR/inc$k.$t"
		sqlite3 "$TEST_DIR/fullstate/state.sqlite" "SELECT * FROM $t ORDER BY 1, 2, 3" >"$TEST_DIR/full$k.$t"
		cmp -s "$TEST_DIR/inc$k.$t" "$TEST_DIR/full$k.$t" ||
			{ diff "$TEST_DIR/full$k.$t" "$TEST_DIR/inc$k.$t" >&2; fail "case $k: the $t table differs from a full build's"; }
	done
}

# 1. a note that sorts last by title and is the newest: the last list page
# and the first feed page show it (at most 5 + 5 stubs' items), and the
# sort reads the three people and the untitled note (its title is its slug)
printf -- '---\ntitle: "Zz dernière note"\ndate: 2024-03-01\n---\n\nNouvelle.\n' >notes/zz-derniere.md
git add -A
git commit -qm "A note added"
publish 12

# 2. the same note deleted
git rm -q notes/zz-derniere.md
git commit -qm "The note deleted"
publish 12

echo "ok: an added or deleted page reads only the stubs' front matters its lists and feeds show"

#!/bin/bash
# A publish keeps each feed item's fragment (its JSON Feed text, HTML
# included) in the state's feed_items, and a feed page rendered again
# takes an unchanged item's fragment instead of reading and rendering its
# blob (publish_fragments.c). An event added on top of 25 shifts all three
# of the collection's feed pages by one item: only the added event, and the
# two whose bodies link to a page's file (its HTML shows where that page is
# published: never kept), are rendered and their blobs read (FOLIO_TRACE:
# "feed items: T taken from the state, R rendered (S of them in the scratch file), K kept;
# B page bodies read"). The output stays byte for byte a full
# build's, and a deleted page's row goes.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
model=events/rencontre-associations-recherche-2019.md
event() { # N DATE [BODY]
	sed -n '1,/^---$/{p;d};/^---$/{p;q}' "$model" |
		sed "s/^title: .*/title: Rencontre numéro $1/; s/^date: .*/date: $2/" >"events/rencontre-$1.md"
	printf '\nLa rencontre numéro %s. %s\n' "$1" "${3:-Avec [Lionel Larqué](/people/lionel-larque/).}" \
		>>"events/rencontre-$1.md"
}
for i in $(seq 10 34); do
	event "$i" "2021-03-$(printf %02d $((i - 5)))"
done
event 15 2021-03-10 "Avec [Lionel Larqué](../people/lionel-larque.md)."
# pages cut from the first item, as Hugo cuts them: an event added newest
# shifts every feed page, whose items are what this test follows
sed -i 's/^page_size: .*/&\npagination: shift/' folio.yaml
git add -A
git commit -qm "25 events"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/first.err" ||
	{ cat "$TEST_DIR/first.err" >&2; fail "the site did not publish"; }
db=$TEST_DIR/state/state.sqlite
kept=$(sqlite3 "$db" "SELECT count(*) FROM feed_items WHERE path LIKE 'events/rencontre-%'")
# all but the two linking to a page's file: rencontre-15 and the sample's own
[ "$kept" -eq 24 ] || fail "a full build kept $kept of the 26 events' fragments, expected 24"
[ -z "$(sqlite3 "$db" "SELECT path FROM feed_items WHERE path = 'events/rencontre-15.md'")" ] ||
	fail "the fragment of an event linking to a page's file was kept"

# publish HEAD from the state, then compare with a full build
publish() {
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" \
		--state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/trace$1" ||
		{ cat "$TEST_DIR/trace$1" >&2; fail "case $1: the publish failed"; }
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	"$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/full" --state "$TEST_DIR/fullstate" \
		>/dev/null 2>&1 || fail "case $1: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $1: the output differs from a full build's"
}

# 1. a body edit (the fast path) on the feed page of an event linking to a
# page's file: that event's fragment, made again, is not kept either
printf '\nUn paragraphe ajouté.\n' >>events/rencontre-16.md
git commit -qam "a body edit"
publish 1
# (the fast path's publish is the one that says nothing of feed items kept)
! grep -q "feed items: " "$TEST_DIR/trace1" || { cat "$TEST_DIR/trace1" >&2; fail "case 1: not published by the fast path"; }
[ -z "$(sqlite3 "$db" "SELECT path FROM feed_items WHERE path = 'events/rencontre-15.md'")" ] ||
	fail "the fast path kept the fragment of an event linking to a page's file"

# 2. an event added, newest: all three feed pages of events shift
event 99 2030-01-01
git add -A
git commit -qm "an event added"
publish 2
grep -q "from the site model" "$TEST_DIR/trace2" || { cat "$TEST_DIR/trace2" >&2; fail "not published from the site model"; }
line=$(grep -o "feed items: [0-9]* taken from the state, [0-9]* rendered" "$TEST_DIR/trace2") ||
	{ cat "$TEST_DIR/trace2" >&2; fail "the publish says nothing of its feed items"; }
taken=$(echo "$line" | sed 's/feed items: \([0-9]*\) taken.*/\1/')
rendered=$(echo "$line" | sed 's/.*, \([0-9]*\) rendered/\1/')
[ "$rendered" -le 3 ] || fail "$rendered feed items rendered from their blobs, expected the added one and the two linking ones"
[ "$taken" -ge 24 ] || fail "$taken feed items taken from the state, expected the 24 unchanged ones at least"
# and no unchanged page's blob is read: the added page and the two linking ones at most
bodies=$(sed -n 's/.*feed items: .* \([0-9]*\) page bodies read.*/\1/p' "$TEST_DIR/trace2")
[ -n "$bodies" ] && [ "$bodies" -le 3 ] || fail "$bodies page bodies read from their blobs, expected 3 at most"
[ -n "$(sqlite3 "$db" "SELECT path FROM feed_items WHERE path = 'events/rencontre-99.md'")" ] ||
	fail "the added event's fragment was not kept"

# 3. an event deleted: its row goes
git rm -q events/rencontre-20.md
git commit -qm "an event deleted"
publish 3
[ -z "$(sqlite3 "$db" "SELECT path FROM feed_items WHERE path = 'events/rencontre-20.md'")" ] ||
	fail "the deleted event's fragment is still kept"
# 4. a state without fragments (the upgrade to feed_items_keepable3 drops
# them all): a feed page made again renders its items as stubs of the
# site model, and keeps theirs too, judged by the links their render finds
# (rencontre-15 links to a page's file: still not kept); the next add
# renders the added event alone, where every add rendered them all again
sqlite3 "$db" "DELETE FROM feed_items"
event 97 2030-01-03
git add -A
git commit -qm "an event added to a state without fragments"
publish 4
grep -q "from the site model" "$TEST_DIR/trace4" || { cat "$TEST_DIR/trace4" >&2; fail "case 4: not published from the site model"; }
n=$(sqlite3 "$db" "SELECT count(*) FROM feed_items WHERE path LIKE 'events/rencontre-%'")
[ "$n" -ge 20 ] || fail "case 4: $n fragments kept of the stubs rendered again, expected them all but the linking ones"
[ -z "$(sqlite3 "$db" "SELECT path FROM feed_items WHERE path = 'events/rencontre-15.md'")" ] ||
	fail "case 4: the fragment of a stub linking to a page's file was kept"
event 98 2030-01-04
git add -A
git commit -qm "another event added"
publish 5
rendered=$(grep -o "feed items: [0-9]* taken from the state, [0-9]* rendered" "$TEST_DIR/trace5" |
	sed 's/.*, \([0-9]*\) rendered/\1/')
[ -n "$rendered" ] && [ "$rendered" -le 3 ] ||
	fail "case 5: $rendered feed items rendered again, expected the added one and the two linking ones"
echo "ok: a feed page rendered again takes its unchanged items from the state, as a full build renders them"

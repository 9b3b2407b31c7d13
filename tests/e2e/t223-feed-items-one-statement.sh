#!/bin/bash
# The state's feed_items are read and written through one statement each
# for a whole publish (publish_fragments.c), by the fast path as by the
# site model: a feed page's 20 items are 20 steps of one prepared
# statement, not 20 prepares (FOLIO_TRACE: "N statements prepared"); the
# record of the outputs (writer.c) prepares its statements once too. A
# publish from the site model finds the rows of pages gone by the paths the
# commit changed, not by a scan of every row ("found by path"). Bytes stay
# a full build's, and a deleted page's row still goes.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
model=events/rencontre-associations-recherche-2019.md
event() { # N DATE
	sed -n '1,/^---$/{p;d};/^---$/{p;q}' "$model" |
		sed "s/^title: .*/title: Rencontre numéro $1/; s/^date: .*/date: $2/" >"events/rencontre-$1.md"
	printf '\nLa rencontre numéro %s, avec [Lionel Larqué](/people/lionel-larque/).\n' "$1" \
		>>"events/rencontre-$1.md"
}
for i in $(seq 10 34); do
	event "$i" "2021-03-$(printf %02d $((i - 5)))"
done
# pages cut from the first item, as Hugo cuts them: an event added newest
# shifts every feed page, whose items are what this test follows
sed -i 's/^page_size: .*/&\npagination: shift/' folio.yaml
git add -A
git commit -qm "25 events"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/first.err" ||
	{ cat "$TEST_DIR/first.err" >&2; fail "the site did not publish"; }
db=$TEST_DIR/state/state.sqlite

publish() { # CASE: publish HEAD from the state, then compare with a full build
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" \
		--state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/trace$1" ||
		{ cat "$TEST_DIR/trace$1" >&2; fail "case $1: the publish failed"; }
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	"$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/full" --state "$TEST_DIR/fullstate" \
		>/dev/null 2>&1 || fail "case $1: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $1: the output differs from a full build's"
}
prepared() { # CASE LINE-PATTERN: the statements count of that trace line
	sed -n "s/.*$2.* \([0-9]*\) statements prepared.*/\1/p" "$TEST_DIR/trace$1"
}

# 1. a body edit (the fast path): its feed page's other items come from the
# state through one statement, the made one is kept through another
printf '\nUn paragraphe ajouté.\n' >>events/rencontre-16.md
git commit -qam "a body edit"
publish 1
line=$(grep -o "fast path: [0-9]* feed items taken from the state, [0-9]* made" "$TEST_DIR/trace1") ||
	{ cat "$TEST_DIR/trace1" >&2; fail "case 1: not published by the fast path, or it says nothing of its feed items"; }
taken=$(echo "$line" | sed 's/fast path: \([0-9]*\) feed items.*/\1/')
[ "$taken" -ge 5 ] || fail "case 1: $taken feed items taken from the state, expected the feed page's others"
n=$(prepared 1 "fast path:")
[ -n "$n" ] && [ "$n" -le 2 ] || fail "case 1: $n statements prepared for $taken feed items, expected 2 at most"

# 2. an event added, newest (the site model): every feed page of events
# shifts; one statement reads all their items, one keeps the made one, one
# drops the rows of pages gone, looked up by the changed path
event 99 2030-01-01
git add -A
git commit -qm "an event added"
publish 2
grep -q "from the site model" "$TEST_DIR/trace2" || { cat "$TEST_DIR/trace2" >&2; fail "case 2: not published from the site model"; }
taken=$(sed -n 's/.*feed items: \([0-9]*\) taken from the state.*/\1/p' "$TEST_DIR/trace2")
[ -n "$taken" ] && [ "$taken" -ge 24 ] || fail "case 2: $taken feed items taken from the state, expected 24 at least"
n=$(prepared 2 "feed items:")
[ -n "$n" ] && [ "$n" -le 3 ] || fail "case 2: $n statements prepared for $taken feed items, expected 3 at most"
grep -q "feed items: .*rows of pages gone found by path" "$TEST_DIR/trace2" ||
	fail "case 2: the rows of pages gone were not looked up by the changed path"

# and the record prepares its statements once for all the outputs rendered
# (it prepared two more for each of them)
line=$(grep -o "record: [0-9]* outputs, [0-9]* dependency rows changed; [0-9]* statements prepared" "$TEST_DIR/trace2") ||
	{ cat "$TEST_DIR/trace2" >&2; fail "case 2: the record says nothing of its statements"; }
read -r outputs n <<<"$(echo "$line" | sed 's/record: \([0-9]*\) outputs.*; \([0-9]*\) statements.*/\1 \2/')"
[ "$outputs" -ge 5 ] || fail "case 2: $outputs outputs recorded, expected the shifted feed and list pages"
[ "$n" -le 7 ] || fail "case 2: $n statements prepared to record $outputs outputs, expected 7"

# 3. an event deleted (the site model): its row goes, found by its path
git rm -q events/rencontre-20.md
git commit -qm "an event deleted"
publish 3
grep -q "from the site model" "$TEST_DIR/trace3" || { cat "$TEST_DIR/trace3" >&2; fail "case 3: not published from the site model"; }
grep -q "feed items: .*rows of pages gone found by path" "$TEST_DIR/trace3" ||
	fail "case 3: the rows of pages gone were not looked up by the changed path"
[ -z "$(sqlite3 "$db" "SELECT path FROM feed_items WHERE path = 'events/rencontre-20.md'")" ] ||
	fail "case 3: the deleted event's fragment is still kept"
[ -n "$(sqlite3 "$db" "SELECT path FROM feed_items WHERE path = 'events/rencontre-21.md'")" ] ||
	fail "case 3: another event's fragment went with the deleted one"
echo "ok: feed items are read and kept through one statement each, rows of pages gone found by path"

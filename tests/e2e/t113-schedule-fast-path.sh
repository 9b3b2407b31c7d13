#!/bin/bash
# The fast path (a commit changing only page bodies) knows schedules: it
# publishes a body edit while nothing is due, steps aside once a recorded
# publish date has come (the page must appear in lists and feeds), and
# steps aside once for a state written by a folio that recorded no schedule
# (it may hold a page published too early).
. "$(dirname "$0")/lib.sh"

make_repo "$TEST_DIR/site"
S=$TEST_DIR/site
sed -e "s/^title: .*/title: Séminaire de janvier/" -e 's/^date: .*/date: 2027-01-20\npublish_date: 2027-01-05/' \
	"$S/events/rencontre-associations-recherche-2019.md" >"$S/events/seminaire.md"
git -C "$S" add -A && git -C "$S" commit -qm "A seminar announced on 5 January"

build_at() { # build_at NOW: publish HEAD incrementally at that instant
	FOLIO_NOW=$1 "$FOLIO" build --repo "$S" --out "$TEST_DIR/out" --state "$TEST_DIR/state" \
		>"$TEST_DIR/build.txt" 2>&1 || fail "build at $1 failed: $(cat "$TEST_DIR/build.txt")"
	cat "$TEST_DIR/build.txt"
}
edit_body() {
	echo "Paragraphe $1." >>"$S/pages/presentation.md"
	git -C "$S" commit -qam "Edit $1"
}

build_at 2026-12-03T10:00:00Z
edit_body 1
build_at 2026-12-04T10:00:00Z
assert_contains "$TEST_DIR/build.txt" "(fast path)"
[ ! -e "$TEST_DIR/out/events/seminaire" ] || fail "published before its date"

# 5 January: a body edit elsewhere, but the seminar is due: the whole site
edit_body 2
build_at 2027-01-05T00:00:00Z
assert_not_contains "$TEST_DIR/build.txt" "(fast path)"
[ -s "$TEST_DIR/out/events/seminaire/index.html" ] || fail "not published at its date"
assert_contains "$TEST_DIR/out/events/index.json" "seminaire"

# nothing due any more: fast again
edit_body 3
build_at 2027-01-06T00:00:00Z
assert_contains "$TEST_DIR/build.txt" "(fast path)"

# a state that records no schedule (an older folio's): full once, then fast
sqlite3 "$TEST_DIR/state/state.sqlite" "DELETE FROM meta WHERE key = 'schedule'"
edit_body 4
build_at 2027-01-07T00:00:00Z
assert_not_contains "$TEST_DIR/build.txt" "(fast path)"
edit_body 5
build_at 2027-01-08T00:00:00Z
assert_contains "$TEST_DIR/build.txt" "(fast path)"
echo "ok"

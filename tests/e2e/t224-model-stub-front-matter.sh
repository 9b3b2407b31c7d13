#!/bin/bash
# A publish from the site model reads each stub's front matter back from
# its record (publish/record_meta.c) without json_loads(): the records hold
# compact JSON as records.c dumped it, which the reader takes whole
# (FOLIO_TRACE: "N front matters read from records, M of them by
# json_loads"), with the value json_loads() gives, so the bytes stay a full
# build's. A page whose front matter holds a control character (dumped as
# a \u escape, a form the reader hands to jansson) is still a stub, read
# by json_loads().
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
model=events/rencontre-associations-recherche-2019.md
event() { # N DATE
	sed -n '1,/^---$/{p;d};/^---$/{p;q}' "$model" |
		sed "s/^title: .*/title: Rencontre numéro $1/; s/^date: .*/date: $2/" >"events/rencontre-$1.md"
	printf '\nLa rencontre numéro %s.\n' "$1" >>"events/rencontre-$1.md"
}
event 10 2021-03-10
git add -A
git commit -qm "an event"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/first.err" ||
	{ cat "$TEST_DIR/first.err" >&2; fail "the site did not publish"; }
pages=$(sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT count(*) FROM records")

publish() { # CASE: publish HEAD from the state, then compare with a full build
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" \
		--state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/trace$1" ||
		{ cat "$TEST_DIR/trace$1" >&2; fail "case $1: the publish failed"; }
	grep -q "from the site model" "$TEST_DIR/trace$1" ||
		{ cat "$TEST_DIR/trace$1" >&2; fail "case $1: not published from the site model"; }
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	"$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/full" --state "$TEST_DIR/fullstate" \
		>/dev/null 2>&1 || fail "case $1: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $1: the output differs from a full build's"
}
counts() { # CASE -> "READ BY_JANSSON"
	sed -n 's/.* \([0-9]*\) front matters read from records, \([0-9]*\) of them by json_loads.*/\1 \2/p' \
		"$TEST_DIR/trace$1"
}

# 1. an event added: every other page is a stub, none read by json_loads()
event 11 2021-03-11
git add -A
git commit -qm "an event added"
publish 1
read -r nread njansson <<<"$(counts 1)"
[ -n "$nread" ] || { cat "$TEST_DIR/trace1" >&2; fail "case 1: the publish says nothing of the stubs' front matter"; }
[ "$nread" -ge $((pages - 2)) ] || fail "case 1: $nread front matters read from $pages records, expected every stub's"
[ "$njansson" -eq 0 ] || fail "case 1: $njansson of $nread front matters read by json_loads, expected none"

# 2. a page whose location holds a control character: jansson reads that one
event 12 2021-03-12
sed -i 's/^location: .*/location: "Salle\\x01A"/' events/rencontre-12.md
git add -A
git commit -qm "an event with a control character"
"$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>&1 ||
	fail "case 2: the publish failed"
event 13 2021-03-13
git add -A
git commit -qm "another event added"
publish 2
read -r nread njansson <<<"$(counts 2)"
[ "$njansson" -eq 1 ] || fail "case 2: $njansson of $nread front matters read by json_loads, expected the one with a \\u escape"
echo "ok: the stubs' front matters are read back from their records without json_loads, as it reads them"

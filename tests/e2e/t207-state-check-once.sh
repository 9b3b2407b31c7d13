#!/bin/bash
# The state's integrity check (PRAGMA quick_check, a read of the whole
# file: 180 MB at 10k pages) runs once a process, and not at all when the
# file is as folio's last clean close left it (state_stamp.h: the holder of
# the lock stamps it after closing; the next holder takes the stamp). It
# runs again after an unclean stop, after anyone else wrote the file, and
# finds a damaged file, which is moved aside: the output is a full build's.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
st=$TEST_DIR/state
n=0
# publish CHECK: a new page published with the state; CHECK is "checked" or
# "skipped" (the trace says which), and the output is a full build's
publish() {
	n=$((n + 1))
	sed "s/^title: .*/title: Page $n/" pages/presentation.md >"pages/page-$n.md"
	git add -A
	git commit -qm "page $n"
	local rc=0
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" --state "$st" \
		>/dev/null 2>"$TEST_DIR/trace$n" || rc=$?
	[ $rc -eq 0 ] || { cat "$TEST_DIR/trace$n" >&2; fail "case $n: the publish failed"; }
	if [ "$1" = checked ]; then
		assert_contains "$TEST_DIR/trace$n" "state.sqlite: integrity checked"
	else
		assert_contains "$TEST_DIR/trace$n" "state.sqlite: integrity check skipped: as folio left it"
	fi
	rm -rf "$TEST_DIR/full"
	"$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$TEST_DIR/full" 2>/dev/null ||
		fail "case $n: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $n: the output differs from a full build's"
}

# 1. a fresh state: checked (an empty file); 2. as folio left it: skipped
publish checked
[ -s "$st/clean" ] || fail "no stamp after a clean close"
publish skipped
publish skipped

# 4. the file written by another program (a hand edit): checked
sqlite3 "$st/state.sqlite" "INSERT INTO meta(key, value) VALUES('edited', 'by hand')"
publish checked
publish skipped

# 6. an unclean stop (killed while publishing): the next run checks
sed "s/^title: .*/title: Tuée/" pages/presentation.md >pages/killed.md
git add -A
git commit -qm "a publish killed"
FOLIO_FAULT_AT=3 "$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" --state "$st" \
	>/dev/null 2>&1 && fail "the publish was not killed"
[ ! -e "$st/clean" ] || fail "the stamp outlived an unclean stop"
publish checked

# 7. the file damaged outside folio (its last two pages overwritten):
# checked, moved aside, and the publish starts afresh with the output of a
# full build
size=$(stat -c %s "$st/state.sqlite")
head -c 8192 /dev/zero | tr '\0' '\377' |
	dd of="$st/state.sqlite" bs=4096 seek=$((size / 4096 - 2)) conv=notrunc 2>/dev/null
publish checked
ls "$st" | grep -q 'state.sqlite.corrupt-' || fail "the damaged state was not moved aside"
publish skipped
echo "ok: the state is checked once a process, and only when folio did not leave it so"

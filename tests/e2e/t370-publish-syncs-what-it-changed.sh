#!/bin/bash
# A publish makes durable what it changed, not the whole file system: an
# add or a delete from the site model syncs the outputs it wrote or
# removed and their folders (FOLIO_TRACE: "N outputs changed: M files and
# folders synced"), no syncfs, whose cost is whatever other writers left
# dirty on the disk. The outputs are a full build's.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/first.err" ||
	{ cat "$TEST_DIR/first.err" >&2; fail "the site did not publish"; }

publish() { # CASE
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" \
		--state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/trace$1" ||
		{ cat "$TEST_DIR/trace$1" >&2; fail "case $1: the publish failed"; }
	same_as_full "$repo" "$TEST_DIR/pub" "case $1"
	grep -q "from the site model" "$TEST_DIR/trace$1" ||
		{ cat "$TEST_DIR/trace$1" >&2; fail "case $1: not published from the site model"; }
	! grep -q "their file system synced" "$TEST_DIR/trace$1" || fail "case $1: the whole file system was synced"
	line=$(grep -o "[0-9]* outputs changed: [0-9]* files and folders synced" "$TEST_DIR/trace$1") ||
		{ cat "$TEST_DIR/trace$1" >&2; fail "case $1: the outputs changed were not synced one by one"; }
	read -r changed synced <<<"$(echo "$line" | sed 's/\([0-9]*\) outputs changed: \([0-9]*\) files.*/\1 \2/')"
	written=$(sed -n 's/.*record: \([0-9]*\) outputs.*/\1/p' "$TEST_DIR/trace$1")
	[ "$changed" -ge 2 ] || fail "case $1: $changed outputs changed, expected the page and its list at least"
	# each file and the folder holding it; a new or removed one's folders up to the root
	[ "$synced" -ge "$changed" ] && [ "$synced" -le $((4 * changed + 1)) ] ||
		fail "case $1: $synced files and folders synced for $changed outputs changed ($written recorded)"
}

# 1. an event added: its page in a new folder, its list and feeds
sed 's/^title: .*/title: Une rencontre ajoutée/' events/rencontre-associations-recherche-2019.md >events/rencontre-ajoutee.md
git add -A
git commit -qm "an event added"
publish 1
# 2. that event deleted: its page and folder removed
git rm -q events/rencontre-ajoutee.md
git commit -qm "the event deleted"
publish 2
[ ! -e "$TEST_DIR/pub/events/rencontre-ajoutee" ] || fail "case 2: the deleted event's folder is still there"
echo "ok: a publish syncs the outputs it changed and their folders, not the file system"

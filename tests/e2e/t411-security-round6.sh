#!/bin/bash
# A security scout's sixth round, on counts:
# 1. git shares a tree by id, so a commit of three 30 KB trees (a folder of
#    1,000 folders of 1,000 folders of one tree of 1,000 empty files) names
#    a billion paths: folio check (and so the pre-receive hook) listed
#    them all, 6 GB in a minute and growing, and so would the daemon; the
#    listing now stops past FOLIO_PATH_MAX_ENTRIES (1,000,000) entries, the
#    entry where it stopped being a tree/path error wherever it stands (an
#    unread folder too: the entries after it, pages/ among them, are
#    missing); the daemon refuses the commit, stays up and publishes the
#    next good one.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

# tree_of N NAME TREE: a tree of N entries NAME<k> that are all TREE
# (a mode-040000 id) or, TREE empty, the empty blob.
tree_of() {
	local repo=$1 n=$2 name=$3 sub=$4 mode=040000 type=tree
	if [ -z "$sub" ]; then
		sub=$(git -C "$repo" hash-object -w --stdin </dev/null)
		mode=100644 type=blob
	fi
	python3 -c "
import sys
for k in range($n): print('$mode $type $sub\t$name%d' % k)" | git -C "$repo" mktree
}
# billion REPO: a commit on HEAD adding junk/, a billion empty files.
billion() {
	local repo=$1 t
	t=$(tree_of "$repo" 1000 f "")
	t=$(tree_of "$repo" 1000 d "$t")
	t=$(tree_of "$repo" 1000 e "$t")
	t=$( (git -C "$repo" ls-tree HEAD; printf '040000 tree %s\tjunk\n' "$t") | git -C "$repo" mktree)
	git -C "$repo" commit-tree "$t" -p HEAD -m "a billion paths from three trees"
}

# 1
watch_test # DAEMON_PID killed at exit; PORT, URL, BARE, SOCK, LOG, OUT
make_repo "$TEST_DIR/src"
watch_start "$TEST_DIR/src"
MAIN=$FIRST
BIG=$(billion "$BARE")
"$FOLIO" check --repo "$BARE" "$BIG" >"$TEST_DIR/check.txt" 2>&1 && fail "check passed a billion paths"
assert_contains "$TEST_DIR/check.txt" "error: tree entry refused: the tree holds more than 1,000,000 entries"
assert_contains "$TEST_DIR/check.txt" "[tree/path]"
git -C "$BARE" update-ref refs/heads/main "$BIG" # as a mirror's fetch would, past the hook
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 grep -qF "more than 1,000,000 entries" "$LOG" || fail "the commit was not refused: $(cat "$LOG")"
healthy || fail "the daemon stopped answering"
published_is "$MAIN" || fail "the last good site is no longer published"
[ -f "$OUT/index.html" ] || fail "the last good site is not intact"
git -C "$BARE" update-ref refs/heads/main "$MAIN"
GOOD=$(git -C "$BARE" commit-tree "$(git -C "$BARE" rev-parse "$MAIN^{tree}")" -p "$MAIN" -m "good again")
git -C "$BARE" update-ref refs/heads/main "$GOOD"
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 published_is "$GOOD" || fail "the next good commit was not published: $(status) $(cat "$LOG")"

echo "PASS"

#!/bin/bash
# A folder nested deeper than 256 folders (static/a/a/.../a, 300 deep: a
# path of 600 bytes, within FOLIO_PATH_MAX) was an operational error, not a
# finding: folio check and build exited 2 ("tree too deep"), and folio
# watch, given the commit without the hooks, retried it at every turn and
# never published a later one; the same held for such a folder where the
# site reads nothing (themes/). It is a tree/path error naming the folder
# now (nothing under it is read), and no finding where the site reads
# nothing: check exits 1, the daemon judges the commit once and publishes
# the next good one.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
deep() { p=$1; for _ in $(seq 300); do p=$p/a; done; mkdir -p "$p"; echo x >"$p/f.txt"; }
deep themes
git add -A && git commit -qm "a deep folder the site does not read"
"$FOLIO" check HEAD >"$TEST_DIR/unread.txt" 2>&1 || fail "a deep folder outside the site: $(cat "$TEST_DIR/unread.txt")"
assert_not_contains "$TEST_DIR/unread.txt" "themes/"
"$FOLIO" build --quiet --repo "$s" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >"$TEST_DIR/p.txt" 2>&1 ||
	fail "the first publish failed: $(cat "$TEST_DIR/p.txt")"
deep static
git add -A && git commit -qm "a deep folder in static/"
a255=$(printf 'a/%.0s' $(seq 255))
TEXT="static/${a255}a: error: tree entry refused: the folder nests deeper than 256 folders: nothing under it is read [tree/path]"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "$TEXT"
rc=0
"$FOLIO" check --repo "$s" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/state.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check --state exit $rc: $(cat "$TEST_DIR/state.txt")"
assert_contains "$TEST_DIR/state.txt" "$TEXT"
rc=0
"$FOLIO" build --worktree "$s" --out "$TEST_DIR/wt" >"$TEST_DIR/wt.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "build --worktree exit $rc: $(cat "$TEST_DIR/wt.txt")"
assert_contains "$TEST_DIR/wt.txt" "$TEXT"
refused_like_full "$s" "$TEST_DIR/pub" "$TEST_DIR/state" "deep static/" "$TEXT"
echo "ok check, check --state, a worktree and a publish refuse it with tree/path"

# the hook refuses the push
server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
git push -q "$server" main >/dev/null 2>&1 || fail "the good commits were refused"
deep static
git add -A && git commit -qm "a deep folder in static/ again"
git push "$server" main >"$TEST_DIR/push.txt" 2>&1 && fail "the deep folder was pushed"
assert_contains "$TEST_DIR/push.txt" "[tree/path]"
git reset -q --hard HEAD~1
echo "ok the hook refuses it"

# folio watch: the commit arrives without the hooks, then a good one on it
watch_test
watch_start "$s"
T=$(git -C "$BARE" rev-parse "main^{tree}")
deep static
git add -A && git commit -qm "deep, not through the hooks"
git -C "$BARE" fetch -q "$s" HEAD:refs/mirror/bad # a fetch runs no hook
BAD=$(git -C "$s" rev-parse HEAD)
git -C "$BARE" update-ref refs/heads/main "$BAD"
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 verdict_is "$BAD" 1 0 || fail "the commit was not judged invalid: $(status) $(cat "$LOG")"
GOOD=$(git -C "$BARE" commit-tree "$T" -p "$BAD" -m "good again")
git -C "$BARE" update-ref refs/heads/main "$GOOD"
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 published_is "$GOOD" || fail "the next good commit was not published: $(status) $(cat "$LOG")"
[ "$(grep -c 'retrying' "$LOG")" -eq 0 ] || fail "the daemon retried: $(cat "$LOG")"
echo "ok the daemon judges it once and publishes the next good commit"

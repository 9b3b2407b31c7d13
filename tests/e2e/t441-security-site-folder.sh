#!/bin/bash
# A security scout's eighth round, on the pointer to a site's folder: a
# commit whose top folio.yaml holds a site_folder: that names no folder of
# it (a/../b, /x, a file, a folder the commit lacks, beside another key)
# was an operational error, not a finding: folio check exited 2, and
# folio watch, given the commit another way than through the hooks (a
# mirror's fetch from a forge, git update-ref), logged "retrying" at every
# turn and never judged it, so no later commit was ever published. It is
# a config/syntax error at folio.yaml's line now: check exits 1, and the
# daemon judges the commit invalid once and publishes the next good one
# (a branch's preview of it was retried at every turn too).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

mkdir -p "$TEST_DIR/src/pages"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n' >"$TEST_DIR/src/folio.yaml"
printf -- '---\ntitle: Home\n---\nHello.\n' >"$TEST_DIR/src/pages/home.md"
git -C "$TEST_DIR/src" init -q
git -C "$TEST_DIR/src" add -A
git -C "$TEST_DIR/src" commit -qm base

# folio check: a finding at the line, exit 1
for v in '"a/../b"' '"/x"' '"pages/home.md"' '"nothere"' '""'; do
	printf 'site_folder: %s\n' "$v" >"$TEST_DIR/src/folio.yaml"
	git -C "$TEST_DIR/src" commit -qam "site_folder $v"
	set +e
	"$FOLIO" check --repo "$TEST_DIR/src" >"$TEST_DIR/check.txt" 2>&1
	rc=$?
	set -e
	[ $rc -eq 1 ] || fail "site_folder: $v: check exited $rc, not 1: $(cat "$TEST_DIR/check.txt")"
	assert_contains "$TEST_DIR/check.txt" "folio.yaml:1: error: site_folder: "
	assert_contains "$TEST_DIR/check.txt" "[config/syntax]"
	git -C "$TEST_DIR/src" reset -q --hard HEAD~1
done
printf 'site_folder: pages\ntitle: x\n' >"$TEST_DIR/src/folio.yaml"
git -C "$TEST_DIR/src" commit -qam "beside a key"
set +e
"$FOLIO" check --repo "$TEST_DIR/src" >"$TEST_DIR/check.txt" 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || fail "site_folder beside a key: check exited $rc, not 1: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'folio.yaml:2: error: this folio.yaml names the site'
git -C "$TEST_DIR/src" reset -q --hard HEAD~1

# folio watch: the commit arrives without the hooks, then a good one on it
watch_test
watch_start "$TEST_DIR/src"
T=$(git -C "$BARE" rev-parse "main^{tree}")
Y=$(printf 'site_folder: a/../b\n' | git -C "$BARE" hash-object -w --stdin)
BADT=$(git -C "$BARE" ls-tree main | sed "s/[0-9a-f]\{40\}\tfolio.yaml$/$Y\tfolio.yaml/" | git -C "$BARE" mktree)
BAD=$(git -C "$BARE" commit-tree "$BADT" -p "$FIRST" -m "site_folder a/../b")
git -C "$BARE" update-ref refs/heads/main "$BAD"
git -C "$BARE" update-ref refs/heads/feat "$BAD" # a branch preview's, too
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 verdict_is "$BAD" 1 0 || fail "the commit was not judged invalid: $(status) $(cat "$LOG")"
GOOD=$(git -C "$BARE" commit-tree "$T" -p "$BAD" -m "good again")
git -C "$BARE" update-ref refs/heads/main "$GOOD"
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 published_is "$GOOD" || fail "the next good commit was not published: $(status) $(cat "$LOG")"
[ "$(grep -c 'retrying' "$LOG")" -eq 0 ] || fail "the daemon retried: $(cat "$LOG")"
wait_until 30 grep -qF "preview 'feat' of refs/heads/feat at ${BAD:0:12}: not published, 1 errors" "$LOG" ||
	fail "the preview was not judged: $(cat "$LOG")"
! grep -q "error watch: preview 'feat'" "$LOG" || fail "the preview failed: $(cat "$LOG")"
echo "PASS"

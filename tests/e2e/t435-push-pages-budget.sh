#!/bin/bash
# push-pages bounds what one push makes the server check: a pusher chooses
# how many commits a push holds, and each may cost a whole site's check (50
# commits touching folio.yaml at 2,000 pages took 39 s in the hook). Each
# commit checked counts the pages its check read, at least 100; past the
# server's push-pages the commits before a branch's tip are not checked,
# the published tip always is (it decides the push), and a strict history
# refuses such a push. The daemon spends a turn's judging the same way and
# still publishes the tip. With push-pages 300 and 13 pages, three commits
# are checked before the tip.
. "$(dirname "$0")/lib.sh"

LOG=$TEST_DIR/daemon.log
daemon_test # DAEMON_PID killed at exit; PORT, URL

BARE=$TEST_DIR/site.git
CONF=$TEST_DIR/site.conf
cat >"$CONF" <<EOF
FOLIO_REPO=$BARE
FOLIO_OUT=$TEST_DIR/public
FOLIO_STATE=$TEST_DIR/state
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_POLL=1
FOLIO_PARTNER_SECRETS=
FOLIO_LIMIT_PUSH_PAGES=300
EOF
git init -q --bare "$BARE"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$BARE" "$FOLIO" >/dev/null
git -C "$BARE" config folio.config "$CONF"
clone=$TEST_DIR/clone
make_repo "$clone"
git -C "$clone" remote add origin "$BARE"
git -C "$clone" push -q origin main 2>"$TEST_DIR/push0" || fail "the sample site was refused: $(cat "$TEST_DIR/push0")"
first=$(git -C "$clone" rev-parse main)
cd "$clone"

"$FOLIO" watch --config "$CONF" --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 20 healthy || fail "daemon not listening: $(cat "$LOG")"
wait_until 60 published_is "$first" || fail "the first commit not published: $(status)"

# commit N [broken|fixed]: a commit of its own; the fifth breaks a page
# (a finding a check of it reports) and the sixth mends it
commit() {
	echo "Ligne $1." >>pages/presentation.md
	case ${2:-} in
	broken) printf -- '---\ntitle: [\n---\nCassé.\n' >pages/casse.md ;;
	fixed) rm -f pages/casse.md ;;
	esac
	git add -A
	git commit -qm "commit $1"
}
for i in 1 2 3 4; do commit $i; done
commit 5 broken
commit 6 fixed
ids=($(git rev-list --reverse "$first"..main))
[ ${#ids[@]} = 6 ] || fail "expected 6 commits, got ${#ids[@]}"
git push origin main >"$TEST_DIR/push1" 2>&1 || fail "six commits with a clean tip refused: $(cat "$TEST_DIR/push1")"
assert_contains "$TEST_DIR/push1" "4 new commits checked"
assert_contains "$TEST_DIR/push1" "refs/heads/main: 2 new commits not checked, past this server's push-pages budget (300 pages); its tip was checked"
# the fifth commit was not checked: its finding is not reported
assert_not_contains "$TEST_DIR/push1" "pages/casse.md"
echo "ok the hook checks three commits and the tip, and says two were not checked"

# the daemon judges three commits before the tip (a note each), not the
# fourth and fifth, and publishes the tip
wait_until 60 published_is "${ids[5]}" || fail "the tip not published: $(status) $(tail -5 "$LOG")"
for k in 0 1 2 5; do
	git -C "$BARE" notes --ref folio show "${ids[$k]}" >/dev/null 2>&1 || fail "commit $((k + 1)) has no verdict note"
done
for k in 3 4; do
	! git -C "$BARE" notes --ref folio show "${ids[$k]}" >/dev/null 2>&1 || fail "commit $((k + 1)) was judged past push-pages"
done
assert_contains "$LOG" "2 commits before ${ids[5]:0:12} not judged: this turn's checks passed push-pages (300 pages)"
echo "ok the daemon judges three commits, skips two and publishes the tip"

# past the budget the tip is still checked: a broken tip is refused
for i in 7 8 9 10 11; do commit $i; done
commit 12 broken
git push origin main >"$TEST_DIR/push2" 2>&1 && fail "a broken tip past push-pages was accepted: $(cat "$TEST_DIR/push2")"
assert_contains "$TEST_DIR/push2" "pages/casse.md"
assert_contains "$TEST_DIR/push2" "[remote rejected] main -> main (pre-receive hook declined)"
[ "$(git -C "$BARE" rev-parse main)" = "${ids[5]}" ] || fail "the server's main moved"
echo "ok a broken tip is refused past the budget"

# a strict history needs every commit checked: too many refuse the push,
# three (within the budget with the tip) pass
git reset -q --hard "${ids[5]}"
git -C "$BARE" config folio.strictHistory true
for i in 13 14 15 16 17; do commit $i; done
git push origin main >"$TEST_DIR/push3" 2>&1 && fail "a strict history accepted unchecked commits: $(cat "$TEST_DIR/push3")"
assert_contains "$TEST_DIR/push3" "1 new commit not checked, past this server's push-pages budget (300 pages) and it keeps a strict history; push fewer commits at a time"
git push origin HEAD~2:main >"$TEST_DIR/push4" 2>&1 || fail "three commits refused under a strict history: $(cat "$TEST_DIR/push4")"
assert_not_contains "$TEST_DIR/push4" "not checked"
echo "ok a strict history refuses commits it cannot check and takes them in parts"

# folio check A..B spends it as the hooks do (the post-receive hook of a
# server without a daemon runs it on each push): the same two commits
# are left, and --strict-history fails on them
rc=0
"$FOLIO" check --limit push-pages=300 "$first..${ids[5]}" >"$TEST_DIR/range.out" 2>"$TEST_DIR/range.err" || rc=$?
[ $rc = 0 ] || fail "the range failed ($rc): $(cat "$TEST_DIR/range.err")"
assert_contains "$TEST_DIR/range.err" "folio check: warning: 2 commits of the range not checked, past push-pages (300 pages); its last commit was checked"
assert_not_contains "$TEST_DIR/range.out" "pages/casse.md"
rc=0
"$FOLIO" check --strict-history --limit push-pages=300 "$first..${ids[5]}" >/dev/null 2>"$TEST_DIR/strict.err" || rc=$?
[ $rc = 1 ] || fail "a strict range with unchecked commits exited $rc"
assert_contains "$TEST_DIR/strict.err" "a strict history needs every one"
"$FOLIO" check "$first..${ids[5]}" >"$TEST_DIR/whole.out" 2>&1 || true
assert_contains "$TEST_DIR/whole.out" "pages/casse.md"
echo "ok folio check leaves the same commits of a range, and a strict one fails"

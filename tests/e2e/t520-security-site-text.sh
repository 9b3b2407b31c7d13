#!/bin/bash
# site-text bounds the page text one check, build or publish reads and
# parses. site-size stops rendering once passed, but every page was still
# parsed, and git stores one blob for any number of paths: 400 pages of one
# 3.9 MB text (a 1.8 MB push) took 25 s of CPU to check, and site-files
# allows 260,000 pages. Each page's size is read from its blob's header and
# summed in path order before any is parsed: past the limit one
# budget/site-text error names the page that passed it and no page is
# parsed, in check, check --state, a full build, a publish from the state,
# the hook and the daemon alike. The server raises it like any budget.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
# pages/pNNN.md: count paths of one blob of about size bytes of paragraphs
many_pages() {
	local count=$1 size=$2 blob
	blob=$(python3 -c '
import sys
size = int(sys.argv[1])
para = "Une phrase de texte ordinaire pour remplir la page, sans rien de plus. " * 10 + "\n\n"
sys.stdout.write("---\ntitle: Page\n---\n" + para * (size // len(para)))
' "$size" | git hash-object -w --stdin)
	for i in $(seq -f '%03g' 0 $((count - 1))); do
		printf '100644 %s\tpages/p%s.md\n' "$blob" "$i"
	done | git update-index --index-info
	git commit -qm "$count pages of $size bytes"
}

# 400 pages of 3.9 MB under the default (1 GiB): refused from the headers,
# before any page is parsed (25 s of CPU before, killed here)
many_pages 400 3900000
TEXT="pages/p275.md: error: the pages' text passes the site-text limit of 1073741824 bytes at this page"
rc=0
( ulimit -t 8; "$FOLIO" check HEAD ) >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc (137 or 152: killed): $(head -c 2000 "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "$TEXT"
assert_contains "$TEST_DIR/check.txt" "[budget/site-text]"
[ "$(grep -c ': error: ' "$TEST_DIR/check.txt")" = 1 ] || fail "the budget's error does not stand alone: $(head -c 2000 "$TEST_DIR/check.txt")"
rc=0
( ulimit -t 8; "$FOLIO" build --out "$TEST_DIR/out" ) >"$TEST_DIR/build.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "build exit $rc: $(head -c 2000 "$TEST_DIR/build.txt")"
assert_contains "$TEST_DIR/build.txt" "$TEXT"
[ ! -e "$TEST_DIR/out" ] || fail "the refused build wrote files"
# from the state of the commit before: the fast path, the publish
git reset -q --hard HEAD~1
publish "$s" "$TEST_DIR/pub" "$TEST_DIR/state" "the sample"
git reset -q --hard ORIG_HEAD
rc=0
( ulimit -t 8; "$FOLIO" check --state "$TEST_DIR/state" HEAD ) >"$TEST_DIR/fast.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check --state exit $rc: $(head -c 2000 "$TEST_DIR/fast.txt")"
assert_contains "$TEST_DIR/fast.txt" "$TEXT"
rc=0
( ulimit -t 8; "$FOLIO" build --quiet --repo "$s" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" ) \
	>"$TEST_DIR/inc.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "the publish from the state exit $rc: $(head -c 2000 "$TEST_DIR/inc.txt")"
assert_contains "$TEST_DIR/inc.txt" "$TEXT"
[ ! -e "$TEST_DIR/pub/pages/p000" ] || fail "the refused publish wrote pages"
echo "ok 400 pages of 3.9 MB: check, check --state, build and a publish stop at site-text"
git reset -q --hard HEAD~1

# 40 pages of 100 KB, 4 MB: past a limit of 2M at the 21st, through at 8M,
# on the full path and the fast path alike
many_pages 40 100000
TEXT="pages/p020.md: error: the pages' text passes the site-text limit of 2097152 bytes at this page"
rc=0
"$FOLIO" check --limit site-text=2M HEAD >"$TEST_DIR/low.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check at 2M exit $rc: $(head -c 2000 "$TEST_DIR/low.txt")"
assert_contains "$TEST_DIR/low.txt" "$TEXT"
rc=0
"$FOLIO" check --state "$TEST_DIR/state" --limit site-text=2M HEAD >"$TEST_DIR/low-fast.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check --state at 2M exit $rc: $(head -c 2000 "$TEST_DIR/low-fast.txt")"
assert_contains "$TEST_DIR/low-fast.txt" "$TEXT"
"$FOLIO" check --limit site-text=8M HEAD >"$TEST_DIR/high.txt" 2>&1 || fail "refused at 8M: $(head -c 2000 "$TEST_DIR/high.txt")"
"$FOLIO" check --state "$TEST_DIR/state" --limit site-text=8M HEAD >"$TEST_DIR/high-fast.txt" 2>&1 ||
	fail "check --state refused at 8M: $(head -c 2000 "$TEST_DIR/high-fast.txt")"
assert_not_contains "$TEST_DIR/high.txt" "budget/site-text"
echo "ok 40 pages of 100 KB: refused at site-text=2M, through at 8M"

# the hook and the daemon take the server's FOLIO_LIMIT_SITE_TEXT
LOG=$TEST_DIR/daemon.log
daemon_test
BARE=$TEST_DIR/site.git
CONF=$TEST_DIR/site.conf
cat >"$CONF" <<EOF
FOLIO_REPO=$BARE
FOLIO_OUT=$TEST_DIR/public
FOLIO_STATE=$TEST_DIR/dstate
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_POLL=1
FOLIO_PARTNER_SECRETS=
FOLIO_LIMIT_SITE_TEXT=2M
EOF
git init -q --bare "$BARE"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$BARE" "$FOLIO" >/dev/null
git -C "$BARE" config folio.config "$CONF"
git push -q "$BARE" HEAD~1:refs/heads/main 2>"$TEST_DIR/push0" || fail "the sample was refused: $(cat "$TEST_DIR/push0")"
good=$(git rev-parse HEAD~1)
git push "$BARE" HEAD:refs/heads/main >"$TEST_DIR/push.txt" 2>&1 && fail "the pages past site-text were pushed"
assert_contains "$TEST_DIR/push.txt" "$TEXT"
echo "ok the hook takes the server's site-text"
"$FOLIO" watch --config "$CONF" --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 20 healthy || fail "daemon not listening: $(cat "$LOG")"
wait_until 30 published_is "$good" || fail "the good commit not published: $(status)"
over=$(git rev-parse HEAD)
git -C "$BARE" fetch -q "$s" "$over" # behind the hook's back
git -C "$BARE" update-ref refs/heads/main "$over"
refused_seen() {
	grep -q "verdict ${over:0:12}: invalid" "$LOG" && grep -qF "$TEXT" "$LOG"
}
wait_until 60 refused_seen || fail "the daemon did not refuse the pages: $(tail -5 "$LOG")"
healthy || fail "the daemon stopped"
published_is "$good" || fail "the daemon published past site-text: $(status)"
[ ! -e "$TEST_DIR/public/pages/p000" ] || fail "a page past site-text was written"
echo "ok the daemon refuses the commit past site-text, keeps the last good site and runs on"

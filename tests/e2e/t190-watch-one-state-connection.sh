#!/bin/bash
# folio watch opens its state file once: the turn that publishes and the
# delivery thread share one SQLite connection (each transaction holds it),
# and a publish borrows it rather than opening its own. After publishes and
# deliveries, the running daemon has exactly one open file that is
# state.sqlite (its -wal and -shm aside), read from /proc/PID/fd.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

[ -d /proc/self/fd ] || { echo "no /proc" >&2; exit 77; }
watch_test # the daemon killed at exit; PORT, URL, BARE, SOCK, OUT, STATE, LOG
RECEIVER=
trap '[ -z "$RECEIVER" ] || kill -9 "$RECEIVER" 2>/dev/null; daemon_test_cleanup' EXIT

RPORT=$(free_port)
SECRET="whsec_$(openssl rand -base64 32)"
export FOLIO_SECRET_TESTPARTNER=$SECRET
(umask 077 && echo "testpartner=$SECRET" >"$TEST_DIR/receiver-secret")

site_with_partner "$TEST_DIR/src" testpartner "$RPORT"
make_repo "$TEST_DIR/site" "$TEST_DIR/src"

"$FOLIO" receive --listen "127.0.0.1:$RPORT" --secret-file "$TEST_DIR/receiver-secret" \
	--dir "$TEST_DIR/received" 2>"$TEST_DIR/receiver.log" &
RECEIVER=$!
wait_until 20 grep -q "listening on port" "$TEST_DIR/receiver.log" ||
	fail "receiver not listening: $(cat "$TEST_DIR/receiver.log")"
FOLIO_PARTNER_ALLOW="http://127.0.0.1:$RPORT" watch_start "$TEST_DIR/site" # $FIRST published

delivered() { # delivered COMMIT: the receiver's last.json is that commit's
	[ -f "$TEST_DIR/received/last.json" ] &&
		python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["commit"] != sys.argv[2])' \
			"$TEST_DIR/received/last.json" "$1" 2>/dev/null
}

wait_until 60 delivered "$FIRST" ||
	fail "first commit not delivered: $(cat "$LOG" "$TEST_DIR/receiver.log")"

# two more publishes, each delivered: the thread's transactions and the turn's
for n in 1 2; do
	sed -i "s/^title: .*/title: Rencontre renommée $n/" "$TEST_DIR/clone/events/rencontre-associations-recherche-2019.md"
	git -C "$TEST_DIR/clone" commit -qam "Rename the event ($n)"
	git -C "$TEST_DIR/clone" push -q origin main
	NEW=$(git -C "$TEST_DIR/clone" rev-parse HEAD)
	wait_until 60 delivered "$NEW" || fail "$NEW not delivered: $(cat "$LOG")"
done
assert_contains "$TEST_DIR/received/events.json" "Rencontre renommée 2"

links=$(open_count "$STATE/state.sqlite")
[ "$links" = 1 ] || fail "the daemon has state.sqlite open $links times, not once: $(ls -l /proc/"$DAEMON_PID"/fd)"
# the outbox, read by another process while the daemon runs, is consistent
"$FOLIO" deliveries list --state "$STATE" >"$TEST_DIR/list.out" 2>&1 ||
	fail "deliveries list failed: $(cat "$TEST_DIR/list.out")"
assert_contains "$TEST_DIR/list.out" "testpartner"
! grep -q "database is locked\|cannot" "$LOG" || fail "state errors: $(cat "$LOG")"

kill -TERM "$DAEMON_PID"
wait_until 20 gone "$DAEMON_PID" || fail "daemon did not stop"
wait "$DAEMON_PID" || fail "daemon exit status $?"
echo "ok"

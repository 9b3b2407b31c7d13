#!/bin/bash
# folio watch opens its state file once: the turn that publishes and the
# delivery thread share one SQLite connection (each transaction holds it),
# and a publish borrows it rather than opening its own. After publishes and
# deliveries, the running daemon has exactly one open file that is
# state.sqlite (its -wal and -shm aside), read from /proc/PID/fd.
. "$(dirname "$0")/lib.sh"

[ -d /proc/self/fd ] || { echo "no /proc" >&2; exit 77; }
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT

PORT=$(free_port)
RPORT=$(free_port)
SECRET="whsec_$(openssl rand -base64 32)"
export FOLIO_SECRET_TESTPARTNER=$SECRET
(umask 077 && echo "testpartner=$SECRET" >"$TEST_DIR/receiver-secret")

site_with_partner "$TEST_DIR/src" testpartner "$RPORT"
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/site" "$TEST_DIR/site.git"

"$FOLIO" receive --listen "127.0.0.1:$RPORT" --secret-file "$TEST_DIR/receiver-secret" \
	--dir "$TEST_DIR/received" 2>"$TEST_DIR/receiver.log" &
PIDS+=($!)
wait_until 20 grep -q "listening on port" "$TEST_DIR/receiver.log" ||
	fail "receiver not listening: $(cat "$TEST_DIR/receiver.log")"
FOLIO_PARTNER_ALLOW="http://127.0.0.1:$RPORT" "$FOLIO" watch --repo "$TEST_DIR/site.git" \
	--out "$TEST_DIR/public" --state "$TEST_DIR/state" --listen "127.0.0.1:$PORT" 2>"$TEST_DIR/daemon.log" &
DAEMON=$!
PIDS+=($DAEMON)

delivered() { # delivered COMMIT: the receiver's last.json is that commit's
	[ -f "$TEST_DIR/received/last.json" ] &&
		python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["commit"] != sys.argv[2])' \
			"$TEST_DIR/received/last.json" "$1" 2>/dev/null
}
# the open files of the daemon that are its state file
state_links() {
	local n=0 f
	for f in /proc/"$DAEMON"/fd/*; do
		[ "$(readlink "$f" 2>/dev/null)" = "$(realpath "$TEST_DIR/state")/state.sqlite" ] && n=$((n + 1))
	done
	echo "$n"
}

wait_until 60 delivered "$(git -C "$TEST_DIR/site.git" rev-parse main)" ||
	fail "first commit not delivered: $(cat "$TEST_DIR/daemon.log" "$TEST_DIR/receiver.log")"

# two more publishes, each delivered: the thread's transactions and the turn's
git clone -q "$TEST_DIR/site.git" "$TEST_DIR/clone"
for n in 1 2; do
	sed -i "s/^title: .*/title: Rencontre renommée $n/" "$TEST_DIR/clone/events/rencontre-associations-recherche-2019.md"
	git -C "$TEST_DIR/clone" commit -qam "Rename the event ($n)"
	git -C "$TEST_DIR/clone" push -q origin main
	NEW=$(git -C "$TEST_DIR/clone" rev-parse HEAD)
	wait_until 60 delivered "$NEW" || fail "$NEW not delivered: $(cat "$TEST_DIR/daemon.log")"
done
assert_contains "$TEST_DIR/received/events.json" "Rencontre renommée 2"

links=$(state_links)
[ "$links" = 1 ] || fail "the daemon has state.sqlite open $links times, not once: $(ls -l /proc/"$DAEMON"/fd)"
# the outbox, read by another process while the daemon runs, is consistent
"$FOLIO" deliveries list --state "$TEST_DIR/state" >"$TEST_DIR/list.out" 2>&1 ||
	fail "deliveries list failed: $(cat "$TEST_DIR/list.out")"
assert_contains "$TEST_DIR/list.out" "testpartner"
! grep -q "database is locked\|cannot" "$TEST_DIR/daemon.log" || fail "state errors: $(cat "$TEST_DIR/daemon.log")"

kill -TERM "$DAEMON"
wait_until 20 gone "$DAEMON" || fail "daemon did not stop"
wait "$DAEMON" || fail "daemon exit status $?"
echo "ok"

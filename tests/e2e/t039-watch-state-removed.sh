#!/bin/bash
# The daemon's lock (<state>/daemon.lock, an flock) is held on a file: when
# the state directory is deleted under a running daemon, the daemon notices
# (the lock's path no longer names its locked file), logs why and exits
# non-zero, so the service manager restarts it; the next daemon re-creates
# the state and publishes. Two daemons never run on one state at once: while
# the first has not noticed yet, a second is refused by a lock named after
# the state's path (an abstract Unix socket), which no deletion removes.
. "$(dirname "$0")/lib.sh"

PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT

PORT=$(free_port)
URL=http://127.0.0.1:$PORT
SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/public
STATE=$TEST_DIR/state

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
FIRST=$(git -C "$BARE" rev-parse main)

start_daemon() { # start_daemon LOG: its pid in DAEMON
	"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --listen "127.0.0.1:$PORT" \
		--socket "$SOCK" --poll 3600 --no-deliver 2>>"$1" &
	DAEMON=$!
	PIDS+=("$DAEMON")
}

start_daemon "$TEST_DIR/a.log"
A=$DAEMON
wait_until 30 published_is "$FIRST" || fail "first commit not published: $(status) $(cat "$TEST_DIR/a.log")"

# A second daemon on the same state is refused while the first holds it.
"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --no-deliver 2>"$TEST_DIR/refused.log" \
	&& fail "a second daemon ran on a held state"
assert_contains "$TEST_DIR/refused.log" "already watched by another folio daemon (pid $A)"

# The state directory is deleted while the daemon is frozen (SIGSTOP), so it
# cannot notice yet: a second daemon on the same path is refused all the same
# (the lock file went with the directory; the lock named after the path did not).
kill -STOP "$A"
rm -rf "$STATE"
rc=0
timeout 60 "$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --no-deliver 2>"$TEST_DIR/refused2.log" || rc=$? # bounded: a daemon that starts runs on
[ $rc -eq 2 ] || fail "a second daemon ran beside the first on a re-created state: exit $rc, $(cat "$TEST_DIR/refused2.log")"
assert_contains "$TEST_DIR/refused2.log" "is already watched by another folio daemon (its lock file was removed"

# Thawed, the daemon notices (inotify saw the lock file go; a wake-up, as a
# push's post-receive sends, would do too) and stops with a failure.
kill -CONT "$A"
"$FOLIO" notify --socket "$SOCK" || true # the daemon may already be stopping
wait_until 30 gone "$A" || fail "the daemon still runs on a deleted state: $(cat "$TEST_DIR/a.log")"
rc=0
wait "$A" || rc=$?
[ "$rc" -ne 0 ] || fail "the daemon stopped with status 0: a service manager would not restart it"
assert_contains "$TEST_DIR/a.log" "was removed or replaced under the running daemon"
assert_not_contains "$TEST_DIR/a.log" "info watch: stopped"
assert_not_contains "$TEST_DIR/a.log" "Sanitizer" # under the ASan build: the stop frees all

# Only now does a second daemon start: the state is re-created, the site published.
start_daemon "$TEST_DIR/b.log"
B=$DAEMON
wait_until 30 published_is "$FIRST" || fail "the restarted daemon does not publish: $(status) $(cat "$TEST_DIR/b.log")"
[ "$(head -1 "$STATE/daemon.lock")" = "$B" ] || fail "the lock does not name the new daemon"
gone "$A" || fail "two daemons run at once"

kill -TERM "$B"
wait_until 30 gone "$B" || fail "daemon did not stop"
wait "$B" || fail "daemon exit status $?: $(cat "$TEST_DIR/b.log")"
echo "ok"

#!/bin/bash
# Clients that trickle their headers cannot shut the daemon's HTTP side
# (/healthz, /status, /webhook) out. libmicrohttpd cuts a connection after
# 10 s of silence only: 64 clients each sending a header line every few
# seconds held all 64 connections, and /healthz went unanswered for as long
# as they went on (a scout's slowloris). Now a connection lives at most 10 s
# before its headers end (util/conn_clock.h), and 256 are served.
# 300 such clients (past the 256) keep trickling for the whole test: the
# first answer to /healthz comes once the sweep has cut them, and a push is
# published meanwhile. With the old daemon /healthz never answered.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

watch_test # DAEMON_PID killed at exit; PORT, URL, BARE, SOCK, LOG
make_repo "$TEST_DIR/src"
watch_start "$TEST_DIR/src" # with a working clone in $TEST_DIR/clone

# 300 connections, each sending one more header line every 2 s, for 90 s
python3 - "$PORT" 300 90 >"$TEST_DIR/slow.log" 2>&1 <<'PY' &
import socket, sys, time
port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
held = []
for i in range(n):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        held.append(s)
    except OSError:
        break
print("opened", len(held), flush=True)
end = time.time() + seconds
while time.time() < end:
    for s in list(held):
        try:
            s.sendall(b"X-Slow: 1\r\n")
        except OSError:
            held.remove(s) # cut by the daemon: not reopened
    time.sleep(2)
print("still held", len(held), flush=True)
PY
SLOW=$!
wait_until 30 grep -q '^opened' "$TEST_DIR/slow.log" || fail "the slow clients did not start"
# a push while they hold on: published (pushes reach the daemon by its socket)
printf -- '---\ntitle: Pendant\n---\nPendant la lenteur.\n' >"$TEST_DIR/clone/pages/pendant.md"
git -C "$TEST_DIR/clone" add -A && git -C "$TEST_DIR/clone" -c user.name=t -c user.email=t@t commit -qm "a page"
git -C "$TEST_DIR/clone" push -q origin main
NEW=$(git -C "$BARE" rev-parse main)
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 healthy || fail "/healthz unanswered while slow clients trickle: $(cat "$TEST_DIR/slow.log")"
wait_until 60 published_is "$NEW" || fail "the push was not published: $(status) $(cat "$LOG")"
kill -0 "$SLOW" 2>/dev/null || fail "the slow clients stopped before the checks: $(cat "$TEST_DIR/slow.log")"
kill "$SLOW" 2>/dev/null
wait "$SLOW" 2>/dev/null || true
kill -0 "$DAEMON_PID" || fail "the daemon died"
echo ok

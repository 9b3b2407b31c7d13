#!/usr/bin/env bash
# folio receive under hostile clients (issue 11, item 4): requests without
# valid webhook headers, without a Content-Length or over --max-body are
# answered before their body is sent; 1,000 held slow connections do not stop
# a genuine delivery from landing; 40 clients announcing 32 MiB each cannot
# take the receiver past its in-flight budget (peak RSS from /proc); and
# connections that never finish their headers are dropped. Every wait is a
# condition with a limit, never a sleep before an assert.
. "$(dirname "$0")/lib.sh"

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$TEST_DIR"' EXIT
secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
clients=$FOLIO_SOURCE_DIR/tests/e2e/slow_clients.py
printf '%s\n' "$secret" >"$TEST_DIR/secret"
chmod 600 "$TEST_DIR/secret"

# start_rx NAME ARGS...: a receiver writing to $TEST_DIR/NAME; sets rx_pid, port
start_rx() {
	local name=$1
	shift
	"$FOLIO" receive --listen 127.0.0.1:0 --secret-file "$TEST_DIR/secret" --dir "$TEST_DIR/$name" \
		"$@" 2>"$TEST_DIR/$name.log" &
	rx_pid=$!
	pids+=("$rx_pid")
	wait_until 20 grep -qs "listening on port" "$TEST_DIR/$name.log" ||
		fail "$name did not listen: $(cat "$TEST_DIR/$name.log")"
	port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$TEST_DIR/$name.log")
}

# open_fds PID: how many files the process holds (its accepted sockets among them)
open_fds() { ls "/proc/$1/fd" | wc -l; }
fds_at_least() { [ "$(open_fds "$1")" -ge "$2" ]; }
fds_below() { [ "$(open_fds "$1")" -lt "$2" ]; }

# deliver PORT ID: a genuine signed delivery with curl; prints the HTTP status
deliver() {
	local ts
	ts=$(date +%s)
	printf '{"type":"folio.publish","commit":"%s","collections":{"events":{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"https://s.example/e/%s/"}]}}}' \
		"$2" "$2" >"$TEST_DIR/body-$2.json"
	local sig
	sig=$(python3 - "$secret" "$2" "$ts" "$TEST_DIR/body-$2.json" <<'PY'
import base64, hashlib, hmac, sys
secret, msg_id, ts, path = sys.argv[1:]
key = base64.b64decode(secret.removeprefix("whsec_"))
mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + open(path, "rb").read(), hashlib.sha256).digest()
print("v1," + base64.b64encode(mac).decode())
PY
)
	curl -s -o "$TEST_DIR/answer" -w '%{http_code}' --max-time 10 -X POST \
		-H "content-type: application/json" -H "webhook-id: $2" -H "webhook-timestamp: $ts" \
		-H "webhook-signature: $sig" --data-binary "@$TEST_DIR/body-$2.json" "http://127.0.0.1:$1/folio"
}

# ---- refused on the headers alone: the body is never sent ----
start_rx early
python3 "$clients" early "$port" "$secret" >"$TEST_DIR/early.txt" || true
for expected in "unsigned 401" "no-timestamp 401" "stale 401" "bad-signature-format 401" \
	"oversized 413" "no-length 411"; do
	grep -qx "$expected" "$TEST_DIR/early.txt" || fail "expected '$expected'; got: $(cat "$TEST_DIR/early.txt")"
done
[ ! -e "$TEST_DIR/early/last.json" ] || fail "a refused request wrote something"
[ "$(deliver "$port" msg_early_ok)" = 200 ] || fail "a genuine delivery was refused: $(cat "$TEST_DIR/answer")"

# ---- 1,000 held slow connections, then a genuine delivery ----
start_rx held --header-timeout 300 --idle-timeout 300 --request-timeout 300
python3 "$clients" hold "$port" 1000 "$TEST_DIR/held.ready" 2>"$TEST_DIR/held.err" &
pids+=($!)
wait_until 60 test -e "$TEST_DIR/held.ready" || fail "the 1,000 clients did not connect: $(cat "$TEST_DIR/held.err")"
# the receiver itself has accepted them all (each is one of its open fds)
wait_until 60 fds_at_least "$rx_pid" 1000 || fail "receiver holds only $(open_fds "$rx_pid") fds"
status=$(deliver "$port" msg_under_siege)
[ "$status" = 200 ] || fail "with 1,000 slow connections held, a genuine delivery got '$status'"
assert_contains "$TEST_DIR/held/last.json" '"commit":"msg_under_siege"'
fds_at_least "$rx_pid" 1000 || fail "the slow connections were not held while the delivery landed"

# ---- connections that never finish their headers are dropped ----
start_rx reaped --header-timeout 2 --idle-timeout 300
python3 "$clients" hold "$port" 50 "$TEST_DIR/reaped.ready" 2>"$TEST_DIR/reaped.err" &
pids+=($!)
wait_until 60 test -e "$TEST_DIR/reaped.ready" || fail "the 50 clients did not connect"
wait_until 60 fds_below "$rx_pid" 40 || fail "slow connections not dropped: $(open_fds "$rx_pid") fds"

# ---- 40 clients announcing 32 MiB each: the in-flight budget holds ----
# generous deadlines: under load, the 40 clients may take a while to all be answered
start_rx budget --max-body 33554432 --max-inflight 67108864 --idle-timeout 120 --header-timeout 120 \
	--request-timeout 300
python3 "$clients" budget "$port" 40 33554432 "$secret" >"$TEST_DIR/budget.txt"
# two reservations of 32 MiB fit 64 MiB: exactly two are read, 38 refused unread
grep -qx "accepted 2 refused503 38 other \[\] final \[401, 401\]" "$TEST_DIR/budget.txt" ||
	fail "budget: $(cat "$TEST_DIR/budget.txt")"
peak_kb=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$rx_pid/status")
echo "peak RSS with 40 x 32 MiB announced: $peak_kb kB"
[ "$peak_kb" -lt $((200 * 1024)) ] || fail "receiver peak RSS $peak_kb kB, over 200 MiB"
[ "$(deliver "$port" msg_after_budget)" = 200 ] || fail "the budget was not given back"

echo "t061-receive-limits: ok"

#!/usr/bin/env bash
# folio receive from the shell, as a partner runs it: a loose secret file is
# refused; a delivery signed the way docs/deliveries.md shows (Python hmac)
# is written to DIR; a repeated id is a no-op; a bad signature and an old
# timestamp are refused with 401. Every wait is bounded.
. "$(dirname "$0")/lib.sh"

rx_pid=
trap '[ -n "$rx_pid" ] && kill "$rx_pid" 2>/dev/null; rm -rf "$TEST_DIR"' EXIT
secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw

# sign ID TS FILE: the webhook-signature of FILE's bytes
sign() {
	python3 - "$secret" "$1" "$2" "$3" <<'PY'
import base64, hashlib, hmac, sys
secret, msg_id, ts, path = sys.argv[1:]
key = base64.b64decode(secret.removeprefix("whsec_"))
body = open(path, "rb").read()
mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
print("v1," + base64.b64encode(mac).decode())
PY
}

# post ID TS SIG FILE: prints the HTTP status
post() {
	curl -s -o "$TEST_DIR/answer" -w '%{http_code}' --max-time 10 -X POST \
		-H "content-type: application/json" -H "webhook-id: $1" \
		-H "webhook-timestamp: $2" -H "webhook-signature: $3" \
		--data-binary "@$4" "http://127.0.0.1:$port/folio"
}

printf '%s\n' "$secret" >"$TEST_DIR/secret"
chmod 644 "$TEST_DIR/secret"
rc=0
"$FOLIO" receive --listen 127.0.0.1:0 --secret-file "$TEST_DIR/secret" --dir "$TEST_DIR/out" \
	2>"$TEST_DIR/err" || rc=$?
[ "$rc" = 2 ] || fail "a loose secret file gave exit $rc, not 2"
assert_contains "$TEST_DIR/err" "may be read by group or others"
assert_not_contains "$TEST_DIR/err" "MfKQ9r8"

chmod 600 "$TEST_DIR/secret"
"$FOLIO" receive --listen 127.0.0.1:0 --secret-file "$TEST_DIR/secret" --dir "$TEST_DIR/out" \
	2>"$TEST_DIR/rx.log" &
rx_pid=$!
port=
for _ in $(seq 100); do
	port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$TEST_DIR/rx.log")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || fail "folio receive did not listen within 10 s"

cat >"$TEST_DIR/body.json" <<'JSON'
{"type":"folio.publish","commit":"abc123","since":null,"changes":{"added":["https://s.example/events/a/"],"updated":[],"removed":[]},"collections":{"events":{"version":"https://jsonfeed.org/version/1.1","title":"Events","items":[{"id":"https://s.example/events/a/","title":"A"}]}}}
JSON
now=$(date +%s)
sig1=$(sign msg_1 "$now" "$TEST_DIR/body.json")
status=$(post msg_1 "$now" "$sig1" "$TEST_DIR/body.json")
[ "$status" = 200 ] || fail "a good delivery got $status: $(cat "$TEST_DIR/answer")"
assert_contains "$TEST_DIR/out/events.json" '"https://s.example/events/a/"'
cmp -s "$TEST_DIR/out/last.json" "$TEST_DIR/body.json" || fail "last.json is not the body delivered"
grep -qx msg_1 "$TEST_DIR/out/.seen" || fail ".seen does not hold msg_1"

rm "$TEST_DIR/out/events.json"
status=$(post msg_1 "$now" "$sig1" "$TEST_DIR/body.json")
[ "$status" = 200 ] || fail "a repeated id got $status"
[ ! -e "$TEST_DIR/out/events.json" ] || fail "a repeated id was written again"
assert_contains "$TEST_DIR/rx.log" "duplicate"

status=$(post msg_2 "$now" "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" "$TEST_DIR/body.json")
[ "$status" = 401 ] || fail "a bad signature got $status"
old=$((now - 3600))
status=$(post msg_3 "$old" "$(sign msg_3 "$old" "$TEST_DIR/body.json")" "$TEST_DIR/body.json")
[ "$status" = 401 ] || fail "an old timestamp got $status"
assert_contains "$TEST_DIR/answer" "more than 300 seconds"
[ ! -e "$TEST_DIR/out/events.json" ] || fail "a refused delivery was written"

kill "$rx_pid"
wait "$rx_pid" || fail "folio receive did not stop cleanly on SIGTERM"
rx_pid=
echo "t060-receive-cli: ok"

#!/bin/bash
# Partner deliveries that can never succeed are visible, not retried forever
# (issue 11, items 2 and 6). A partner on loopback is refused when the
# server's allow-list does not name it: no request reaches it, and /status
# and `folio deliveries list` say why. Once listed (FOLIO_PARTNER_ALLOW in the
# server config), a partner answering 413 is a permanent failure with its
# status and reason, until `folio deliveries retry all` after the fix.
. "$(dirname "$0")/lib.sh"

PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT
unset FOLIO_PARTNER_ALLOW

PORT=$(free_port)
URL=http://127.0.0.1:$PORT
SECRET="whsec_$(openssl rand -base64 32)"
export FOLIO_SECRET_TESTPARTNER=$SECRET

mkdir -p "$TEST_DIR/fake"
python3 "$FOLIO_SOURCE_DIR/tests/e2e/fake_partner.py" --dir "$TEST_DIR/fake" --secret "$SECRET" &
PIDS+=($!)
wait_until 20 test -s "$TEST_DIR/fake/port" || fail "fake partner did not start"
FPORT=$(cat "$TEST_DIR/fake/port")
echo 413 >"$TEST_DIR/fake/mode"
requests() { find "$TEST_DIR/fake" -name 'req-*.json' | wc -l; }

site_with_partner "$TEST_DIR/src" testpartner "$FPORT"
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/site" "$TEST_DIR/site.git"
COMMIT=$(git -C "$TEST_DIR/site" rev-parse HEAD)

# partners_failed_has TEXT: /status lists a stopped partner and TEXT in it
partners_failed_has() {
	status | python3 -c 'import json, sys
failed = json.load(sys.stdin)["partners_failed"] or []
sys.exit(0 if any(sys.argv[1] in json.dumps(p) for p in failed) else 1)' "$1" 2>/dev/null
}
partners_failed_empty() { status | grep -qF '"partners_failed":[]'; }

# ---- no allow-list: the default refuses http to loopback ----
"$FOLIO" watch --repo "$TEST_DIR/site.git" --out "$TEST_DIR/public" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" 2>"$TEST_DIR/daemon1.log" &
DAEMON=$!
PIDS+=($DAEMON)
wait_until 60 published_is "$COMMIT" || fail "not published: $(cat "$TEST_DIR/daemon1.log")"
wait_until 60 partners_failed_has "not allowed by the server's allow-list" ||
	fail "/status does not show the refused partner: $(status) $(cat "$TEST_DIR/daemon1.log")"
partners_failed_has '"partner": "testpartner"' || fail "/status does not name the partner: $(status)"
grep -q "error deliver: delivery msg_[0-9a-f]* to partner 'testpartner' failed for good" "$TEST_DIR/daemon1.log" ||
	fail "the refusal is not logged: $(cat "$TEST_DIR/daemon1.log")"
[ "$(requests)" = 0 ] || fail "a request reached a partner the allow-list refuses"
kill "$DAEMON"
wait_until 30 gone "$DAEMON" || fail "daemon did not stop"

"$FOLIO" deliveries --state "$TEST_DIR/state" list >"$TEST_DIR/list1.txt"
assert_contains "$TEST_DIR/list1.txt" "testpartner          failed"
assert_contains "$TEST_DIR/list1.txt" "FOLIO_PARTNER_ALLOW"
assert_contains "$TEST_DIR/list1.txt" "folio deliveries retry all"

# ---- listed in the server config: the partner's 413 is permanent ----
cat >"$TEST_DIR/site.conf" <<CONF
FOLIO_REPO=$TEST_DIR/site.git
FOLIO_OUT=$TEST_DIR/public
FOLIO_STATE=$TEST_DIR/state
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_PARTNER_ALLOW=http://127.0.0.1:$FPORT
CONF
# without a daemon, retry sends at once (with the same allow-list, from the environment)
FOLIO_PARTNER_ALLOW=http://127.0.0.1:$FPORT "$FOLIO" deliveries --state "$TEST_DIR/state" retry all \
	>"$TEST_DIR/retry1.txt"
assert_contains "$TEST_DIR/retry1.txt" "1 sent, 0 delivered, 0 failed, 1 failed for good"
"$FOLIO" deliveries --state "$TEST_DIR/state" list >"$TEST_DIR/list2.txt"
assert_contains "$TEST_DIR/list2.txt" "HTTP 413: {\"error\": \"test\"}"
[ "$(requests)" = 1 ] || fail "expected one request, got $(requests)"

"$FOLIO" watch --config "$TEST_DIR/site.conf" 2>"$TEST_DIR/daemon2.log" &
DAEMON=$!
PIDS+=($DAEMON)
wait_until 60 partners_failed_has '"http_status": 413' ||
	fail "/status does not show the 413: $(status) $(cat "$TEST_DIR/daemon2.log")"
partners_failed_has 'HTTP 413: {\"error\": \"test\"}' || fail "/status lacks the partner's reason: $(status)"
[ "$(requests)" = 1 ] || fail "a permanent failure was retried: $(requests) requests"

# ---- fixed, then retried: the running daemon sends (it looks every 30 s), with
# the server's allow-list, whatever the operator's environment ----
echo ok >"$TEST_DIR/fake/mode"
"$FOLIO" deliveries --state "$TEST_DIR/state" retry all >"$TEST_DIR/retry2.txt"
assert_contains "$TEST_DIR/retry2.txt" "a folio daemon holds the state; it will send"
wait_until 90 partners_failed_empty || fail "not delivered after retry: $(status) $(cat "$TEST_DIR/daemon2.log")"
grep -q "delivered msg_[0-9a-f]* (commit ${COMMIT:0:12}) to partner 'testpartner': HTTP 200" "$TEST_DIR/daemon2.log" ||
	fail "the daemon did not deliver: $(cat "$TEST_DIR/daemon2.log")"
"$FOLIO" deliveries --state "$TEST_DIR/state" list >"$TEST_DIR/list3.txt"
assert_contains "$TEST_DIR/list3.txt" "testpartner          ok"
assert_contains "$TEST_DIR/list3.txt" "acked ${COMMIT:0:12}"

echo "t062-watch-deliver-refused: ok"

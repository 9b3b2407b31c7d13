#!/bin/bash
# A throttling S3 server: answers 503 SlowDown and 429 (a proxy in front of
# radosgw, half of the requests the first time they come) are retried with backoff, and the
# build completes equal to a local one; a server that only ever throttles
# fails the build after a bounded number of attempts, with a message naming
# the 503 SlowDown, exit 2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3lib.sh"
s3_test
cd "$TEST_DIR"
make_repo site
s3 mb s3://www || fail "cannot make the bucket"
"$FOLIO" build --repo site --out local >/dev/null 2>&1

PROXY_PID=
proxy() { # proxy MODE: start the throttling proxy on $PPORT
	[ -z "$PROXY_PID" ] || { kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true; }
	PPORT=$(free_port)
	rm -f count.txt
	python3 "$FOLIO_SOURCE_DIR/tests/helpers/s3_throttle.py" "$PPORT" "$RGW_PORT" "$1" count.txt &
	PROXY_PID=$!
	wait_until 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PPORT" 2>/dev/null || fail "proxy not listening"
}
S3_TEST_CLEANUP='[ -z "$PROXY_PID" ] || kill "$PROXY_PID" 2>/dev/null'

proxy first
AWS_ENDPOINT_URL=http://127.0.0.1:$PPORT "$FOLIO" build --repo site --out s3://www/site >out.txt 2>&1 ||
	{ cat out.txt; fail "a throttled build failed"; }
[ -f count.txt ] || fail "no request reached the proxy"
read -r requests throttled <count.txt
[ "$throttled" -gt 5 ] || fail "the proxy throttled only $throttled of $requests requests"
# folio reports the retries its upload made (the output check before it has its own)
grep -q "s3: .* ([1-9][0-9]* retries)" out.txt || fail "folio reports no retries: $(cat out.txt)"
s3 compare s3://www/site local >diff.txt || { cat diff.txt; fail "the bucket differs after retries"; }

proxy always
set +e
AWS_ENDPOINT_URL=http://127.0.0.1:$PPORT "$FOLIO" build --repo site --out s3://www/other >out.txt 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "an always-throttling server exited $rc: $(cat out.txt)"
assert_contains out.txt "answered 503 SlowDown after 6 attempts"
[ -f count.txt ] || fail "no request reached the proxy"
read -r requests throttled <count.txt
[ "$requests" -eq 6 ] || fail "$requests requests to an always-throttling server, expected 6"
echo ok

# For the S3 end-to-end tests: sourced after lib.sh, never run. s3_test
# starts a throwaway radosgw (tests/helpers/rgw.sh) on free ports, stopped
# at exit (after $S3_TEST_CLEANUP, a command the test may set), and exports what folio reads: AWS_ENDPOINT_URL, AWS_REGION,
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. Without radosgw the test is
# skipped (77), except in CI ($CI set), where it fails: CI installs Ceph
# (scripts/install-deps.sh), so a missing radosgw there is a broken setup.
RGW=$FOLIO_SOURCE_DIR/tests/helpers/rgw.sh
S3PY=$FOLIO_SOURCE_DIR/tests/helpers/s3.py

s3_test() {
	if ! command -v radosgw >/dev/null || ! command -v ceph-mon >/dev/null; then
		[ -z "${CI:-}" ] || fail "radosgw is not installed in CI (scripts/install-deps.sh installs ceph)"
		echo "SKIP: radosgw is not installed (scripts/install-deps.sh installs ceph-mon ceph-osd radosgw)"
		exit 77
	fi
	export RGW_DIR=$TEST_DIR/rgw
	mkdir -p "$RGW_DIR"
	trap s3_test_cleanup EXIT
	# ports picked now may be taken before radosgw binds them: try a few times
	local tries=0
	until MON_PORT=$(free_port) RGW_PORT=$(free_port) && export MON_PORT RGW_PORT &&
		"$RGW" start >"$RGW_DIR/start.log" 2>&1; do
		tries=$((tries + 1))
		[ $tries -lt 3 ] || { cat "$RGW_DIR/start.log" >&2; fail "radosgw did not start"; }
	done
	export AWS_ENDPOINT_URL=http://127.0.0.1:$RGW_PORT AWS_REGION=us-east-1
	export AWS_ACCESS_KEY_ID=TESTACCESSKEY0000001 AWS_SECRET_ACCESS_KEY=testsecretkey00000000000000000000000001
}

s3_test_cleanup() {
	local rc=$?
	[ -z "${S3_TEST_CLEANUP:-}" ] || eval "$S3_TEST_CLEANUP" || true # the test's own, first
	RGW_DIR=$RGW_DIR "$RGW" stop || true
	if declare -F daemon_test_cleanup >/dev/null && [ -n "${DAEMON_PID+x}" ]; then
		daemon_test_cleanup
	else
		rm -rf "$TEST_DIR"
	fi
	exit $rc
}

# s3 ARGS...: tests/helpers/s3.py (compare, ls, get, mb, put)
s3() { python3 "$S3PY" "$@"; }

# rgw_admin ARGS...: radosgw-admin on the test's cluster (user suspend/enable...)
rgw_admin() { radosgw-admin -c "$RGW_DIR/ceph.conf" "$@"; }

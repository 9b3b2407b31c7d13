# Shared by the tests that hold folio check --state to a full check (t182,
# t183): sourced after lib.sh. They set $repo (the site's repository, HEAD
# checked) and publish it into $TEST_DIR/state first.

# same_as_full judged|whole [TRACE]: check HEAD both ways, from the state
# (FOLIO_TRACE=1) and in full, in every format: the same exit code and the
# same report byte for byte ($TEST_DIR/fast$n.FMT and full$n.FMT, n counting
# the calls from 1). judged: the trace says HEAD was judged from the state,
# and says TRACE too when given; whole: it was not.
n=0
same_as_full() {
	n=$((n + 1))
	local fmt rc_fast rc_full
	for fmt in text json junit github; do
		rc_fast=0 rc_full=0
		FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state" --format $fmt HEAD \
			>"$TEST_DIR/fast$n.$fmt" 2>"$TEST_DIR/fast$n.$fmt.err" || rc_fast=$?
		"$FOLIO" check --repo "$repo" --format $fmt HEAD >"$TEST_DIR/full$n.$fmt" 2>/dev/null || rc_full=$?
		[ $rc_fast -eq $rc_full ] || fail "case $n ($fmt): exit $rc_fast from the state, $rc_full in full"
		cmp -s "$TEST_DIR/fast$n.$fmt" "$TEST_DIR/full$n.$fmt" ||
			{ diff "$TEST_DIR/full$n.$fmt" "$TEST_DIR/fast$n.$fmt" >&2; fail "case $n: check --state and check differ in $fmt"; }
	done
	local line="judged $(git -C "$repo" rev-parse --short=12 HEAD) from the state"
	if [ "$1" = judged ]; then
		assert_contains "$TEST_DIR/fast$n.text.err" "$line"
		[ -z "${2:-}" ] || assert_contains "$TEST_DIR/fast$n.text.err" "$2"
	else
		assert_not_contains "$TEST_DIR/fast$n.text.err" "$line"
	fi
}

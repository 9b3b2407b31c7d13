# Shared by the tests that push body-only commits to folio watch and hold
# its verdicts to a full check's (t130, t171, t172): sourced after lib.sh.

# watch_test: daemon_test (the daemon killed at exit; PORT, URL), and the
# places the daemon works with: the bare repository it watches ($BARE),
# with its hooks' socket ($SOCK), its output, state and log.
watch_test() {
	daemon_test
	SOCK=$TEST_DIR/folio.sock
	BARE=$TEST_DIR/site.git
	OUT=$TEST_DIR/public
	STATE=$TEST_DIR/state
	LOG=$TEST_DIR/daemon.log
}

# watch_start SRC: the repository SRC cloned bare into $BARE with the
# daemon's hooks, a working clone in $TEST_DIR/clone, and folio watch
# started on it (FOLIO_TRACE=1: the log says how each commit was judged);
# returns once the daemon is healthy and has published SRC's tip ($FIRST).
watch_start() {
	git clone -q --bare "$1" "$BARE"
	"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
	git clone -q "$BARE" "$TEST_DIR/clone"
	FIRST=$(git -C "$BARE" rev-parse main)
	FOLIO_TRACE=1 "$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --branch main \
		--listen "127.0.0.1:$PORT" --socket "$SOCK" --poll 30 2>>"$LOG" &
	DAEMON_PID=$!
	wait_until 10 healthy || fail "daemon not healthy: $(cat "$LOG")"
	wait_until 60 published_is "$FIRST" || fail "first commit not published: $(status) $(cat "$LOG")"
}

# verdict_is COMMIT ERRORS WARNINGS: among /status's last verdicts.
verdict_is() {
	status | python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(not any(v["commit"] == sys.argv[1] and v["errors"] == int(sys.argv[2]) and
                 v["warnings"] == int(sys.argv[3]) for v in d["last_verdicts"]))' "$1" "$2" "$3"
}

# has_note COMMIT: the daemon left its note on COMMIT in $BARE.
has_note() { git -C "$BARE" notes --ref folio show "$1" >/dev/null 2>&1; }

# full_check_notes REVS: folio check --notes REVS on a clone of $BARE
# ($TEST_DIR/ref, made once), which loads the whole site for each commit.
full_check_notes() {
	[ -d "$TEST_DIR/ref" ] || git clone -q "$BARE" "$TEST_DIR/ref"
	"$FOLIO" check --repo "$TEST_DIR/ref" --notes "$1" >"$TEST_DIR/check.txt" \
		|| fail "full check of $1 failed: $(cat "$TEST_DIR/check.txt")"
}

# note_as_full_check COMMIT: the daemon's note on COMMIT is, byte for byte,
# the one full_check_notes wrote ($TEST_DIR/check.note after the call).
note_as_full_check() {
	git -C "$BARE" notes --ref folio show "$1" >"$TEST_DIR/daemon.note" 2>&1 || fail "no note on $1"
	git -C "$TEST_DIR/ref" notes --ref folio show "$1" >"$TEST_DIR/check.note"
	cmp "$TEST_DIR/daemon.note" "$TEST_DIR/check.note" ||
		fail "the daemon's note on ${1:0:12} differs from a full check's: $(diff "$TEST_DIR/daemon.note" "$TEST_DIR/check.note")"
}

# open_count FILE: how many descriptors the daemon ($DAEMON_PID) has open
# on FILE, read from /proc (a test that counts them skips without /proc).
open_count() {
	local n=0 f want
	want=$(realpath "$1")
	for f in /proc/"$DAEMON_PID"/fd/*; do
		[ "$(readlink "$f" 2>/dev/null)" = "$want" ] && n=$((n + 1))
	done
	echo "$n"
}

#!/bin/bash
# A security scout's seventh round, on what the daemon writes and the
# receiver reads:
# 1. a branch name holding U+009B (CSI, as ESC [ is, to xterm) or a byte
#    that is not UTF-8 (0x9b alone, CSI to an 8-bit terminal) reached the
#    daemon's log as it was: git refuses only bytes below 0x20 and 0x7f in
#    a ref. Every log line now escapes them (\u009b, \x9b), and U+2028;
# 2. folio receive's secret file as docs/deliveries.md writes it, a bare
#    whsec_<base64> whose padding ends in '=', was read as a partner's name
#    and refused "no secret": the receiver never started.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

# 1
watch_test # DAEMON_PID killed at exit; PORT, URL, BARE, SOCK, LOG
make_repo "$TEST_DIR/src"
watch_start "$TEST_DIR/src"
MAIN=$FIRST
T=$(git -C "$BARE" rev-parse "main^{tree}")
git -C "$BARE" update-ref "refs/heads/c1$(printf '\xc2\x9b')31mRED$(printf '\xe2\x80\xa8')x" \
	"$(git -C "$BARE" commit-tree "$T" -p "$MAIN" -m c1)"
git -C "$BARE" update-ref "refs/heads/raw$(printf '\x9b')31mX" "$(git -C "$BARE" commit-tree "$T" -p "$MAIN" -m raw)"
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 grep -qF 'refs/heads/raw\x9b31mX' "$LOG" || fail "the raw byte is not escaped: $(cat "$LOG")"
wait_until 60 grep -qF 'refs/heads/c1\u009b31mRED\u2028x' "$LOG" || fail "U+009B is not escaped: $(cat "$LOG")"
! grep -qaP '\x9b|\xe2\x80\xa8' "$LOG" || fail "a C1 control or a separator is in the log as it is"
healthy || fail "the daemon stopped answering"
status | python3 -c 'import json, sys; json.load(sys.stdin)' || fail "/status is not JSON"

# 2
RPORT=$(free_port)
(umask 077 && echo "whsec_$(openssl rand -base64 32)" >"$TEST_DIR/receiver-secret")
grep -q '=$' "$TEST_DIR/receiver-secret" || fail "the secret has no padding to test"
"$FOLIO" receive --listen "127.0.0.1:$RPORT" --secret-file "$TEST_DIR/receiver-secret" \
	--dir "$TEST_DIR/recv" 2>"$TEST_DIR/receive.log" &
RPID=$!
wait_until 10 grep -qF "listening on port $RPORT" "$TEST_DIR/receive.log" ||
	fail "the receiver refused a bare secret: $(cat "$TEST_DIR/receive.log")"
kill "$RPID"
wait "$RPID" || true

echo "PASS"

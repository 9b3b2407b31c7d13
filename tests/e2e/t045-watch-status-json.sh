#!/bin/bash
# /status is always valid JSON, and shows no absolute server path: an error
# message holding bytes that are not UTF-8 (here a Latin-1 branch name; a
# file name could hold them too) once made it answer 500, and error messages
# named the server's directories. Paths are shown relative to the configured
# roots: <repo>, <out>, <state>.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
BARE=$TEST_DIR/site.git
BRANCH=$'caf\xe9' # "café" in Latin-1: not UTF-8
make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"

"$FOLIO" watch --repo "$BARE/" --out "$TEST_DIR/public" --state "$TEST_DIR/state" --branch "$BRANCH" \
	--listen "127.0.0.1:$PORT" --poll 1 --no-deliver 2>"$TEST_DIR/daemon.log" &
DAEMON_PID=$!

# valid_status FILE: /status answers 200 with valid JSON, saved in FILE
valid_status() {
	local code
	code=$(curl -s -o "$1" -w '%{http_code}' --max-time 5 "$URL/status") && [ "$code" = 200 ] &&
		python3 -m json.tool "$1" >/dev/null
}
has_error() { valid_status "$TEST_DIR/status.json" && grep -qF '"error":{"message"' "$TEST_DIR/status.json"; }
wait_until 30 has_error || fail "no error on a valid /status: $(curl -s -w ' %{http_code}' "$URL/status") $(cat "$TEST_DIR/daemon.log")"
cat "$TEST_DIR/status.json"
python3 - "$TEST_DIR/status.json" <<'PY' || fail "/status does not show the error as wanted: $(cat "$TEST_DIR/status.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["branch"] == "caf\\xe9", d["branch"]
assert d["error"]["message"] == "branch 'caf\\xe9' not found in '<repo>'", d["error"]["message"]
PY
assert_not_contains "$TEST_DIR/status.json" "$TEST_DIR"

# The branch appears: published, /status still valid JSON, no absolute path.
git -C "$BARE" branch "$BRANCH" main
HEAD=$(git -C "$BARE" rev-parse main)
published() { valid_status "$TEST_DIR/status.json" && grep -qF "\"published_commit\":\"$HEAD\"" "$TEST_DIR/status.json"; }
wait_until 30 published || fail "not published: $(cat "$TEST_DIR/status.json") $(cat "$TEST_DIR/daemon.log")"
grep -qF '"error":null' "$TEST_DIR/status.json" || fail "the error stays: $(cat "$TEST_DIR/status.json")"
assert_not_contains "$TEST_DIR/status.json" "$TEST_DIR"

# A failing publish: the output's place is taken by a file. The message
# names the output relative to its root, never the server's path.
kill -TERM "$DAEMON_PID"
wait_until 30 gone "$DAEMON_PID" || fail "daemon did not stop"
DAEMON_PID=
rm -rf "$TEST_DIR/public" "$TEST_DIR/state"
mkdir -p "$TEST_DIR/public"
"$FOLIO" watch --repo "$BARE" --out "$TEST_DIR/public/site" --state "$TEST_DIR/state" --branch "$BRANCH" \
	--listen "127.0.0.1:$PORT" --poll 1 --no-deliver 2>>"$TEST_DIR/daemon.log" &
DAEMON_PID=$!
wait_until 30 published || fail "not published: $(cat "$TEST_DIR/status.json") $(cat "$TEST_DIR/daemon.log")"
git clone -q "$BARE" "$TEST_DIR/clone"
git -C "$TEST_DIR/clone" checkout -q -b "$BRANCH" origin/main
sed -i 's/^L.ISCRA, Institut Social/Un changement. &/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "Change the presentation"
rm -rf "$TEST_DIR/public/site/pages/presentation"
echo "in the way" >"$TEST_DIR/public/site/pages/presentation" # a file where folio needs a folder
git -C "$TEST_DIR/clone" push -q origin "$BRANCH" 2>/dev/null
wait_until 30 has_error || fail "no error for an output that cannot be written: $(cat "$TEST_DIR/status.json")"
cat "$TEST_DIR/status.json"
assert_contains "$TEST_DIR/status.json" "pages/presentation/index.html in '<out>'"
assert_not_contains "$TEST_DIR/status.json" "$TEST_DIR"
echo "ok"

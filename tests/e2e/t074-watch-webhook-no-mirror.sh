#!/bin/bash
# A forge's webhook on a repository that is not a mirror (the push is
# already there, e.g. the bare repository of setup-server.sh): folio watch
# answers what it does, checks the branch as it is and publishes; it logs
# one line per event, each starting with a timestamp, a finding and its
# hint on one line.
. "$(dirname "$0")/lib.sh"

DAEMON_PID=
cleanup() {
	[ -z "$DAEMON_PID" ] || kill -9 "$DAEMON_PID" 2>/dev/null || true
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT

PORT=$(free_port)
URL=http://127.0.0.1:$PORT
BARE=$TEST_DIR/site.git
LOG=$TEST_DIR/daemon.log
export FOLIO_WEBHOOK_SECRET=plain-secret

judged() { # judged COMMIT VALID
	status | python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(not any(v["commit"] == sys.argv[1] and v["valid"] == (sys.argv[2] == "true") for v in d["last_verdicts"]))' "$1" "$2"
}
webhook() { # webhook COMMIT: POST a GitHub push event, print the answer's body
	local body='{"ref":"refs/heads/main","after":"'$1'"}'
	local sig
	sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$FOLIO_WEBHOOK_SECRET" -r | cut -d' ' -f1)
	curl -s --max-time 10 -w ' %{http_code}' -H "X-Hub-Signature-256: sha256=$sig" \
		-H 'X-GitHub-Event: push' --data-binary "$body" "$URL/webhook"
}
move_main() { # move_main MESSAGE: commit in the clone, move main to it without hooks, print it
	git -C "$TEST_DIR/clone" commit -qam "$1"
	git -C "$TEST_DIR/clone" push -q origin HEAD:refs/incoming/x
	local c
	c=$(git -C "$TEST_DIR/clone" rev-parse HEAD)
	git -C "$BARE" update-ref refs/heads/main "$c"
	echo "$c"
}

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE" # no hooks: nothing notifies the daemon
git clone -q "$BARE" "$TEST_DIR/clone"
"$FOLIO" watch --repo "$BARE" --out "$TEST_DIR/public" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" --poll 600 --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 60 published_is "$(git -C "$BARE" rev-parse main)" || fail "first commit not published: $(cat "$LOG")"

# An invalid commit: judged, not published, its findings one log line each.
sed -i '2s/.*/title: "unclosed/' "$TEST_DIR/clone/pages/presentation.md"
BOOK=books/la-cooperation-dans-l-action-publique.md
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' "$TEST_DIR/clone/$BOOK" # a wrong check digit: a hint
BAD=$(move_main "Broken front matter")
answer=$(webhook "$BAD")
case $answer in
*"not a mirror"*"docs/server.md"*" 202") ;;
*) fail "webhook on a plain repository: answer '$answer' does not say what it does" ;;
esac
wait_until 60 judged "$BAD" false || fail "invalid commit not judged: $(status) $(cat "$LOG")"
grep -q "webhook: not a mirror, checking branch 'main' as it is" "$LOG" || fail "webhook turn not logged: $(cat "$LOG")"
grep -qE "^[0-9T:.-]+Z warn watch: ${BAD:0:12}: pages/presentation.md:[0-9:]+: error: .*\[[a-z/-]+\]" "$LOG" ||
	fail "no one-line finding in the log: $(cat "$LOG")"
grep -qE "^[0-9T:.-]+Z warn watch: ${BAD:0:12}: $BOOK:[0-9:]+: error: .*\[isbn/[a-z-]+\]; hint: " "$LOG" ||
	fail "a finding's hint is not on its line: $(cat "$LOG")"

# Fixed: published.
git -C "$TEST_DIR/clone" checkout -q HEAD~ -- pages/presentation.md "$BOOK"
sed -i 's/^L.ISCRA, Institut Social/Corrigé. &/' "$TEST_DIR/clone/pages/presentation.md"
GOOD=$(move_main "Fixed")
answer=$(webhook "$GOOD")
[ "${answer##* }" = 202 ] || fail "signed webhook not accepted: $answer"
wait_until 60 published_is "$GOOD" || fail "fixed commit not published: $(status) $(cat "$LOG")"
assert_contains "$TEST_DIR/public/pages/presentation/index.html" "Corrigé."

# Every line of the log is an event: a timestamp, a level, a component.
if grep -vnE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z (debug|info|warn|error) [a-z]+: ' "$LOG"; then
	fail "log lines without a timestamp and level (above)"
fi
echo "ok"

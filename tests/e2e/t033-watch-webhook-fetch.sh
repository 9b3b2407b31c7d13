#!/bin/bash
# A site mirrored from a forge (git clone --mirror): a push to the forge
# reaches the server only as a webhook; a verified one makes folio watch
# fetch the mirror and publish, a badly signed one fetches nothing.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
LOG=$TEST_DIR/daemon.log
export FOLIO_WEBHOOK_SECRET=forge-secret

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$TEST_DIR/forge.git"
git clone -q --mirror "$TEST_DIR/forge.git" "$TEST_DIR/mirror.git"
git clone -q "$TEST_DIR/forge.git" "$TEST_DIR/clone"

"$FOLIO" watch --repo "$TEST_DIR/mirror.git" --out "$TEST_DIR/public" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" --poll 600 --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_published() {
	for _ in $(seq 600); do
		published_is "$1" && return 0
		sleep 0.05
	done
	fail "$1 not published: $(curl -s "$URL/status") $(cat "$LOG")"
}
wait_published "$(git -C "$TEST_DIR/mirror.git" rev-parse main)"

sed -i 's/^L.ISCRA, Institut Social/Poussé sur la forge. &/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "Change on the forge"
git -C "$TEST_DIR/clone" push -q origin main
NEW=$(git -C "$TEST_DIR/clone" rev-parse HEAD)

webhook() { # webhook SECRET: POST a GitHub push event signed with SECRET, print the status
	local body='{"ref":"refs/heads/main","after":"'$NEW'"}'
	local sig
	sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$1" -r | cut -d' ' -f1)
	curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "X-Hub-Signature-256: sha256=$sig" \
		-H 'X-GitHub-Event: push' --data-binary "$body" "$URL/webhook"
}
[ "$(webhook wrong-secret)" = 401 ] || fail "badly signed webhook not refused"
sleep 0.5 # a refused webhook must not fetch: give a wrong fetch the time to show
[ "$(git -C "$TEST_DIR/mirror.git" rev-parse main)" != "$NEW" ] || fail "a refused webhook fetched"
[ "$(webhook "$FOLIO_WEBHOOK_SECRET")" = 202 ] || fail "signed webhook not accepted"
wait_published "$NEW"
[ "$(git -C "$TEST_DIR/mirror.git" rev-parse main)" = "$NEW" ] || fail "mirror not fetched"
assert_contains "$TEST_DIR/public/pages/presentation/index.html" "Poussé sur la forge."
grep -q "webhook: fetched 'origin'" "$LOG" || fail "fetch not logged: $(cat "$LOG")"
echo "ok"

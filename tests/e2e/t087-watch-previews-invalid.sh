#!/bin/bash
# An invalid branch is judged, noted and shown, not published: a new
# branch whose tip has errors gets no preview (its verdict is on /status,
# url null, and in its note); once fixed it is built; broken again, its
# preview keeps the last valid build while /status shows the new verdict.
# Every commit a branch brings gets its note, not only its tip.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
PREVIEWS=$TEST_DIR/previews
LOG=$TEST_DIR/daemon.log
CLONE=$TEST_DIR/clone
SCHEMA=$FOLIO_SOURCE_DIR/docs/status.schema.json
CHECK=$FOLIO_BUILD_DIR/tests/schema_check

field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }
# preview_is EXPR: EXPR on the preview p named "fix" is true
preview_is() { field_is "any(p['name'] == 'fix' and ($1) for p in d['previews'])"; }
push() {
	git -C "$CLONE" push -q origin fix 2>>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
}
note_of() { git -C "$BARE" notes --ref=folio show "$1" 2>/dev/null; }

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$CLONE"
"$FOLIO" watch --repo "$BARE" --out "$TEST_DIR/public" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" --socket "$SOCK" --poll 30 2>"$LOG" &
DAEMON_PID=$!
wait_until 30 published_is "$(git -C "$BARE" rev-parse main)" || fail "main not published: $(status) $(cat "$LOG")"

# A new branch with errors (pre-receive lets other branches in): no preview.
git -C "$CLONE" checkout -q -b fix
sed -i '2s/.*/title: "unclosed/' "$CLONE/pages/presentation.md"
git -C "$CLONE" commit -qam "Break the front matter"
BROKEN=$(git -C "$CLONE" rev-parse HEAD)
push
wait_until 60 preview_is "p['commit'] == '$BROKEN'" || fail "invalid branch not judged: $(status) $(cat "$LOG")"
preview_is "p['verdict'] == 'invalid' and p['errors'] >= 1 and p['url'] is None and p['served_commit'] is None" ||
	fail "invalid preview shown as served: $(status)"
[ ! -e "$PREVIEWS/fix" ] || fail "an invalid branch has a preview folder: $(ls -R "$PREVIEWS" | head)"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/previews/fix/")" = 404 ] || fail "an invalid branch is served"
note_of "$BROKEN" >"$TEST_DIR/note.txt" || fail "no note on the invalid commit"
grep -q "^folio: [1-9][0-9]* errors*," "$TEST_DIR/note.txt" || fail "note without errors: $(cat "$TEST_DIR/note.txt")"
assert_contains "$TEST_DIR/note.txt" "pages/presentation.md"
status >"$TEST_DIR/status.json"
"$CHECK" "$SCHEMA" "$TEST_DIR/status.json" || fail "/status does not match the schema: $(cat "$TEST_DIR/status.json")"

# Two commits in one push, the first still broken, the second fixing it:
# both are noted; the preview is built from the tip.
echo "Une ligne de plus." >>"$CLONE/pages/presentation.md"
git -C "$CLONE" commit -qam "Still broken"
STILL=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" checkout -q main -- pages/presentation.md
sed -i 's/^L.ISCRA, Institut Social/Texte corrigé. &/' "$CLONE/pages/presentation.md"
git -C "$CLONE" commit -qam "Fix the front matter"
FIXED=$(git -C "$CLONE" rev-parse HEAD)
push
wait_until 60 preview_is "p['served_commit'] == '$FIXED'" || fail "fixed branch not built: $(status) $(cat "$LOG")"
preview_is "p['verdict'] == 'valid' and p['url'] == '$URL/previews/fix/'" || fail "fixed preview: $(status)"
note_of "$STILL" >"$TEST_DIR/note2.txt" || fail "no note on the commit before the tip"
grep -q "^folio: [1-9][0-9]* errors*," "$TEST_DIR/note2.txt" || fail "wrong note: $(cat "$TEST_DIR/note2.txt")"
assert_contains "$PREVIEWS/fix/pages/presentation/index.html" "Texte corrigé."

# Broken again: the last valid build stays served, /status says why it is not updated.
sed -i '2s/.*/title: "unclosed/' "$CLONE/pages/presentation.md"
git -C "$CLONE" commit -qam "Break it again"
AGAIN=$(git -C "$CLONE" rev-parse HEAD)
push
wait_until 60 preview_is "p['commit'] == '$AGAIN'" || fail "second break not judged: $(status) $(cat "$LOG")"
preview_is "p['verdict'] == 'invalid' and p['served_commit'] == '$FIXED' and p['url'] == '$URL/previews/fix/'" ||
	fail "the last valid build is not kept: $(status)"
curl -sf --max-time 5 "$URL/previews/fix/pages/presentation/" >"$TEST_DIR/page.html" || fail "last valid build not served"
assert_contains "$TEST_DIR/page.html" "Texte corrigé."
grep -q "preview 'fix' of refs/heads/fix at ${AGAIN:0:12}: not published, [0-9]* errors; the last valid build stays" "$LOG" ||
	fail "not logged: $(grep "preview 'fix'" "$LOG")"

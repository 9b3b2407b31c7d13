#!/bin/bash
# Warnings never turn the fast path off, those folio.yaml's rules: make
# warnings included: a site with a Markdown file at its root (collection/root,
# a warning) and a folder outside every collection (collection/unknown, made
# a warning by rules:) is published; a body-only commit is judged and
# published by the fast path, and its note is the one a full check writes.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL

SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/public
STATE=$TEST_DIR/state
LOG=$TEST_DIR/daemon.log
has_note() { git -C "$BARE" notes --ref folio show "$1" >/dev/null 2>&1; }

make_repo "$TEST_DIR/src"
mkdir -p "$TEST_DIR/src/archives"
printf -- '---\ntitle: Ancien\n---\nAncien texte.\n' >"$TEST_DIR/src/archives/ancien.md"
printf -- '---\ntitle: À propos\n---\nUne page à la racine.\n' >"$TEST_DIR/src/about.md"
printf 'rules:\n  collection/unknown: warning\n' >>"$TEST_DIR/src/folio.yaml"
git -C "$TEST_DIR/src" add -A
git -C "$TEST_DIR/src" commit -qm "Files outside the collections, warnings here"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$TEST_DIR/clone"
FIRST=$(git -C "$BARE" rev-parse main)

FOLIO_TRACE=1 "$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --branch main \
	--listen "127.0.0.1:$PORT" --socket "$SOCK" --poll 30 2>>"$LOG" &
DAEMON_PID=$!
wait_until 10 healthy || fail "daemon not healthy: $(cat "$LOG")"
wait_until 60 published_is "$FIRST" || fail "first commit not published: $(status) $(cat "$LOG")"

cd "$TEST_DIR/clone"
printf '\nUne phrase ajoutée au corps.\n' >>people/fabrice-dhume-sonzogni.md
git commit -qam "Body only"
A=$(git rev-parse HEAD)
git push -q origin main 2>"$TEST_DIR/push.log" || fail "push refused: $(cat "$TEST_DIR/push.log")"
wait_until 60 published_is "$A" || fail "not published: $(status) $(cat "$LOG")"
grep -q "published ${A:0:12}: .*(fast path)" "$LOG" || fail "${A:0:12} did not take the fast path: $(cat "$LOG")"
wait_until 60 has_note "$A" || fail "no note on ${A:0:12}"
git clone -q "$BARE" "$TEST_DIR/ref"
"$FOLIO" check --repo "$TEST_DIR/ref" --notes "$A" >"$TEST_DIR/check.txt" || fail "full check failed: $(cat "$TEST_DIR/check.txt")"
git -C "$BARE" notes --ref folio show "$A" >"$TEST_DIR/daemon.note"
git -C "$TEST_DIR/ref" notes --ref folio show "$A" >"$TEST_DIR/check.note"
cmp "$TEST_DIR/daemon.note" "$TEST_DIR/check.note" ||
	fail "the daemon's note differs from a full check's: $(diff "$TEST_DIR/daemon.note" "$TEST_DIR/check.note")"
head -1 "$TEST_DIR/check.note" | grep -qx "folio: 0 errors, 2 warnings" || fail "unexpected note: $(cat "$TEST_DIR/check.note")"
assert_contains "$TEST_DIR/check.note" "[collection/root]"
assert_contains "$TEST_DIR/check.note" "[collection/unknown]"
echo "ok: warnings of files outside the collections leave the fast path on, with a full check's verdict"

#!/bin/bash
# Warnings never turn the fast path off, those folio.yaml's rules: make
# warnings included: a site with a Markdown file at its root (collection/root,
# a warning) and a folder outside every collection (collection/unknown, made
# a warning by rules:) is published; a body-only commit is judged and
# published by the fast path, and its note is the one a full check writes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

watch_test # the daemon killed at exit; PORT, URL, BARE, SOCK, OUT, STATE, LOG

make_repo "$TEST_DIR/src"
mkdir -p "$TEST_DIR/src/archives"
printf -- '---\ntitle: Ancien\n---\nAncien texte.\n' >"$TEST_DIR/src/archives/ancien.md"
printf -- '---\ntitle: À propos\n---\nUne page à la racine.\n' >"$TEST_DIR/src/about.md"
printf 'rules:\n  collection/unknown: warning\n' >>"$TEST_DIR/src/folio.yaml"
git -C "$TEST_DIR/src" add -A
git -C "$TEST_DIR/src" commit -qm "Files outside the collections, warnings here"
watch_start "$TEST_DIR/src" # $FIRST published

cd "$TEST_DIR/clone"
printf '\nUne phrase ajoutée au corps.\n' >>people/fabrice-dhume-sonzogni.md
git commit -qam "Body only"
A=$(git rev-parse HEAD)
git push -q origin main 2>"$TEST_DIR/push.log" || fail "push refused: $(cat "$TEST_DIR/push.log")"
wait_until 60 published_is "$A" || fail "not published: $(status) $(cat "$LOG")"
grep -q "published ${A:0:12}: .*(fast path)" "$LOG" || fail "${A:0:12} did not take the fast path: $(cat "$LOG")"
wait_until 60 has_note "$A" || fail "no note on ${A:0:12}"
full_check_notes "$A"
note_as_full_check "$A"
head -1 "$TEST_DIR/check.note" | grep -qx "folio: 0 errors, 2 warnings" || fail "unexpected note: $(cat "$TEST_DIR/check.note")"
assert_contains "$TEST_DIR/check.note" "[collection/root]"
assert_contains "$TEST_DIR/check.note" "[collection/unknown]"
echo "ok: warnings of files outside the collections leave the fast path on, with a full check's verdict"

#!/bin/bash
# folio watch with folio.yaml's rules: (docs/rules.md): a site whose broken
# link is a warning (link/broken: warning) is published; a body-only commit
# that adds another broken link is judged and published by the fast path (its
# changed page's findings settled as a full check settles them), with the
# note a full check writes; a commit that makes link/broken an error again
# changes folio.yaml, so it is checked in full and refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

watch_test # the daemon killed at exit; PORT, URL, BARE, SOCK, OUT, STATE, LOG

make_repo "$TEST_DIR/src"
printf '\nVoir [la page perdue](/pages/page-perdue/).\n' >>"$TEST_DIR/src/pages/presentation.md"
printf 'rules:\n  link/broken: warning\n' >>"$TEST_DIR/src/folio.yaml"
git -C "$TEST_DIR/src" commit -qam "A broken link, a warning here"
watch_start "$TEST_DIR/src" # $FIRST published
wait_until 30 verdict_is "$FIRST" 0 1 || fail "/status does not show ${FIRST:0:12} with 1 warning: $(status)"

# A body-only commit adding a broken link: the fast path, a warning.
cd "$TEST_DIR/clone"
printf '\nVoir aussi [une autre page perdue](/pages/autre-perdue/).\n' >>people/fabrice-dhume-sonzogni.md
git commit -qam "Body only, one more broken link"
A=$(git rev-parse HEAD)
git push -q origin main 2>"$TEST_DIR/push1.log" || fail "push refused: $(cat "$TEST_DIR/push1.log")"
wait_until 60 published_is "$A" || fail "not published: $(status) $(cat "$LOG")"
grep -q "published ${A:0:12}: .*(fast path)" "$LOG" || fail "${A:0:12} did not take the fast path: $(cat "$LOG")"
wait_until 60 has_note "$A" || fail "no note on ${A:0:12}"
full_check_notes "$A"
note_as_full_check "$A"
head -1 "$TEST_DIR/check.note" | grep -qx "folio: 0 errors, 2 warnings" || fail "unexpected note: $(cat "$TEST_DIR/check.note")"
assert_contains "$TEST_DIR/check.note" "people/fabrice-dhume-sonzogni.md:"
wait_until 10 verdict_is "$A" 0 2 || fail "/status does not show ${A:0:12} with 2 warnings: $(status)"

# link/broken an error again: folio.yaml changes, so the whole site is judged, and refused.
sed -i '/^rules:$/,$d' folio.yaml
git commit -qam "Broken links are errors again"
rc=0
git push origin main >"$TEST_DIR/push2.log" 2>&1 || rc=$?
[ $rc -ne 0 ] || fail "the push was accepted: $(cat "$TEST_DIR/push2.log")"
assert_contains "$TEST_DIR/push2.log" "pages/presentation.md:"
assert_contains "$TEST_DIR/push2.log" "people/fabrice-dhume-sonzogni.md:"
assert_contains "$TEST_DIR/push2.log" "error: link to \"/pages/autre-perdue/\" points to no page [link/broken]"
assert_contains "$TEST_DIR/push2.log" "pre-receive hook declined"
published_is "$A" || fail "the published commit moved: $(status)"
echo "ok: folio watch settles findings as folio.yaml says, on the fast path too; a change of the settings is judged in full"

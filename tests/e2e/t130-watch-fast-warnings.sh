#!/bin/bash
# A site with a warning (a repeated paragraph) keeps the fast path: a push of
# two body-only commits to folio watch has the first judged from the state
# and the tip published by the fast path, and the verdicts they leave (the
# notes, /status) are those of a full check of each commit (folio check
# --notes on a clone, which loads the whole site).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

watch_test # the daemon killed at exit; PORT, URL, BARE, SOCK, OUT, STATE, LOG

PARA="Ce paragraphe, assez long pour que folio le compare aux autres, se trouve deux fois dans la page"

make_repo "$TEST_DIR/src"
printf '\n%s.\n\n%s.\n' "$PARA" "$PARA" >>"$TEST_DIR/src/events/rencontre-associations-recherche-2019.md"
git -C "$TEST_DIR/src" commit -qam "A warning"
watch_start "$TEST_DIR/src" # $FIRST published

# Two body-only commits in one push: the first keeps the warning, the tip adds one.
cd "$TEST_DIR/clone"
printf '\nUne phrase ajoutée au corps.\n' >>people/fabrice-dhume-sonzogni.md
git commit -qam "Body only"
A=$(git rev-parse HEAD)
printf '\nUn autre.\n\n%s, encore.\n\n%s, encore.\n' "$PARA" "$PARA" >>pages/presentation.md
git commit -qam "Body only, one more warning"
B=$(git rev-parse HEAD)
git push -q origin main 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
wait_until 60 published_is "$B" || fail "tip not published: $(status) $(cat "$LOG")"
wait_until 60 has_note "$B" || fail "no note on the tip"
assert_contains "$LOG" "judged ${A:0:12} from the state"
grep -q "published ${B:0:12}: .*(fast path)" "$LOG" || fail "the tip did not take the fast path: $(cat "$LOG")"

# What a full check says of each commit: notes written by folio check on a clone.
full_check_notes "$FIRST..$B"
full_check_notes "$FIRST" # outside the range: checked alone
for c in "$FIRST" "$A" "$B"; do
	note_as_full_check "$c"
done
head -1 "$TEST_DIR/check.note" | grep -qx "folio: 0 errors, 2 warnings" || fail "unexpected note: $(cat "$TEST_DIR/check.note")"
assert_contains "$TEST_DIR/check.note" "pages/presentation.md:"
wait_until 10 verdict_is "$A" 0 1 || fail "/status does not show ${A:0:12} with 1 warning: $(status)"
verdict_is "$B" 0 2 || fail "/status does not show ${B:0:12} with 2 warnings: $(status)"
echo "ok: with a warning in the site, body-only commits are judged and published by the fast path, their notes and /status those of a full check"

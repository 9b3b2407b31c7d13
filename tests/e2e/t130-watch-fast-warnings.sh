#!/bin/bash
# A site with a warning (a repeated paragraph) keeps the fast path: a push of
# two body-only commits to folio watch has the first judged from the state
# and the tip published by the fast path, and the verdicts they leave (the
# notes, /status) are those of a full check of each commit (folio check
# --notes on a clone, which loads the whole site).
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL

SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/public
STATE=$TEST_DIR/state
LOG=$TEST_DIR/daemon.log
PARA="Ce paragraphe, assez long pour que folio le compare aux autres, se trouve deux fois dans la page"

verdict_is() { # verdict_is COMMIT ERRORS WARNINGS: among /status's last verdicts
	status | python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(not any(v["commit"] == sys.argv[1] and v["errors"] == int(sys.argv[2]) and
                 v["warnings"] == int(sys.argv[3]) for v in d["last_verdicts"]))' "$1" "$2" "$3"
}
has_note() { git -C "$BARE" notes --ref folio show "$1" >/dev/null 2>&1; }

make_repo "$TEST_DIR/src"
printf '\n%s.\n\n%s.\n' "$PARA" "$PARA" >>"$TEST_DIR/src/events/rencontre-associations-recherche-2019.md"
git -C "$TEST_DIR/src" commit -qam "A warning"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$TEST_DIR/clone"
FIRST=$(git -C "$BARE" rev-parse main)

FOLIO_TRACE=1 "$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --branch main \
	--listen "127.0.0.1:$PORT" --socket "$SOCK" --poll 30 2>>"$LOG" &
DAEMON_PID=$!
wait_until 10 healthy || fail "daemon not healthy: $(cat "$LOG")"
wait_until 60 published_is "$FIRST" || fail "first commit not published: $(status) $(cat "$LOG")"

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
git clone -q "$BARE" "$TEST_DIR/ref"
"$FOLIO" check --repo "$TEST_DIR/ref" --notes "$FIRST..$B" >"$TEST_DIR/check.txt" \
	|| fail "full check failed: $(cat "$TEST_DIR/check.txt")"
for c in "$FIRST" "$A" "$B"; do
	git -C "$BARE" notes --ref folio show "$c" >"$TEST_DIR/daemon.note" 2>&1 || fail "no note on $c"
	if [ "$c" = "$FIRST" ]; then # outside the range: checked alone
		"$FOLIO" check --repo "$TEST_DIR/ref" --notes "$FIRST" >/dev/null || fail "check of $FIRST failed"
	fi
	git -C "$TEST_DIR/ref" notes --ref folio show "$c" >"$TEST_DIR/check.note"
	cmp "$TEST_DIR/daemon.note" "$TEST_DIR/check.note" ||
		fail "the daemon's note on ${c:0:12} differs from a full check's: $(diff "$TEST_DIR/daemon.note" "$TEST_DIR/check.note")"
done
head -1 "$TEST_DIR/check.note" | grep -qx "folio: 0 errors, 2 warnings" || fail "unexpected note: $(cat "$TEST_DIR/check.note")"
assert_contains "$TEST_DIR/check.note" "pages/presentation.md:"
wait_until 10 verdict_is "$A" 0 1 || fail "/status does not show ${A:0:12} with 1 warning: $(status)"
verdict_is "$B" 0 2 || fail "/status does not show ${B:0:12} with 2 warnings: $(status)"
echo "ok: with a warning in the site, body-only commits are judged and published by the fast path, their notes and /status those of a full check"

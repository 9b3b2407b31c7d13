#!/bin/bash
# One connection per state file per process. folio watch opens its state
# once: judging an older commit of a push (main's or a branch's) borrows it,
# as publishing does. A branch preview's build opens the preview's state
# once (seeding, publishing and the branch status's links to its pages
# borrow that connection). folio check --state over a range opens the
# daemon's state once. Every connection opened is a FOLIO_TRACE line
# ("connection opened to PATH"), counted per file; afterwards the daemon
# holds its state file open once and no preview's (from /proc/PID/fd).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

[ -d /proc/self/fd ] || { echo "no /proc" >&2; exit 77; }
watch_test # the daemon killed at exit; PORT, URL, BARE, SOCK, OUT, STATE, LOG

PARA="Ce paragraphe, assez long pour que folio le compare aux autres, se trouve deux fois dans la page"
PAGE=events/rencontre-associations-recherche-2019.md
preview_judged() {
	status | python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(not any(p["name"] == sys.argv[1] and p["commit"] == sys.argv[2] and p["findings"] for p in d["previews"]))' "$1" "$2"
}
# opened FILE: the connections the daemon's log says it opened to FILE
opened() { grep -cF "connection opened to $1 (" "$LOG" || true; }

make_repo "$TEST_DIR/src"
watch_start "$TEST_DIR/src" # $FIRST published
[ "$(opened "$STATE/state.sqlite")" = 1 ] ||
	fail "the daemon's state opened $(opened "$STATE/state.sqlite") times at start: $(grep 'connection opened' "$LOG")"

# main: two body-only commits in one push, the older judged, the tip published
cd "$TEST_DIR/clone"
printf '\nUne phrase ajoutée au corps.\n' >>people/fabrice-dhume-sonzogni.md
git commit -qam "Body only"
printf '\nUne autre phrase.\n' >>pages/presentation.md
git commit -qam "Body only, again"
B=$(git rev-parse HEAD)
git push -q origin main 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
wait_until 60 published_is "$B" || fail "main not published: $(status) $(cat "$LOG")"

# a branch of two commits: the older judged, the tip (with a warning, so
# that the branch status links a finding to the preview's page) previewed
git checkout -q -b relecture
printf '\nUne relecture.\n' >>people/fabrice-dhume-sonzogni.md
git commit -qam "Relecture"
printf '\n%s.\n\n%s.\n' "$PARA" "$PARA" >>"$PAGE"
git commit -qam "Relecture: un paragraphe en double"
TIP=$(git rev-parse HEAD)
git push -q origin relecture 2>"$TEST_DIR/push2.log" || fail "push failed: $(cat "$TEST_DIR/push2.log")"
NAME=$("$FOLIO" notify --preview-of refs/heads/relecture)
wait_until 60 preview_judged "$NAME" "$TIP" || fail "preview not built: $(status) $(cat "$LOG")"
# pushed again: the preview built from its own state
printf '\nEncore une relecture.\n' >>pages/presentation.md
git commit -qam "Relecture, encore"
TIP2=$(git rev-parse HEAD)
git push -q origin relecture 2>"$TEST_DIR/push3.log" || fail "push failed: $(cat "$TEST_DIR/push3.log")"
wait_until 60 preview_judged "$NAME" "$TIP2" || fail "preview not rebuilt: $(status) $(cat "$LOG")"
status | grep -qF "/previews/$NAME/events/rencontre-associations-recherche-2019/" ||
	fail "the branch status does not link its finding to the preview's page: $(status)"

site=$(opened "$STATE/state.sqlite")
[ "$site" = 1 ] || fail "the daemon opened its state $site times, not once: $(grep 'connection opened' "$LOG")"
preview=$(opened "$STATE/previews/$NAME/state.sqlite")
[ "$preview" = 2 ] ||
	fail "the preview's state opened $preview times for its two builds, not once each: $(grep 'connection opened' "$LOG")"
[ "$(open_count "$STATE/state.sqlite")" = 1 ] || fail "the daemon has its state open $(open_count "$STATE/state.sqlite") times"
[ "$(open_count "$STATE/previews/$NAME/state.sqlite")" = 0 ] || fail "the daemon keeps the preview's state open"

# folio check --state over a range of three commits: one connection
FOLIO_TRACE=1 "$FOLIO" check --repo "$TEST_DIR/clone" --state "$STATE" "$FIRST..$TIP2" \
	>"$TEST_DIR/check.out" 2>"$TEST_DIR/check.log" || fail "check failed: $(cat "$TEST_DIR/check.out" "$TEST_DIR/check.log")"
n=$(grep -c "connection opened to" "$TEST_DIR/check.log" || true)
[ "$n" = 1 ] || fail "folio check --state opened $n connections, not one: $(cat "$TEST_DIR/check.log")"
echo "ok: one connection per state file: the daemon's borrowed by judging, a preview's by its build, folio check's by its range"

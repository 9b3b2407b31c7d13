#!/bin/bash
# A burst of 100 separate pushes (FOLIO_BURST_PUSHES) to a bare repository
# with folio's hooks, as fast as git allows, while folio watch runs (and for
# a quarter of them, while it is stopped): every
# commit is judged exactly once and in push order, the daemon never
# publishes an older commit after a newer one, and the last push is
# published, the site then being byte for byte a full build of it. The poll
# is 600 s: a wake-up lost in the burst leaves the last push unpublished.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL

N=${FOLIO_BURST_PUSHES:-100}
SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/public
STATE=$TEST_DIR/state
LOG=$TEST_DIR/daemon.log
CLONE=$TEST_DIR/clone


make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$CLONE"
FIRST=$(git -C "$BARE" rev-parse main)

"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --listen "127.0.0.1:$PORT" --socket "$SOCK" \
	--poll 600 --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 20 healthy || fail "daemon not healthy: $(cat "$LOG")"
wait_until 30 published_is "$FIRST" || fail "first commit not published: $(status) $(cat "$LOG")"

# The burst: each push one commit; on the way a page is added, then removed,
# so that the incremental publishes write, add and delete files. For the
# second quarter of the pushes the daemon is stopped (SIGSTOP), as on a
# machine too busy to keep up: their wake-ups pile up (the hook's
# notifications overflow the socket's queue) and, once it runs again, one
# turn must take all those commits, judge each and publish only the newest.
START=$SECONDS
for i in $(seq "$N"); do
	[ "$i" = $((N / 4 + 1)) ] && kill -STOP "$DAEMON_PID"
	[ "$i" = $((N / 2 + 1)) ] && kill -CONT "$DAEMON_PID"
	sed -i "s/^\(Rafale [0-9]*\. \)\?L.ISCRA, Institut Social/Rafale $i. L'ISCRA, Institut Social/" \
		"$CLONE/pages/presentation.md"
	if [ "$i" = $((N / 3)) ]; then
		printf -- '---\ntitle: "Page de passage"\n---\nPoussée au milieu de la rafale.\n' >"$CLONE/pages/passage.md"
		git -C "$CLONE" add pages/passage.md
	fi
	[ "$i" = $((2 * N / 3)) ] && git -C "$CLONE" rm -q pages/passage.md
	git -C "$CLONE" commit -qam "Burst $i"
	git -C "$CLONE" push -q origin main 2>>"$TEST_DIR/push.log" || fail "push $i failed: $(cat "$TEST_DIR/push.log")"
done
LAST=$(git -C "$CLONE" rev-parse HEAD)
echo "$N pushes in $((SECONDS - START)) s"
wait_until 60 published_is "$LAST" || fail "last push not published: $(status) $(tail -20 "$LOG")"
echo "last push published $((SECONDS - START)) s after the first"
healthy || fail "daemon died in the burst"
status | python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(not (d["queue"] == 0 and d["error"] is None))' || fail "status after the burst: $(status)"

git -C "$BARE" rev-list --reverse "$FIRST..$LAST" >"$TEST_DIR/pushed.txt"
[ "$(wc -l <"$TEST_DIR/pushed.txt")" = "$N" ] || fail "expected $N commits, found $(wc -l <"$TEST_DIR/pushed.txt")"
cut -c1-12 "$TEST_DIR/pushed.txt" >"$TEST_DIR/pushed12.txt"

# Every commit judged exactly once, in push order (the log's verdict lines).
sed -n 's/.* info watch: verdict \([0-9a-f]\{12\}\): valid.*/\1/p' "$LOG" | grep -Fxf "$TEST_DIR/pushed12.txt" \
	>"$TEST_DIR/judged.txt" || true
diff "$TEST_DIR/pushed12.txt" "$TEST_DIR/judged.txt" >"$TEST_DIR/judged.diff" ||
	fail "the commits were not each judged once, in order: $(head -20 "$TEST_DIR/judged.diff")"
grep -q " warn watch: verdict" "$LOG" && fail "a commit of the burst judged invalid: $(grep " warn watch: verdict" "$LOG")"
# ... and so in the state, and as notes.
sqlite3 "$STATE/state.sqlite" "SELECT commit_id FROM verdicts WHERE errors = 0 ORDER BY rowid" |
	grep -Fxf "$TEST_DIR/pushed.txt" >"$TEST_DIR/rows.txt" || true
diff "$TEST_DIR/pushed.txt" "$TEST_DIR/rows.txt" >/dev/null || fail "the state's verdicts are not the $N commits in order"
git -C "$BARE" notes --ref folio list | cut -d' ' -f2 | grep -cFxf "$TEST_DIR/pushed.txt" >"$TEST_DIR/nnotes.txt" || true
[ "$(cat "$TEST_DIR/nnotes.txt")" = "$N" ] || fail "$(cat "$TEST_DIR/nnotes.txt") notes for $N commits"

# What was published went forward only, and ended on the last push.
sed -n 's/.* info watch: published \([0-9a-f]\{12\}\):.*/\1/p' "$LOG" | grep -Fxf "$TEST_DIR/pushed12.txt" \
	>"$TEST_DIR/published.txt" || true
python3 - "$TEST_DIR/pushed12.txt" "$TEST_DIR/published.txt" <<'PY' || fail "a publish went back in history"
import sys
order = {c: i for i, c in enumerate(open(sys.argv[1]).read().split())}
seq = [order[c] for c in open(sys.argv[2]).read().split()]
sys.exit(not (seq == sorted(set(seq)) and seq and seq[-1] == len(order) - 1))
PY
echo "$(wc -l <"$TEST_DIR/published.txt") publishes for $N pushes"
sed -n 's/.* info watch: branch .main. at [0-9a-f]*: \([0-9]*\) new commits$/\1/p' "$LOG" | sort -n | tail -1 \
	>"$TEST_DIR/batch.txt"
[ "$(cat "$TEST_DIR/batch.txt")" -ge $((N / 4)) ] ||
	fail "no turn took the $((N / 4)) commits pushed while the daemon was stopped (largest: $(cat "$TEST_DIR/batch.txt"))"
[ "$(wc -l <"$TEST_DIR/published.txt")" -le $((N - N / 4 + 1)) ] ||
	fail "the commits pushed while the daemon was stopped were each published"
"$FOLIO" build --repo "$BARE" --rev "$LAST" --out "$TEST_DIR/ref" --quiet >/dev/null || fail "reference build failed"
diff -r "$TEST_DIR/ref" "$OUT" >"$TEST_DIR/site.diff" || fail "the site is not a full build of the last push: $(head -c 2000 "$TEST_DIR/site.diff")"
assert_contains "$OUT/pages/presentation/index.html" "Rafale $N."
[ ! -e "$OUT/pages/passage/index.html" ] || fail "the page removed in the burst is still published"

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID" || fail "daemon exit status $?: $(cat "$LOG")"
DAEMON_PID=
echo "ok"

#!/bin/bash
# The daemon follows the published branch wherever it goes. A rollback
# (git push --force origin HEAD~2:main) publishes the older tip: the page the
# rolled-back commits added is deleted from --out and from the partners'
# pending payloads, the log says "rewound", /status shows it. A force-push
# onto another line judges each commit after the merge base; deleting and
# re-creating the branch is followed too.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/public
STATE=$TEST_DIR/state
LOG=$TEST_DIR/daemon.log
CLONE=$TEST_DIR/clone
EVENT=events/retrait-test
EVENT_URL=https://iscra.example/$EVENT/

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git -C "$BARE" config receive.denyDeleteCurrent ignore # for the deletion below
git clone -q "$BARE" "$CLONE"
FIRST=$(git -C "$BARE" rev-parse main)

"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --listen "127.0.0.1:$PORT" \
	--socket "$SOCK" --poll 30 --no-deliver 2>>"$LOG" &
DAEMON_PID=$!
wait_until 30 published_is "$FIRST" || fail "first commit not published: $(status) $(cat "$LOG")"

push() { # push ARGS...: git push from the clone, through the hooks
	git -C "$CLONE" push -q "$@" 2>>"$TEST_DIR/push.log" || fail "push $* failed: $(cat "$TEST_DIR/push.log")"
}
rewound_is() { # rewound_is FROM TO: /status shows that rewind
	status | python3 -c 'import json, sys
r = json.load(sys.stdin)["rewound"]
sys.exit(not (r and r["from"] == sys.argv[1] and r["to"] == sys.argv[2] and r["at"]))' "$1" "$2"
}
judged() { # judged COMMIT: among the last verdicts
	status | python3 -c 'import json, sys
sys.exit(not any(v["commit"] == sys.argv[1] for v in json.load(sys.stdin)["last_verdicts"]))' "$1"
}
# pending_payload PARTNER COMMIT: write to payload.json the payload of the
# partner's pending delivery, when it is COMMIT's (the daemon may hold the
# state's write lock for a moment: the caller retries)
pending_payload() {
	local id
	id=$("$FOLIO" deliveries --state "$STATE" --json list 2>/dev/null | python3 -c 'import json, sys
print(next(d["id"] for d in json.load(sys.stdin)["deliveries"] if d["partner"] == sys.argv[1] and d["status"] == "pending" and d["commit_id"] == sys.argv[2]))' "$1" "$2") &&
	"$FOLIO" deliveries --state "$STATE" --json show "$id" >"$TEST_DIR/payload.json" 2>/dev/null &&
	grep -qF "\"commit\": \"$2\"" "$TEST_DIR/payload.json"
}

# Two commits: a new event, then an edit of it.
cp "$CLONE/events/rencontre-associations-recherche-2019.md" "$CLONE/$EVENT.md"
sed -i 's/^title: .*/title: Un événement à retirer/' "$CLONE/$EVENT.md"
git -C "$CLONE" add -A
git -C "$CLONE" commit -qm "Add an event"
sed -i 's/^title: .*/title: Un événement à retirer, modifié/' "$CLONE/$EVENT.md"
git -C "$CLONE" commit -qam "Edit the event"
push origin main
B=$(git -C "$CLONE" rev-parse HEAD)
wait_until 30 published_is "$B" || fail "$B not published: $(status) $(cat "$LOG")"
[ -f "$OUT/$EVENT/index.html" ] || fail "the new event is not published"
wait_until 30 pending_payload alliss "$B" || fail "no delivery of $B pending: $(cat "$LOG")"
assert_contains "$TEST_DIR/payload.json" "$EVENT_URL"

# Roll back: the older tip is published, the event deleted, the rewind shown.
push --force origin "$FIRST:main"
wait_until 30 published_is "$FIRST" || fail "the rollback to $FIRST is not published: $(status) $(cat "$LOG")"
[ ! -e "$OUT/$EVENT/index.html" ] || fail "the rolled-back event is still in $OUT"
! grep -rqF "retrait-test" "$OUT" || fail "a page of $OUT still links the rolled-back event"
grep -q "branch 'main' rewound from ${B:0:12} to ${FIRST:0:12}" "$LOG" || fail "no rewind logged: $(cat "$LOG")"
rewound_is "$B" "$FIRST" || fail "/status does not show the rewind: $(status)"
wait_until 30 pending_payload alliss "$FIRST" || fail "no delivery of $FIRST pending: $(cat "$LOG")"
assert_not_contains "$TEST_DIR/payload.json" "$EVENT_URL"
status | python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["error"] is not None)' \
	|| fail "the rewind shows as an error: $(status)"

# A force-push onto another line: each commit after the merge base is judged,
# the new tip published.
git -C "$CLONE" reset -q --hard "$B"
push origin main
wait_until 30 published_is "$B" || fail "$B not published again: $(status) $(cat "$LOG")"
git -C "$CLONE" reset -q --hard "$FIRST"
sed -i 's/^L.ISCRA, Institut Social/Autre ligne. &/' "$CLONE/pages/presentation.md"
git -C "$CLONE" commit -qam "Another line, 1"
D1=$(git -C "$CLONE" rev-parse HEAD)
sed -i 's/^Autre ligne\./Autre ligne, suite./' "$CLONE/pages/presentation.md"
git -C "$CLONE" commit -qam "Another line, 2"
D2=$(git -C "$CLONE" rev-parse HEAD)
push --force origin main
wait_until 30 published_is "$D2" || fail "the force-pushed $D2 is not published: $(status) $(cat "$LOG")"
judged "$D1" || fail "$D1, between the merge base and the new tip, was not judged: $(status)"
rewound_is "$B" "$D2" || fail "/status does not show the force-push: $(status)"
[ ! -e "$OUT/$EVENT/index.html" ] || fail "the event of the abandoned line is still in $OUT"
assert_contains "$OUT/pages/presentation/index.html" "Autre ligne, suite."

# The branch deleted, then re-created at the first commit: followed.
push origin :main
wait_until 30 sh -c "curl -sf --max-time 5 $URL/status | grep -qF \"branch 'main' not found\"" \
	|| fail "a deleted branch does not show on /status: $(status)"
push origin "$FIRST:refs/heads/main"
wait_until 30 published_is "$FIRST" || fail "the re-created branch is not published: $(status) $(cat "$LOG")"
rewound_is "$D2" "$FIRST" || fail "/status does not show the re-creation as a rewind: $(status)"
! grep -qF "Autre ligne" "$OUT/pages/presentation/index.html" || fail "the page is not back to the first commit"

kill -TERM "$DAEMON_PID"
wait_until 20 gone "$DAEMON_PID" || fail "daemon did not stop"
wait "$DAEMON_PID" || fail "daemon exit status $?: $(cat "$LOG")"
DAEMON_PID=
echo "ok"

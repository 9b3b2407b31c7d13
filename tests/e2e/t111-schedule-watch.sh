#!/bin/bash
# folio watch publishes a held page at its time and takes an expired one
# down, without a push: a timer on the earliest pending date re-publishes
# the published commit. /status lists what is scheduled (and matches its
# schema). First on a clock the test moves (FOLIO_NOW_FILE, which the
# daemon reads each time it asks the time), then on the real clock with a
# publish date two seconds ahead. The daemon polls the branch only every
# 600 s: nothing but the schedule wakes it.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/public
LOG=$TEST_DIR/daemon.log
CLOCK=$TEST_DIR/now
SCHEMA=$FOLIO_SOURCE_DIR/docs/status.schema.json
CHECK=$FOLIO_BUILD_DIR/tests/schema_check
[ -x "$CHECK" ] || fail "no $CHECK: build the tree first"

mkdir -p "$TEST_DIR/src"
cp -r "$FOLIO_SOURCE_DIR/content/." "$TEST_DIR/src/"
S=$TEST_DIR/src
sed -e "s/^title: .*/title: Journée d'étude de Noël/" -e 's/^date: .*/date: 2027-02-01\npublish_date: 2026-12-24T09:00:00Z/' \
	"$S/events/rencontre-associations-recherche-2019.md" >"$S/events/journee-noel.md"
cat >"$S/pages/offre.md" <<'MD'
---
title: Offre de stage
expiryDate: 2026-12-31T23:00:00Z
---
Jusqu'au 31 décembre.
MD
make_repo "$TEST_DIR/site" "$S"
git clone -q --bare "$TEST_DIR/site" "$BARE"
HEAD=$(git -C "$BARE" rev-parse main)

echo 2026-12-03T10:00:00Z >"$CLOCK"
FOLIO_TRACE=1 FOLIO_NOW_FILE=$CLOCK "$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" --poll 600 --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 30 published_is "$HEAD" || fail "not published: $(status) $(cat "$LOG")"
[ ! -e "$OUT/events/journee-noel" ] || fail "the Christmas event is published on 3 December"
[ -s "$OUT/pages/offre/index.html" ] || fail "the offer is not published"
assert_not_contains "$OUT/events/index.json" "journee-noel"

# field_is EXPR: the Python expression EXPR on the /status document d is true
field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }
conforms() {
	status >"$TEST_DIR/status.json" || fail "no /status"
	"$CHECK" "$SCHEMA" "$TEST_DIR/status.json" || fail "/status does not match its schema: $(cat "$TEST_DIR/status.json")"
}
field_is 'd["scheduled"] == [
  {"path": "events/journee-noel.md", "title": "Journée d'"'"'étude de Noël", "url": "/events/journee-noel/",
   "at": "2026-12-24T09:00:00Z", "action": "publish"},
  {"path": "pages/offre.md", "title": "Offre de stage", "url": "/pages/offre/",
   "at": "2026-12-31T23:00:00Z", "action": "expire"}]' || fail "/status does not list the schedule: $(status)"
conforms

# One second before: nothing moves.
# The daemon looks at the clock file every second (FOLIO_TRACE logs each
# wake): two wakes after the clock moved, it has seen it.
wakes() { grep -c "wake: poll (1 s)" "$LOG" || true; }
W=$(wakes)
echo 2026-12-24T08:59:59Z >"$CLOCK"
woke_twice() { [ "$(wakes)" -ge $((W + 2)) ]; }
wait_until 30 woke_twice || fail "the daemon does not wake every second: $(cat "$LOG")"
[ ! -e "$OUT/events/journee-noel" ] || fail "published a second early"

# Christmas Eve: the event appears without a push, in its list and feed.
echo 2026-12-24T09:00:00Z >"$CLOCK"
wait_until 30 test -s "$OUT/events/journee-noel/index.html" || fail "not published at its time: $(cat "$LOG")"
wait_until 30 grep -q "scheduled: publishing ${HEAD:0:12} again" "$LOG" || fail "no log line: $(cat "$LOG")"
wait_until 30 field_is 'len(d["scheduled"]) == 1 and d["scheduled"][0]["action"] == "expire"' ||
	fail "/status still lists the published event: $(status)"
assert_contains "$OUT/events/index.json" "journee-noel"
assert_contains "$OUT/sitemap.xml" "/events/journee-noel/"
field_is "d['published_commit'] == '$HEAD'" || fail "another commit published: $(status)"
conforms

# New year's eve, 23:00 UTC: the offer goes.
echo 2026-12-31T23:00:00Z >"$CLOCK"
wait_until 30 test ! -e "$OUT/pages/offre" || fail "the offer is still published: $(cat "$LOG")"
assert_not_contains "$OUT/sitemap.xml" "/pages/offre/"
wait_until 30 field_is 'd["scheduled"] == []' || fail "/status still lists a schedule: $(status)"
conforms
kill "$DAEMON_PID"
rc=0
wait "$DAEMON_PID" || rc=$?
DAEMON_PID=
[ $rc -eq 0 ] || fail "the daemon exited with $rc: $(cat "$LOG")"

# The real clock: a page due two seconds after the push is published by the
# timer (the branch is polled only every 600 s, and the push is its own wake).
git clone -q "$BARE" "$TEST_DIR/clone"
WHEN=$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%SZ)
cat >"$TEST_DIR/clone/pages/bientot.md" <<MD
---
title: Bientôt
publish_date: $WHEN
---
Dans deux secondes.
MD
git -C "$TEST_DIR/clone" add -A && git -C "$TEST_DIR/clone" commit -qm "A page due in two seconds"
git -C "$TEST_DIR/clone" push -q origin main
NEW=$(git -C "$BARE" rev-parse main)
LOG=$TEST_DIR/daemon2.log
"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" --poll 600 --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 30 published_is "$NEW" || fail "not published: $(status) $(cat "$LOG")"
wait_until 30 test -s "$OUT/pages/bientot/index.html" || fail "not published by the timer: $(cat "$LOG")"
grep -q "scheduled: publishing ${NEW:0:12} again" "$LOG" || fail "not the timer's publish: $(cat "$LOG")"
echo "ok"

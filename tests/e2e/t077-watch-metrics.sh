#!/bin/bash
# folio watch serves /metrics in the Prometheus text format (0.0.4): every
# line parses, each family has its HELP and TYPE, and the counters follow
# what the daemon did: a push published, an invalid commit judged (its
# findings counted by rule), a delivery stopped for good (plain http to a
# partner the allow-list does not name).
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
BARE=$TEST_DIR/site.git
LOG=$TEST_DIR/daemon.log
NOBODY=$(free_port) # a partner not in the allow-list: its delivery fails for good

site_with_partner "$TEST_DIR/src" away "$NOBODY"
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/site" "$BARE" # no hooks: an invalid push gets in, to be judged
git clone -q "$BARE" "$TEST_DIR/clone"
export FOLIO_SECRET_AWAY=whsec_e2e-metrics-secret

"$FOLIO" watch --repo "$BARE" --out "$TEST_DIR/public" --state "$TEST_DIR/state" --branch main \
	--listen "127.0.0.1:$PORT" --poll 1 2>"$LOG" &
DAEMON_PID=$!
wait_until 10 healthy || fail "daemon not healthy: $(cat "$LOG")"

metrics() { # metrics [EXPECTATION...]: fetch /metrics into metrics.txt, parse it, check each expectation
	curl -sf --max-time 5 -D "$TEST_DIR/metrics.head" -o "$TEST_DIR/metrics.txt" "$URL/metrics" &&
		python3 "$FOLIO_SOURCE_DIR/tests/e2e/prometheus.py" "$TEST_DIR/metrics.txt" "$@"
}

FIRST=$(git -C "$BARE" rev-parse main)
wait_until 30 published_is "$FIRST" || fail "not published: $(status) $(cat "$LOG")"
metrics 'folio_up==1' || fail "/metrics does not parse: $(cat "$TEST_DIR/metrics.txt")"
grep -qi '^content-type: text/plain; version=0.0.4' "$TEST_DIR/metrics.head" ||
	fail "wrong content type: $(cat "$TEST_DIR/metrics.head")"

# A valid push is published and counted.
sed -i 's/^L.ISCRA, Institut Social/Une modification. &/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "Change the presentation"
git -C "$TEST_DIR/clone" push -q origin main 2>>"$TEST_DIR/push.log" || fail "push failed"
GOOD=$(git -C "$TEST_DIR/clone" rev-parse HEAD)
wait_until 30 published_is "$GOOD" || fail "not published: $(status) $(cat "$LOG")"

# An invalid commit (front matter that does not parse) is judged, not published.
sed -i '2s/.*/title: "unclosed/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "Break the front matter"
git -C "$TEST_DIR/clone" push -q origin main 2>>"$TEST_DIR/push.log" || fail "push failed"
invalid_counted() { metrics 'folio_verdicts_total{valid="false"}>=1' 2>/dev/null; }
wait_until 30 invalid_counted || fail "invalid verdict not counted: $(cat "$TEST_DIR/metrics.txt") $(cat "$LOG")"
failed_seen() { metrics 'folio_deliveries{state="failed"}>=1' 2>/dev/null; }
wait_until 30 failed_seen || fail "no failed delivery: $(cat "$TEST_DIR/metrics.txt") $(cat "$LOG")"
cat "$TEST_DIR/metrics.txt"

metrics 'folio_up==1' 'folio_publishes_total>=2' 'folio_publish_duration_seconds_count>=2' \
	'folio_verdicts_total{valid="true"}>=2' 'folio_verdicts_total{valid="false"}==1' \
	'folio_findings_total{rule="front-matter/syntax"}>=1' 'folio_queue_length==0' \
	'folio_published_timestamp_seconds>0' 'folio_start_time_seconds>0' \
	'folio_deliveries{state="delivered"}==0' 'folio_deliveries{state="pending"}==0' \
	'folio_deliveries{state="disabled"}==0' ||
	fail "/metrics does not show what happened"
published_is "$GOOD" || fail "the invalid commit was published"
for f in folio_publishes_total folio_publish_duration_seconds folio_verdicts_total folio_findings_total \
	folio_queue_length folio_deliveries folio_published_timestamp_seconds folio_up folio_start_time_seconds; do
	grep -q "^# TYPE $f " "$TEST_DIR/metrics.txt" || fail "no TYPE line for $f"
done

# Only GET (and HEAD).
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --max-time 5 "$URL/metrics")" = 405 ] ||
	fail "POST /metrics not refused"
echo "ok"

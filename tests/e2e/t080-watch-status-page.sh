#!/bin/bash
# The status page at / of folio watch, seen in headless Chromium: the
# published commit, a refused commit with its
# findings (file:line, rule, message, hint), the partner deliveries (one
# ok, one failing with its next retry), in English for an English site.
# The refused commit's message and a file name hold <script>: the page
# shows them as text, and no script element exists in its DOM. Screenshots
# at desktop and phone widths go to $FOLIO_ARTIFACTS (else the test's
# directory). /status, which the page is made from, matches its schema.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-browser.sh"
browser_or_skip

daemon_test # DAEMON_PID killed at exit; PORT, URL
RECEIVER_PID=
cleanup() {
	[ -z "$RECEIVER_PID" ] || kill -9 "$RECEIVER_PID" 2>/dev/null || true
	daemon_test_cleanup
}
trap cleanup EXIT
BARE=$TEST_DIR/site.git
LOG=$TEST_DIR/daemon.log
RPORT=$(free_port)
DEAD_PORT=$(free_port) # nothing listens there: its partner keeps failing
CHECK=$FOLIO_BUILD_DIR/tests/schema_check
[ -x "$CHECK" ] || fail "no $CHECK: build the tree first"

# An English site with two partners: "ours" (a real folio receive) and "gone".
site_with_partner "$TEST_DIR/src" ours "$RPORT"
sed -i 's/^language: .*/language: en/' "$TEST_DIR/src/folio.yaml"
cat >>"$TEST_DIR/src/folio.yaml" <<YAML
  - name: gone
    url: http://127.0.0.1:$DEAD_PORT/folio
    collections: [events]
YAML
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/site" "$BARE" # no hooks: the bad commit gets in, to be judged
FIRST=$(git -C "$BARE" rev-parse main)
SECRET="whsec_$(openssl rand -base64 32)"
export FOLIO_SECRET_OURS=$SECRET FOLIO_SECRET_GONE=$SECRET
(umask 077 && echo "ours=$SECRET" >"$TEST_DIR/receiver-secret")

"$FOLIO" receive --listen "127.0.0.1:$RPORT" --secret-file "$TEST_DIR/receiver-secret" \
	--dir "$TEST_DIR/received" 2>"$TEST_DIR/receiver.log" &
RECEIVER_PID=$!
wait_until 30 grep -q "listening on port" "$TEST_DIR/receiver.log" ||
	fail "receiver not listening: $(cat "$TEST_DIR/receiver.log")"
FOLIO_PARTNER_ALLOW="http://127.0.0.1:$RPORT http://127.0.0.1:$DEAD_PORT" \
	"$FOLIO" watch --repo "$BARE" --out "$TEST_DIR/public" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" --poll 1 2>"$LOG" &
DAEMON_PID=$!

# field_is EXPR: the Python expression EXPR on the /status document d is true
field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }
partner_is() { # partner_is NAME EXPR: EXPR on partner NAME (p) of /status is true
	field_is "any(p[\"name\"] == \"$1\" and ($2) for p in d[\"partners\"] or [])"
}
wait_until 60 published_is "$FIRST" || fail "not published: $(status) $(cat "$LOG")"
wait_until 60 partner_is ours "p[\"status\"] == \"ok\" and p[\"acked_commit\"] == \"$FIRST\"" ||
	fail "partner ours not delivered: $(status) $(cat "$LOG" "$TEST_DIR/receiver.log")"
wait_until 60 partner_is gone 'p["status"] == "failing" and p["next_attempt_at"]' ||
	fail "partner gone not failing: $(status) $(cat "$LOG")"

# A commit whose message and a new file's name hold markup, with a finding on a line.
git clone -q "$BARE" "$TEST_DIR/clone"
# (a name is made a slug, so the finding is the page's own: a broken link)
printf -- '---\ntitle: Hello\n---\n\nText [x](/nulle-part/).\n' >"$TEST_DIR/clone/pages/<script>x.md"
sed -i '2s/.*/title: "unclosed/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" add -A
SUBJECT='Break <script>alert("xss")</script> & more'
git -C "$TEST_DIR/clone" commit -qm "$SUBJECT"
git -C "$TEST_DIR/clone" push -q origin main 2>/dev/null || fail "push failed"
BAD=$(git -C "$TEST_DIR/clone" rev-parse HEAD)
wait_until 60 field_is "d[\"last_verdicts\"][0][\"commit\"] == \"$BAD\"" || fail "$BAD not judged: $(status) $(cat "$LOG")"
status >"$TEST_DIR/status.json"
"$CHECK" "$FOLIO_SOURCE_DIR/docs/status.schema.json" "$TEST_DIR/status.json" ||
	fail "/status does not match its schema: $(cat "$TEST_DIR/status.json")"
echo "status: $(cat "$TEST_DIR/status.json")"

# The raw page: HTML, no script anywhere, a policy that would block one anyway.
curl -sf --max-time 10 -D "$TEST_DIR/headers" "$URL/" >"$TEST_DIR/page.html" || fail "GET / failed"
grep -qi '^content-type: text/html; charset=utf-8' "$TEST_DIR/headers" || fail "not HTML: $(cat "$TEST_DIR/headers")"
grep -qi "^content-security-policy: default-src 'none'" "$TEST_DIR/headers" || fail "no CSP: $(cat "$TEST_DIR/headers")"
assert_not_contains "$TEST_DIR/page.html" "<script"
curl -s --max-time 10 -o /dev/null -w '%{http_code}' -X POST "$URL/" | grep -qx 405 || fail "POST / is not refused"

# The page as a browser builds it.
browser_dom "$URL/" "$TEST_DIR/dom.html"
python3 - "$TEST_DIR/dom.html" "$FOLIO_SOURCE_DIR/tests/e2e" "$FIRST" "$BAD" "$SUBJECT" <<'PY' || fail "the page's DOM is wrong: $(cat "$TEST_DIR/dom.html")"
import sys
sys.path.insert(0, sys.argv[2])
from dom import parse, check
root = parse(sys.argv[1])
first, bad, subject = sys.argv[3], sys.argv[4], sys.argv[5]
html = root.find("html")
check(html.attrs.get("lang") == "en", "lang is %r" % html.attrs.get("lang"))
check(root.find("h1").text() == "Publishing status", "h1 is %r" % root.find("h1").text())
check(not root.find_all("script"), "a script element is in the DOM")

published = root.find("section", id="published")
check(published.find("code").attrs.get("title") == first, "published commit is not %s" % first)
check(published.find("h2").text() == "Published", "published heading")

commit = root.find("article", data_commit=bad)
check(commit.find("span", cls="subject").text() == subject,
      "subject shown as %r" % commit.find("span", cls="subject").text())
check("refused" in commit.find("span", cls="verdict").text(), "verdict")
rows = commit.find_all("tr", cls="finding")
where = {r.find("td", cls="where").text(): r for r in rows}
check("pages/<script>x.md:5" in where, "no finding on the file named <script>: %s" % list(where))
check(where["pages/<script>x.md:5"].find("td", cls="rule").text() == "link/broken", "rule")
lined = [w for w in where if w.startswith("pages/presentation.md:")]
check(lined, "no finding with file:line on pages/presentation.md: %s" % list(where))
msg = where[lined[0]].find("td", cls="message").text()
check(msg, "the finding has no message")
check([th.text() for th in commit.find("thead").find_all("th")] == ["File:line", "Severity", "Rule", "Message", "Hint"],
      "finding table headers")
print("finding:", lined[0], msg, "|", where[lined[0]].find("td", cls="hint").text())

deliveries = root.find("section", id="deliveries")
ours = deliveries.find("tr", data_partner="ours")
check(ours.attrs.get("data-state") == "ok" and ours.find("td", cls="ok").text() == "ok", "partner ours not ok")
check(ours.find("code").attrs.get("title") == first, "partner ours did not get %s" % first)
gone = deliveries.find("tr", data_partner="gone")
check(gone.attrs.get("data-state") == "failing", "partner gone not failing")
check(gone.find("time").attrs.get("datetime", "").endswith("Z"), "no next retry for gone")
check(gone.find("th").attrs.get("scope") == "row", "partner name is not a row header")

for sid, none in (("scheduled", "None scheduled."), ("previews", "No branch preview.")):
    check(root.find("section", id=sid).find("p").text() == none, "section %s" % sid)
check(root.find("section", id="queue").find("h2").text() == "Queue", "queue")
print("DOM ok")
PY

browser_screenshot "$URL/" status-page-en-desktop 1280 1600
browser_screenshot "$URL/" status-page-en-phone 412 2400
echo "ok"

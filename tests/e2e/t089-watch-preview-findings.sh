#!/bin/bash
# A reviewer on the status page: a branch's preview lists its tip's findings
# (file:line, rule, message, hint), each linked to its page in the preview;
# following the link in headless Chromium shows the branch's page. A branch
# whose tip is refused keeps its findings listed, linked to the pages its
# last valid build serves. /status matches its schema, /metrics counts the
# previews, and deleting the branch takes its findings off the page.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-browser.sh"
browser_or_skip

daemon_test # DAEMON_PID killed at exit; PORT, URL
SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
LOG=$TEST_DIR/daemon.log
CLONE=$TEST_DIR/clone
CHECK=$FOLIO_BUILD_DIR/tests/schema_check
[ -x "$CHECK" ] || fail "no $CHECK: build the tree first"
PARA="Ce paragraphe, assez long pour que folio le compare aux autres, se trouve deux fois dans la page"

field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }
preview_judged() { field_is "any(p['name'] == '$1' and p['commit'] == '$2' and p['findings'] is not None for p in d['previews'])"; }

make_repo "$TEST_DIR/src"
sed -i 's/^language: .*/language: en/' "$TEST_DIR/src/folio.yaml"
git -C "$TEST_DIR/src" commit -qam "English status page"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$CLONE"
MAIN=$(git -C "$BARE" rev-parse main)
"$FOLIO" watch --repo "$BARE" --out "$TEST_DIR/site/public" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" --socket "$SOCK" --poll 30 2>"$LOG" &
DAEMON_PID=$!
wait_until 60 published_is "$MAIN" || fail "main not published: $(status) $(cat "$LOG")"

# A branch whose tip has a warning (a repeated paragraph) in an event page.
PAGE=events/rencontre-associations-recherche-2019.md
git -C "$CLONE" checkout -q -b relecture
printf '\n%s.\n\n%s.\n' "$PARA" "$PARA" >>"$CLONE/$PAGE"
git -C "$CLONE" commit -qam "Relecture: un paragraphe en double"
TIP=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" push -q origin relecture 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
NAME=$("$FOLIO" notify --preview-of refs/heads/relecture)
wait_until 60 preview_judged "$NAME" "$TIP" || fail "preview not judged: $(status) $(cat "$LOG")"
status >"$TEST_DIR/status.json"
"$CHECK" "$FOLIO_SOURCE_DIR/docs/status.schema.json" "$TEST_DIR/status.json" ||
	fail "/status does not match its schema: $(cat "$TEST_DIR/status.json")"
LINK=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
p = [p for p in d["previews"] if p["name"] == sys.argv[2]][0]
f = [f for f in p["findings"] if f["path"] == sys.argv[3]]
print(f[0]["url"] if f else "")' "$TEST_DIR/status.json" "$NAME" "$PAGE")
[ "$LINK" = "$URL/previews/$NAME/events/rencontre-associations-recherche-2019/" ] ||
	fail "the finding does not link to its page in the preview: '$LINK' in $(cat "$TEST_DIR/status.json")"

# The status page, as a browser builds it: the finding's file:line is a link to the preview's page.
browser_dom "$URL/" "$TEST_DIR/dom.html"
python3 - "$TEST_DIR/dom.html" "$FOLIO_SOURCE_DIR/tests/e2e" "$NAME" "$PAGE" "$LINK" <<'PY' || fail "the page's DOM is wrong: $(cat "$TEST_DIR/dom.html")"
import sys
sys.path.insert(0, sys.argv[2])
from dom import parse, check
root = parse(sys.argv[1])
name, page, link = sys.argv[3], sys.argv[4], sys.argv[5]
check(not root.find_all("script"), "a script element is in the DOM")
preview = root.find("section", id="previews").find("article", data_preview=name)
check(preview.find("code", cls="ref").text() == "refs/heads/relecture", "the preview's ref")
check("valid" in preview.find("span", cls="verdict").text(), "the preview's verdict")
rows = [r for r in preview.find_all("tr", cls="finding") if r.find("td", cls="where").text().startswith(page + ":")]
check(rows, "no finding of %s in the preview" % page)
a = rows[0].find("td", cls="where").find("a")
check(a.attrs.get("href") == link, "the finding links to %r" % a.attrs.get("href"))
check(rows[0].find("td", cls="rule").text(), "the finding has no rule")
print("finding:", rows[0].find("td", cls="where").text(), rows[0].find("td", cls="rule").text(), "->", link)
PY
# The link leads to the branch's page.
browser_dom "$LINK" "$TEST_DIR/linked.html"
assert_contains "$TEST_DIR/linked.html" "$PARA"
browser_screenshot "$URL/" status-page-preview-findings 1280 1800

# /metrics counts the preview.
curl -sf --max-time 5 "$URL/metrics" >"$TEST_DIR/metrics" || fail "no /metrics"
grep -qx 'folio_previews{state="served"} 1' "$TEST_DIR/metrics" || fail "previews not counted: $(grep previews "$TEST_DIR/metrics")"
grep -qx 'folio_preview_builds_total{valid="true"} 1' "$TEST_DIR/metrics" ||
	fail "preview build not counted: $(grep preview "$TEST_DIR/metrics")"

# A refused tip (a broken link in the same page): its error is listed and
# linked to the page the preview still serves (its last valid build).
printf '\n[Nulle part](/nulle-part/)\n' >>"$CLONE/$PAGE"
git -C "$CLONE" commit -qam "Relecture: un lien cassé"
BAD=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" push -q origin relecture 2>"$TEST_DIR/push2.log" || fail "push failed: $(cat "$TEST_DIR/push2.log")"
wait_until 60 preview_judged "$NAME" "$BAD" || fail "refused tip not judged: $(status) $(cat "$LOG")"
field_is "[f for p in d['previews'] if p['name'] == '$NAME' for f in p['findings'] if f['rule'] == 'link/broken' and f['url'] == '$LINK']" ||
	fail "the refused tip's error is not linked to the served page: $(status)"
grep -q 'folio_previews{state="invalid"} 1' <(curl -sf --max-time 5 "$URL/metrics") || fail "invalid preview not counted"

# Deleting the branch takes the preview and its findings away.
git -C "$CLONE" push -q origin --delete relecture 2>/dev/null || fail "delete failed"
wait_until 60 field_is "not d['previews']" || fail "preview not removed: $(status)"
curl -sf --max-time 5 "$URL/" | grep -q "data-preview=" && fail "the deleted preview is still on the page"
echo "ok"

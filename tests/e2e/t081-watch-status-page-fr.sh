#!/bin/bash
# The status page of a French site (the sample site: folio.yaml says
# language: fr) speaks French, in headless Chromium: lang="fr", French
# headings, verdicts, partner states and table headers, French plural
# forms; the findings stay as folio wrote them. After a restart the page
# says where the findings of commits judged before it are (their note),
# and a phone-sized screenshot is taken. /status keeps its English keys.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-browser.sh"
browser_or_skip

daemon_test # DAEMON_PID killed at exit; PORT, URL
BARE=$TEST_DIR/site.git
LOG=$TEST_DIR/daemon.log

# One partner on a loopback port that the default allow-list refuses: stopped for good.
site_with_partner "$TEST_DIR/src" refusee "$(free_port)"
grep -qx 'language: fr' "$TEST_DIR/src/folio.yaml" || fail "the sample site is not French any more"
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/site" "$BARE"
FIRST=$(git -C "$BARE" rev-parse main)
export FOLIO_SECRET_REFUSEE="whsec_$(openssl rand -base64 32)"
start_daemon() {
	"$FOLIO" watch --repo "$BARE" --out "$TEST_DIR/public" --state "$TEST_DIR/state" \
		--listen "127.0.0.1:$PORT" --poll 1 2>>"$LOG" &
	DAEMON_PID=$!
}
start_daemon
field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }
wait_until 60 published_is "$FIRST" || fail "not published: $(status) $(cat "$LOG")"
wait_until 60 field_is 'd["partners"] and d["partners"][0]["status"] == "failed"' ||
	fail "partner not stopped: $(status) $(cat "$LOG")"

# A commit with one error on a line.
git clone -q "$BARE" "$TEST_DIR/clone"
sed -i '2s/.*/title: "unclosed/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "Casser l’en-tête de la présentation"
git -C "$TEST_DIR/clone" push -q origin main 2>/dev/null || fail "push failed"
BAD=$(git -C "$TEST_DIR/clone" rev-parse HEAD)
wait_until 60 field_is "d[\"last_verdicts\"][0][\"commit\"] == \"$BAD\"" || fail "$BAD not judged: $(status) $(cat "$LOG")"
field_is 'd["language"] == "fr"' || fail "/status does not say the site's language: $(status)"

check_dom() { # check_dom AFTER_RESTART: the French page's DOM
	browser_dom "$URL/" "$TEST_DIR/dom.html"
	python3 - "$TEST_DIR/dom.html" "$FOLIO_SOURCE_DIR/tests/e2e" "$FIRST" "$BAD" "$1" <<'PY' ||
import sys
sys.path.insert(0, sys.argv[2])
from dom import parse, check
root = parse(sys.argv[1])
first, bad, restarted = sys.argv[3], sys.argv[4], sys.argv[5] == "1"
check(root.find("html").attrs.get("lang") == "fr", "lang is not fr")
check(root.find("h1").text() == "État de la publication", "h1 is %r" % root.find("h1").text())
headings = [h.text() for h in root.find_all("h2")]
check(headings == ["Publié", "File d’attente", "Commits récents", "Publications programmées",
                   "Livraisons aux partenaires", "Prévisualisations"], "headings: %s" % headings)
published = root.find("section", id="published")
check(published.find("code").attrs.get("title") == first, "published commit")
check("publié le" in published.text(), "published: %r" % published.text())
commit = root.find("article", data_commit=bad)
check(commit.find("span", cls="subject").text() == "Casser l’en-tête de la présentation", "subject")
line = commit.find("p").text()
check(line.startswith("refusé\u00a0: 1 erreur, 0 avertissement"), "verdict line %r" % line)
if restarted:
    check("git notes --ref=folio show " + bad in commit.text(), "no pointer to the note: %r" % commit.text())
    check(not commit.find_all("tr", cls="finding"), "findings shown after a restart")
else:
    check([th.text() for th in commit.find("thead").find_all("th")] ==
          ["Fichier:ligne", "Gravité", "Règle", "Message", "Conseil"], "French table headers")
    where = [td.text() for td in commit.find_all("td", cls="where")]
    check(any(w.startswith("pages/presentation.md:") for w in where), "no file:line: %s" % where)
    check(commit.find("td", cls="rule").text() == "front-matter/syntax", "rule")
partner = root.find("tr", data_partner="refusee")
check(partner.attrs.get("data-state") == "failed", "partner state")
check(partner.find("td", cls="failed").text().startswith("arrêté par un échec définitif"), "partner state text")
check(partner.find("td", cls="reason").text(), "no reason for the stopped partner")
check(root.find("section", id="scheduled").find("p").text() == "Aucune publication programmée.", "scheduled")
check(root.find("section", id="previews").find("p").text() == "Aucune prévisualisation de branche.", "previews")
print("DOM ok (restarted: %s)" % restarted)
PY
		fail "the French page's DOM is wrong: $(cat "$TEST_DIR/dom.html")"
}
check_dom 0
browser_screenshot "$URL/" status-page-fr-phone 412 2000

# Restarted: the verdicts come from the state, their findings from the notes.
kill "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null || true
start_daemon
wait_until 60 field_is "d[\"last_verdicts\"] and d[\"last_verdicts\"][0][\"commit\"] == \"$BAD\" and d[\"language\"] == \"fr\"" ||
	fail "restarted daemon does not show $BAD: $(status) $(cat "$LOG")"
check_dom 1
echo "ok"

#!/bin/bash
# A site with "timezone: Europe/Paris": dates written without an offset are
# read there, and feeds, the sitemap and JSON-LD write them with Paris's
# offset of that day (+01:00 in winter, +02:00 in summer; before, "Z" or
# nothing). Expected offsets come from Python's zoneinfo, not from folio.
# publish_date without an offset is Paris time too (FOLIO_NOW is the clock).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site"
sed -i 's/^language: fr$/language: fr\ntimezone: Europe\/Paris/' "$site/folio.yaml"
grep -q '^timezone: Europe/Paris$' "$site/folio.yaml" || fail "no timezone line"
ev=$site/events/rencontre-associations-recherche-2019.md
# a winter event, and a summer one whose date the clocks change on
sed 's/^date: .*/date: 2027-01-15/' "$ev" >"$site/events/rencontre-hiver.md"
sed 's/^date: .*/date: 2026-03-29/' "$ev" >"$site/events/rencontre-printemps.md"
# a page published at 10:00 Paris time (08:00Z, summer time)
cat >"$site/pages/annonce.md" <<'MD'
---
title: Annonce
publish_date: 2026-07-01T10:00
---

Une annonce programmée.
MD
git -C "$site" add -A
git -C "$site" commit -qm "Paris time"

"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
FOLIO_NOW=2026-07-01T09:00:00Z "$FOLIO" build --repo "$site" --out "$TEST_DIR/out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
P=$TEST_DIR/out

# 09:00Z is 11:00 in Paris: the page is out (read as UTC it would wait an hour)
[ -s "$P/pages/annonce/index.html" ] || fail "the page due at 10:00 Paris time is held at 11:00"

python3 - "$P" <<'PY'
import datetime, json, sys, xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

out = sys.argv[1]
paris = ZoneInfo("Europe/Paris")

def expected(day, time="00:00:00"):
    local = datetime.datetime.fromisoformat(day + "T" + time).replace(tzinfo=paris)
    return local.isoformat()

def check(written, day, time="00:00:00"):
    want = expected(day, time)
    assert written == want, (written, want)
    return written[-6:]

offsets = set()
# JSON Feed: every dated item
for coll in ("events", "books"):
    feed = json.load(open(f"{out}/{coll}/index.json"))
    for item in feed["items"]:
        d = item["_folio"]["meta"]["date"]
        offsets.add(check(item["date_published"], d))
assert {"+01:00", "+02:00"} <= offsets, offsets

# the sitemap, read by a real XML parser: each dated page has its lastmod
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
root = ET.parse(f"{out}/sitemap.xml").getroot()
lastmod = {u.find("s:loc", ns).text: u.find("s:lastmod", ns) for u in root.findall("s:url", ns)}
base = "https://iscra.example"
cases = {
    "/events/rencontre-hiver/": ("2027-01-15", "+01:00"),
    "/events/rencontre-printemps/": ("2026-03-29", "+01:00"),  # midnight is before the 02:00 change
    "/events/rencontre-associations-recherche-2019/": ("2019-04-26", "+02:00"),
}
for url, (day, off) in cases.items():
    lm = lastmod[base + url]
    assert lm is not None, url
    assert lm.text == expected(day) and lm.text.endswith(off), (url, lm.text)
assert lastmod[base + "/pages/annonce/"] is None  # no date_field in pages

# JSON-LD: the event's start, date and start time, at Paris's offset of that day
def jsonld(path):
    html = open(f"{out}/{path}/index.html", encoding="utf-8").read()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start:html.index("</script>", start)])

ld = jsonld("events/rencontre-printemps")
assert ld["startDate"] == expected("2026-03-29", "10:00:00") == "2026-03-29T10:00:00+02:00", ld["startDate"]
assert ld["endDate"] == "2026-03-29T17:00:00+02:00", ld["endDate"]
ld = jsonld("events/rencontre-hiver")
assert ld["startDate"] == "2027-01-15T10:00:00+01:00", ld["startDate"]
print("ok: feeds, sitemap and JSON-LD carry Paris's offsets:", sorted(offsets))
PY
[ $? -eq 0 ] || fail "dates without Paris's offsets"

# 07:30Z is 09:30 in Paris: the page is still held
FOLIO_NOW=2026-07-01T07:30:00Z "$FOLIO" build --repo "$site" --out "$TEST_DIR/early" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "early build failed: $(cat "$TEST_DIR/build.txt")"
[ ! -e "$TEST_DIR/early/pages/annonce/index.html" ] || fail "the page due at 10:00 Paris time is out at 09:30"

# an unknown zone is refused at its line, with a hint
sed -i 's/^timezone: .*/timezone: Europe\/Pariss/' "$site/folio.yaml"
git -C "$site" commit -qam "typo"
rc=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc -eq 1 ] || fail "check of an unknown zone exited $rc"
grep -q '^folio.yaml:8:11: error: "timezone" must be a time-zone name, not "Europe/Pariss" \[config/syntax\]$' \
	"$TEST_DIR/check.txt" || fail "no finding for the unknown zone: $(cat "$TEST_DIR/check.txt")"
echo "ok: Europe/Paris"

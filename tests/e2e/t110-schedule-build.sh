#!/bin/bash
# Drafts and scheduled pages with folio build, on a clock the test sets
# (FOLIO_NOW): a draft reaches no output, feed, sitemap, index.json or
# partner; a page whose publish_date is to come is held back, then appears
# when the clock passes it (incrementally, byte for byte what a full build
# writes, and as an added item for the partner); a page whose expiry_date
# has passed is taken down. The sample schemas are strict
# (additionalProperties: false): the keys are not unknown fields there.
. "$(dirname "$0")/lib.sh"

SECRET="whsec_$(openssl rand -base64 32 | tr -d '\n')"
export FOLIO_SECRET_FAKE=$SECRET
mkdir -p "$TEST_DIR/fake"
python3 "$FOLIO_SOURCE_DIR/tests/e2e/fake_partner.py" --dir "$TEST_DIR/fake" --secret "$SECRET" &
PARTNER=$!
trap 'kill -9 $PARTNER 2>/dev/null || true; rm -rf "$TEST_DIR"' EXIT
wait_until 30 test -s "$TEST_DIR/fake/port" || fail "the fake partner did not start"
PPORT=$(cat "$TEST_DIR/fake/port")
export FOLIO_PARTNER_ALLOW="http://127.0.0.1:$PPORT"

site_with_partner "$TEST_DIR/src" fake "$PPORT"
S=$TEST_DIR/src
# a draft event, written with Hugo's spelling and case
cat >"$S/events/brouillon-secret.md" <<'MD'
---
title: Brouillon secret
date: 2027-01-15
Draft: true
---
Ce texte ne doit paraître nulle part.
MD
# an event announced for Christmas Eve, 10:00 in Paris (complete: it is
# published without a push, so it is checked like a published page)
sed -e "s/^title: .*/title: Journée d'étude annoncée/" -e 's/^date: .*/date: 2027-02-01\npublishDate: 2026-12-24T10:00:00+01:00/' \
	"$S/events/rencontre-associations-recherche-2019.md" >"$S/events/journee-d-etude.md"
# a page that expired on 1 December
cat >"$S/pages/appel-a-projets.md" <<'MD'
---
title: Appel à projets clos
expiry_date: 2026-12-01
---
L'appel est clos.
MD
# a page that expires at the new year, linking to the draft
cat >"$S/pages/offre.md" <<'MD'
---
title: Offre de stage
expiry_date: "2027-01-01T00:00:00Z"
---
Voir aussi [le brouillon](../events/brouillon-secret.md).
MD
# a speaker of the sample event becomes a draft: the event references it
sed -i '0,/^---$/s//---\ndraft: true/' "$S/people/lionel-larque.md"
make_repo "$TEST_DIR/site" "$S"

# findings: the link to the draft, and the incomplete draft's own, all
# warnings (a draft is checked, never refused); nothing about the keys
FOLIO_NOW=2026-12-03T10:00:00Z "$FOLIO" check --repo "$TEST_DIR/site" >"$TEST_DIR/check.txt" 2>&1 ||
	fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'pages/offre.md:5:'
assert_contains "$TEST_DIR/check.txt" 'warning: link to "../events/brouillon-secret.md" points to a draft ("events/brouillon-secret.md") [link/unpublished]'
assert_contains "$TEST_DIR/check.txt" 'events/brouillon-secret.md:2:1: warning: field "start" is required [front-matter/required]'
# the reference (speakers:) at its line, and the Markdown links to it
assert_contains "$TEST_DIR/check.txt" 'events/rencontre-associations-recherche-2019.md:12:5: warning: link to "people/lionel-larque" points to a draft ("people/lionel-larque.md") [link/unpublished]'
assert_contains "$TEST_DIR/check.txt" 'organizations/alliss.md:10:29: warning: link to "../people/lionel-larque.md" points to a draft'
assert_not_contains "$TEST_DIR/check.txt" "ref/missing"
grep -qF "0 errors, 9 warnings" "$TEST_DIR/check.txt" || fail "findings: $(cat "$TEST_DIR/check.txt")"
assert_not_contains "$TEST_DIR/check.txt" "unknown-field"

OUT=$TEST_DIR/public STATE=$TEST_DIR/state
build_at() { # build_at NOW: publish incrementally at that instant, deliver once
	FOLIO_NOW=$1 "$FOLIO" build --repo "$TEST_DIR/site" --out "$OUT" --state "$STATE" --deliver \
		>"$TEST_DIR/build.txt" 2>&1 || fail "build at $1 failed: $(cat "$TEST_DIR/build.txt")"
}
# full_at NOW DIR: a full build of the same commit at that instant
full_at() {
	FOLIO_NOW=$1 "$FOLIO" build --repo "$TEST_DIR/site" --out "$2" >"$TEST_DIR/full.txt" 2>&1 ||
		fail "full build at $1 failed: $(cat "$TEST_DIR/full.txt")"
}
absent() { # absent TEXT: no output file holds TEXT
	! grep -rqF -- "$1" "$OUT" || fail "'$1' published in: $(grep -rlF -- "$1" "$OUT")"
}
present_in() { for f in "${@:2}"; do assert_contains "$OUT/$f" "$1"; done; }
last_request() { ls "$TEST_DIR/fake"/req-*.json 2>/dev/null | sort | tail -1; }
requests() { ls "$TEST_DIR/fake"/req-*.json 2>/dev/null | wc -l; }
more_requests_than() { [ "$(requests)" -gt "$1" ]; }

# 3 December: the draft, the announced day and the closed call are nowhere
build_at 2026-12-03T10:00:00Z
absent "Brouillon secret"
# (only the warned link of pages/offre.md names its URL)
for f in sitemap.xml index.json index.html events/index.json events/index.html; do
	assert_not_contains "$OUT/$f" "brouillon-secret"
done
absent "Journée d&#39;étude annoncée"
absent "Journée d'étude annoncée"
absent "journee-d-etude"
absent "appel-a-projets"
absent "Appel à projets clos"
[ ! -e "$OUT/events/brouillon-secret" ] || fail "the draft has a page"
[ ! -e "$OUT/people/lionel-larque" ] || fail "the draft speaker has a page"
assert_not_contains "$OUT/people/index.json" "lionel-larque"
present_in "Offre de stage" pages/offre/index.html pages/index.json index.json
assert_contains "$OUT/sitemap.xml" "/pages/offre/"
wait_until 60 more_requests_than 0 || fail "no delivery: $(cat "$TEST_DIR/build.txt")"
REQ=$(last_request)
assert_not_contains "$REQ" "Brouillon secret"
assert_not_contains "$REQ" "journee-d-etude"
N=$(requests)

# 24 December 08:59 UTC (09:59 in Paris): not yet
build_at 2026-12-24T08:59:59Z
absent "journee-d-etude"
# 09:00 UTC: the day is announced, like an added page, in every list and feed
build_at 2026-12-24T09:00:00Z
assert_not_contains "$TEST_DIR/build.txt" "fast path"
present_in "journee-d-etude" events/journee-d-etude/index.html events/index.json events/index.html \
	index.json sitemap.xml
absent "Brouillon secret"
full_at 2026-12-24T09:00:00Z "$TEST_DIR/full"
diff -r -x .folio-output "$TEST_DIR/full" "$OUT" >/dev/null ||
	fail "incremental differs from a full build: $(diff -r -x .folio-output "$TEST_DIR/full" "$OUT" | head -20)"
wait_until 60 more_requests_than "$N" || fail "the announced day was not delivered: $(cat "$TEST_DIR/build.txt")"
python3 - "$(last_request)" <<'PY' || fail "the partner did not get the day as added: $(cat "$(last_request)")"
import json, sys
body = json.loads(json.load(open(sys.argv[1]))["body"])
added = [a if isinstance(a, str) else a.get("id") for a in body["changes"]["added"]]
assert any("journee-d-etude" in str(a) for a in added), added
assert "Brouillon secret" not in json.dumps(body, ensure_ascii=False)
PY

# 1 January: the offer is taken down; a full build agrees
build_at 2027-01-01T00:00:00Z
[ ! -e "$OUT/pages/offre" ] || fail "the expired offer is still published"
absent "Offre de stage"
full_at 2027-01-01T00:00:00Z "$TEST_DIR/full2"
diff -r -x .folio-output "$TEST_DIR/full2" "$OUT" >/dev/null || fail "expiry: incremental differs from a full build"

# Hugo's date: is not a publish date: an event dated next year is published now
assert_contains "$OUT/events/index.json" "journee-d-etude"

# an unreadable date holds the page back, with a finding at its line
cat >"$TEST_DIR/site/pages/bientot.md" <<'MD'
---
title: Bientôt
publish_date: demain
---
MD
git -C "$TEST_DIR/site" add -A && git -C "$TEST_DIR/site" commit -qm "A wrong date"
! FOLIO_NOW=2027-01-01T00:00:00Z "$FOLIO" check --repo "$TEST_DIR/site" >"$TEST_DIR/check2.txt" 2>&1 ||
	fail "a wrong publish_date passed"
assert_contains "$TEST_DIR/check2.txt" 'pages/bientot.md:3:15: error: field "publish_date" is not a date'
assert_contains "$TEST_DIR/check2.txt" "[front-matter/format]"
echo "ok"

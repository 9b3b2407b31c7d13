#!/bin/bash
# A delivery larger than the server's FOLIO_DELIVERY_MAX_BYTES goes in parts
# (issue 11, item 2): folio watch run from a server config with a 16 KiB
# bound sends a feed of about 19 KiB to folio receive as several signed
# requests, each within the bound, and the receiver writes the same items a
# single request would have carried, once the last part is in.
. "$(dirname "$0")/lib.sh"

PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT
unset FOLIO_PARTNER_ALLOW

PORT=$(free_port)
RPORT=$(free_port)
URL=http://127.0.0.1:$PORT
SECRET="whsec_$(openssl rand -base64 32)"
export FOLIO_SECRET_TESTPARTNER=$SECRET
(umask 077 && echo "testpartner=$SECRET" >"$TEST_DIR/receiver-secret")

site_with_partner "$TEST_DIR/src" testpartner "$RPORT"
# six more events: the feed delivered (about 19 KiB) no longer fits 16 KiB
event=$(ls "$TEST_DIR"/src/events/*.md | head -1)
for i in 1 2 3 4 5 6; do
	sed "s/^title: .*/title: Rencontre numéro $i/" "$event" >"$TEST_DIR/src/events/rencontre-$i.md"
done
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/site" "$TEST_DIR/site.git"
COMMIT=$(git -C "$TEST_DIR/site" rev-parse HEAD)

"$FOLIO" receive --listen "127.0.0.1:$RPORT" --secret-file "$TEST_DIR/receiver-secret" \
	--dir "$TEST_DIR/received" 2>"$TEST_DIR/receiver.log" &
PIDS+=($!)
wait_until 20 grep -qs "listening on port" "$TEST_DIR/receiver.log" || fail "receiver not listening"

cat >"$TEST_DIR/site.conf" <<CONF
FOLIO_REPO=$TEST_DIR/site.git
FOLIO_OUT=$TEST_DIR/public
FOLIO_STATE=$TEST_DIR/state
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_PARTNER_ALLOW=http://127.0.0.1:$RPORT
FOLIO_DELIVERY_MAX_BYTES=16384
CONF
"$FOLIO" watch --config "$TEST_DIR/site.conf" 2>"$TEST_DIR/daemon.log" &
PIDS+=($!)

delivered() {
	[ -f "$TEST_DIR/received/last.json" ] &&
		python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["commit"] != sys.argv[2])' \
			"$TEST_DIR/received/last.json" "$COMMIT" 2>/dev/null
}
wait_until 90 delivered || fail "not delivered: $(cat "$TEST_DIR/daemon.log" "$TEST_DIR/receiver.log")"

# several parts, each within the bound, the last one completing the delivery
parts=$(sed -n "s/.*delivery .* to partner 'testpartner' is [0-9]* bytes: \([0-9]*\) parts of at most 16384$/\1/p" \
	"$TEST_DIR/daemon.log")
[ -n "$parts" ] && [ "$parts" -ge 2 ] || fail "not sent in parts: $(cat "$TEST_DIR/daemon.log" "$TEST_DIR/receiver.log")"
[ "$(grep -c "accepted msg_[0-9a-f]*\.[0-9]*: part [0-9]* of $parts" "$TEST_DIR/receiver.log")" = "$parts" ] ||
	fail "the receiver did not get $parts parts: $(cat "$TEST_DIR/receiver.log")"
assert_contains "$TEST_DIR/receiver.log" "part $parts of $parts, the delivery is complete and written"

# the partner's feed holds every item of the site's feed pages, in order
python3 - "$TEST_DIR/public/events" "$TEST_DIR/received/events.json" <<'PY' || fail "items differ"
import glob, json, os, sys
site, received = sys.argv[1:]
pages = [os.path.join(site, "index.json")]
n = 2
while os.path.exists(os.path.join(site, "feed", f"{n}.json")):
    pages.append(os.path.join(site, "feed", f"{n}.json"))
    n += 1
want = [i["id"] for p in pages for i in json.load(open(p))["items"]]
got = [i["id"] for i in json.load(open(received))["items"]]
assert len(want) == 7, want
assert got == want, (got, want)
last = json.load(open(os.path.join(os.path.dirname(received), "last.json")))
assert "part" not in last and sorted(last["changes"]["added"]) == sorted(want)
PY
[ ! -e "$TEST_DIR/received/.parts" ] || fail "parts left behind"

echo "t063-watch-deliver-parts: ok"

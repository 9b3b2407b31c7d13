#!/bin/bash
# folio watch sends the partner deliveries each publish enqueues: a partner
# listed in folio.yaml (here folio receive on loopback) gets every pushed
# commit's feeds, signed, without anyone running `folio deliveries run`.
. "$(dirname "$0")/lib.sh"

PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT

PORT=$(free_port)
RPORT=$(free_port)
SECRET="whsec_$(openssl rand -base64 32)"
export FOLIO_SECRET_TESTPARTNER=$SECRET
(umask 077 && echo "testpartner=$SECRET" >"$TEST_DIR/receiver-secret")

site_with_partner "$TEST_DIR/src" testpartner "$RPORT"
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/site" "$TEST_DIR/site.git"

"$FOLIO" receive --listen "127.0.0.1:$RPORT" --secret-file "$TEST_DIR/receiver-secret" \
	--dir "$TEST_DIR/received" 2>"$TEST_DIR/receiver.log" &
PIDS+=($!)
# The receiver listens before the daemon's first delivery, which would otherwise wait out a backoff.
for _ in $(seq 400); do
	grep -q "listening on port" "$TEST_DIR/receiver.log" && break
	sleep 0.05
done
grep -q "listening on port" "$TEST_DIR/receiver.log" || fail "receiver not listening: $(cat "$TEST_DIR/receiver.log")"
# the server's allow-list names the loopback partner (without it: t062)
FOLIO_PARTNER_ALLOW="http://127.0.0.1:$RPORT" "$FOLIO" watch --repo "$TEST_DIR/site.git" \
	--out "$TEST_DIR/public" --state "$TEST_DIR/state" --listen "127.0.0.1:$PORT" 2>"$TEST_DIR/daemon.log" &
DAEMON=$!
PIDS+=($DAEMON)

delivered() { # delivered COMMIT: the receiver's last.json is that commit's
	[ -f "$TEST_DIR/received/last.json" ] &&
		python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["commit"] != sys.argv[2])' \
			"$TEST_DIR/received/last.json" "$1" 2>/dev/null
}
wait_delivered() {
	for _ in $(seq 1200); do
		delivered "$1" && return 0
		sleep 0.05
	done
	fail "$1 not delivered: $(cat "$TEST_DIR/daemon.log" "$TEST_DIR/receiver.log")"
}
wait_delivered "$(git -C "$TEST_DIR/site.git" rev-parse main)"
[ -s "$TEST_DIR/received/events.json" ] || fail "no events feed received"

git clone -q "$TEST_DIR/site.git" "$TEST_DIR/clone"
sed -i 's/^title: .*/title: Rencontre renommée/' "$TEST_DIR/clone/events/rencontre-associations-recherche-2019.md"
git -C "$TEST_DIR/clone" commit -qam "Rename the event"
git -C "$TEST_DIR/clone" push -q origin main
NEW=$(git -C "$TEST_DIR/clone" rev-parse HEAD)
wait_delivered "$NEW"
assert_contains "$TEST_DIR/received/events.json" "Rencontre renommée"
python3 -c 'import json, sys; sys.exit(not json.load(open(sys.argv[1]))["changes"]["updated"])' \
	"$TEST_DIR/received/last.json" || fail "no change listed"
grep -q "deliver: 1 sent, 1 delivered" "$TEST_DIR/daemon.log" || fail "delivery not logged: $(cat "$TEST_DIR/daemon.log")"
! grep -qF "$SECRET" "$TEST_DIR/daemon.log" || fail "the secret is in the log"

kill -TERM "$DAEMON"
for _ in $(seq 400); do kill -0 "$DAEMON" 2>/dev/null || break; sleep 0.05; done
wait "$DAEMON" || fail "daemon exit status $?"
echo "ok"

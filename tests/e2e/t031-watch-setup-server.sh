#!/bin/bash
# scripts/setup-server.sh (under --root) writes a bare repository with the
# hooks, a config, a secret and a systemd unit; the daemon started with that
# config's values publishes what is pushed to the repository.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit

PORT=$(free_port)
R=$TEST_DIR/root
"$FOLIO_SOURCE_DIR/scripts/setup-server.sh" --root "$R" --folio "$FOLIO" --port "$PORT" demo \
	"$FOLIO_SOURCE_DIR/content" >"$TEST_DIR/setup.txt" || fail "setup failed: $(cat "$TEST_DIR/setup.txt")"
assert_contains "$TEST_DIR/setup.txt" "systemctl daemon-reload && systemctl enable --now folio-demo"

UNIT=$R/etc/systemd/system/folio-demo.service
CONF=$R/etc/folio/demo.conf
for line in "Type=simple" "Restart=on-failure" "User=folio" "ProtectSystem=strict" \
	"ReadWritePaths=$R/var/www/folio/demo $R/var/lib/folio/demo $R/srv/folio/demo.git" \
	"EnvironmentFile=$CONF" "ExecStart=$FOLIO watch --config $CONF"; do
	assert_contains "$UNIT" "$line"
done
! grep -q "@[A-Z]*@" "$UNIT" || fail "placeholder left in the unit"
[ "$(stat -c %a "$R/etc/folio/demo.webhook-secret")" = 600 ] || fail "secret readable by others"
[ "$(stat -c %a "$R/etc/folio/demo.partner-secrets")" = 600 ] || fail "partner secrets readable by others"
[ -x "$R/srv/folio/demo.git/hooks/pre-receive" ] && [ -x "$R/srv/folio/demo.git/hooks/post-receive" ] \
	|| fail "hooks not installed"
[ "$(git -C "$R/srv/folio/demo.git" config folio.state)" = "$R/var/lib/folio/demo" ] \
	|| fail "pre-receive is not told the daemon's state (git config folio.state)"
# Every option of the example is commented.
python3 - "$FOLIO_SOURCE_DIR/scripts/server-config.example" <<'PY' || fail "an option of server-config.example has no comment"
import sys
lines = open(sys.argv[1]).read().split("\n")
for i, l in enumerate(lines):
    if l.startswith("FOLIO_"):
        assert i > 0 and lines[i - 1].startswith("#"), l
PY
"$FOLIO_SOURCE_DIR/scripts/setup-server.sh" --root "$R" --folio "$FOLIO" demo "$FOLIO_SOURCE_DIR/content" \
	>/dev/null 2>&1 && fail "a second setup of the same site overwrote it"

# Run the daemon as the unit does: its ExecStart= line, the config in its
# environment as EnvironmentFile= puts it (KEY=value, which a shell reads the
# same way when it holds no quotes), for the test's own use too.
set -a
. "$CONF"
set +a
# The output is a folder of the writable directory, never that directory (a
# mount point under systemd, which a full publish's rename cannot replace).
[ "$(dirname "$FOLIO_OUT")" = "$R/var/www/folio/demo" ] || fail "FOLIO_OUT=$FOLIO_OUT is not inside ReadWritePaths"
assert_contains "$UNIT" "ExecStartPre=+/usr/bin/install -d -o folio -g folio -m 0755 $FOLIO_STATE"
exec_start=$(sed -n 's/^ExecStart=//p' "$UNIT")
$exec_start 2>"$TEST_DIR/daemon.log" &
DAEMON_PID=$!
status() { curl -sf --max-time 5 "http://$FOLIO_LISTEN/status"; }
wait_published() { # wait_published COMMIT: up to 30 s
	for _ in $(seq 600); do
		status | grep -qF "\"published_commit\":\"$1\"" && return 0
		sleep 0.05
	done
	fail "$1 not published: $(status) $(cat "$TEST_DIR/daemon.log")"
}
wait_published "$(git -C "$FOLIO_REPO" rev-parse main)"

git clone -q "$FOLIO_REPO" "$TEST_DIR/clone"
sed -i 's/^L.ISCRA, Institut Social/Une modification poussée. &/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "Change the presentation"
git -C "$TEST_DIR/clone" push -q origin main
wait_published "$(git -C "$TEST_DIR/clone" rev-parse HEAD)"
assert_contains "$FOLIO_OUT/pages/presentation/index.html" "Une modification poussée."

# The webhook secret written by the setup is the one the daemon checks.
BODY='{"ref":"refs/heads/main"}'
SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$(cat "$FOLIO_WEBHOOK_SECRET_FILE")" -r | cut -d' ' -f1)
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "X-Hub-Signature-256: sha256=$SIG" \
	--data-binary "$BODY" "http://$FOLIO_LISTEN/webhook")
[ "$code" = 202 ] || fail "webhook signed with the setup's secret: $code"
kill -TERM "$DAEMON_PID"
for _ in $(seq 400); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.05; done
wait "$DAEMON_PID" || fail "daemon exit status $?: $(cat "$TEST_DIR/daemon.log")"
DAEMON_PID=
echo "ok"

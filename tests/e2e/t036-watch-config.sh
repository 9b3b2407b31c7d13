#!/bin/bash
# folio watch --config FILE: the daemon runs from a KEY=value server config
# alone (repository, output, state, listen address, socket, poll interval,
# webhook secret); SIGHUP re-reads it (a changed secret: the old signature
# refused, the new one accepted; a changed poll interval shown on /status); a
# file with an error changes nothing and the daemon keeps running; options on
# the command line win over the file, on a reload too; a bad file at start is
# refused with its line. No secret ever reaches the log.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
unset FOLIO_WEBHOOK_SECRET

BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/public
STATE=$TEST_DIR/state
SOCK=$TEST_DIR/folio.sock
CONF=$TEST_DIR/site.conf
LOG=$TEST_DIR/daemon.log

poll_is() { status | grep -qF "\"poll_seconds\":$1,"; }
# webhook SECRET: the HTTP status of a push webhook signed with SECRET
webhook() {
	local body='{"ref":"refs/heads/main"}' sig
	sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$1" -r | cut -d' ' -f1)
	curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
		-H "X-Hub-Signature-256: sha256=$sig" --data-binary "$body" "$URL/webhook"
}
accepts() { [ "$(webhook "$1")" = 202 ]; }
refuses() { [ "$(webhook "$1")" = 401 ]; }
polls_seen() { [ "$(grep -c "wake: poll" "$LOG")" -ge "$1" ]; }
reloads_seen() { [ "$(grep -cF -- "$2" "$LOG")" -ge "$1" ]; }
hup() { # hup TEXT: SIGHUP, then wait for one more log line holding TEXT
	local n
	n=$(grep -cF -- "$1" "$LOG" || true)
	kill -HUP "$DAEMON_PID"
	wait_until 10 reloads_seen $((n + 1)) "$1" || fail "no '$1' after SIGHUP: $(tail -5 "$LOG")"
}
# write_conf SECRET POLL [LINE...]: the config, mode 0600 (it holds the secret)
write_conf() {
	local secret=$1 poll=$2
	shift 2
	(
		umask 077
		rm -f "$CONF"
		cat >"$CONF" <<EOF
# folio server config (the same file serves systemd's EnvironmentFile=)
FOLIO_REPO=$BARE
FOLIO_OUT = $OUT
FOLIO_STATE="$STATE"
FOLIO_BRANCH=main
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_SOCKET=$SOCK
FOLIO_POLL=$poll
FOLIO_WEBHOOK_SECRET=$secret
FOLIO_JOBS=2
FOLIO_PARTNER_SECRETS=
; for the environment only: ignored by folio watch, exported by systemd
LANG=C.UTF-8
FOLIO_SECRET_ALLISS=whsec_not-used-here
EOF
		for line in "$@"; do echo "$line" >>"$CONF"; done
	)
}

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$TEST_DIR/clone"
FIRST=$(git -C "$BARE" rev-parse main)

# Everything from the file: the daemon needs no other option.
write_conf first-secret-0123 1
FOLIO_TRACE=1 "$FOLIO" watch --config "$CONF" --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 20 healthy || fail "daemon not listening on FOLIO_LISTEN: $(cat "$LOG")"
wait_until 30 published_is "$FIRST" || fail "first commit not published: $(status) $(cat "$LOG")"
[ -f "$OUT/index.html" ] || fail "nothing published in FOLIO_OUT"
[ -f "$STATE/state.sqlite" ] || fail "no state in FOLIO_STATE"
[ -S "$SOCK" ] || fail "no socket at FOLIO_SOCKET"
poll_is 1 || fail "FOLIO_POLL=1 not in effect: $(status)"
wait_until 15 polls_seen 3 || fail "no wake-up every FOLIO_POLL=1 s: $(grep -c "wake: poll" "$LOG") in 15 s"
accepts first-secret-0123 || fail "webhook signed with FOLIO_WEBHOOK_SECRET refused"
refuses second-secret-4567 || fail "webhook signed with another secret accepted"
sed -i 's/^L.ISCRA, Institut Social/Configuré par fichier. &/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "A change under --config"
git -C "$TEST_DIR/clone" push -q origin main
wait_until 30 published_is "$(git -C "$TEST_DIR/clone" rev-parse HEAD)" || fail "push not published: $(status)"
assert_contains "$OUT/pages/presentation/index.html" "Configuré par fichier."

# SIGHUP after changing the secret and the poll: the old signature is
# refused, the new one accepted.
write_conf second-secret-4567 600
hup "reloaded '$CONF': webhooks enabled, poll 600 s, jobs 2"
accepts second-secret-4567 || fail "new secret refused after SIGHUP"
refuses first-secret-0123 || fail "old secret still accepted after SIGHUP"
poll_is 600 || fail "new FOLIO_POLL not in effect: $(status)"

# A file with an error: reported with its line, nothing changes, the daemon runs on.
write_conf third-secret-89ab 5 "FOLIO_POL=3"
hup "keeping the running settings"
grep -q "reload: config '$CONF' line 15: unknown key 'FOLIO_POL'" "$LOG" || fail "bad line not named: $(tail -3 "$LOG")"
accepts second-secret-4567 || fail "a bad config changed the secret"
refuses third-secret-89ab || fail "a bad config's secret was taken"
poll_is 600 || fail "a bad config changed the poll: $(status)"
healthy || fail "daemon died on a bad config"
# The secret written in a file others can read: refused the same way.
write_conf third-secret-89ab 5
chmod 644 "$CONF"
hup "keeping the running settings"
grep -q "others can read it; chmod 600 it" "$LOG" || fail "readable secret not refused: $(tail -3 "$LOG")"
refuses third-secret-89ab || fail "secret of a world-readable config taken"

# The secret in a file of its own (FOLIO_WEBHOOK_SECRET_FILE); a reload also
# re-reads the file's content, as without --config.
(umask 077 && echo file-secret-cdef >"$TEST_DIR/webhook-secret")
write_conf "" 600 "FOLIO_WEBHOOK_SECRET_FILE=$TEST_DIR/webhook-secret"
hup "reloaded '$CONF'"
accepts file-secret-cdef || fail "secret of FOLIO_WEBHOOK_SECRET_FILE refused"
refuses second-secret-4567 || fail "old secret accepted after switching to a secret file"
echo file-secret-0000 >"$TEST_DIR/webhook-secret"
hup "reloaded '$CONF'"
accepts file-secret-0000 || fail "new content of the secret file refused after SIGHUP"
refuses file-secret-cdef || fail "old content of the secret file accepted"
# Blanks around the secret (an editor's, a CRLF file's) are not part of it,
# as in the partner secrets file.
printf '  file-secret-trim \t\r\n' >"$TEST_DIR/webhook-secret"
hup "reloaded '$CONF'"
accepts file-secret-trim || fail "secret file with blanks around the secret refused"

# A setting that needs a restart: reported, the daemon goes on with the old one.
write_conf "" 600 "FOLIO_WEBHOOK_SECRET_FILE=$TEST_DIR/webhook-secret"
sed -i "s|^FOLIO_OUT = .*|FOLIO_OUT=$TEST_DIR/elsewhere|" "$CONF"
hup "reloaded '$CONF'"
grep -q "reload: FOLIO_OUT changed from '$OUT' to '$TEST_DIR/elsewhere'; restart folio watch to apply it" "$LOG" ||
	fail "restart-only change not reported: $(tail -3 "$LOG")"
sed -i 's/Configuré par fichier\./Toujours au même endroit./' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "After a reload that moves the output"
git -C "$TEST_DIR/clone" push -q origin main
wait_until 30 published_is "$(git -C "$TEST_DIR/clone" rev-parse HEAD)" || fail "push not published: $(status)"
assert_contains "$OUT/pages/presentation/index.html" "Toujours au même endroit."
[ ! -e "$TEST_DIR/elsewhere" ] || fail "the output moved without a restart"

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID" || fail "daemon exit status $?: $(cat "$LOG")"
DAEMON_PID=
for s in first-secret-0123 second-secret-4567 third-secret-89ab file-secret-cdef file-secret-0000; do
	! grep -qF "$s" "$LOG" || fail "a secret reached the log: $s"
done

# The command line wins over the file, at start and on a reload.
PORT2=$(free_port)
(umask 077 && echo cli-secret-1111 >"$TEST_DIR/cli-secret")
write_conf file-secret-2222 1
FOLIO_TRACE=1 "$FOLIO" watch --config "$CONF" --listen "127.0.0.1:$PORT2" --poll 600 \
	--webhook-secret-file "$TEST_DIR/cli-secret" --no-deliver 2>>"$LOG" &
DAEMON_PID=$!
URL=http://127.0.0.1:$PORT2
wait_until 20 healthy || fail "daemon not listening on --listen: $(tail "$LOG")"
! curl -sf --max-time 2 "http://127.0.0.1:$PORT/healthz" >/dev/null || fail "daemon listens on FOLIO_LISTEN too"
poll_is 600 || fail "--poll does not win over FOLIO_POLL: $(status)"
accepts cli-secret-1111 || fail "--webhook-secret-file does not win over FOLIO_WEBHOOK_SECRET"
refuses file-secret-2222 || fail "the file's secret accepted despite --webhook-secret-file"
write_conf file-secret-3333 2
hup "reloaded '$CONF'"
poll_is 600 || fail "a reload let FOLIO_POLL win over --poll: $(status)"
accepts cli-secret-1111 || fail "a reload let the file's secret win"
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID" || fail "daemon exit status $?"
DAEMON_PID=

# A bad file at start: refused with its line, exit 2, nothing started.
refused_start() { # refused_start TEXT: folio watch --config exits 2 saying TEXT
	local rc=0
	timeout 20 "$FOLIO" watch --config "$CONF" >"$TEST_DIR/start.txt" 2>&1 || rc=$?
	[ $rc = 2 ] || fail "bad config at start: exit $rc, expected 2: $(cat "$TEST_DIR/start.txt")"
	assert_contains "$TEST_DIR/start.txt" "$1"
}
write_conf s 30 "FOLIO_LISTN=127.0.0.1:1"
refused_start "folio watch: config '$CONF' line 15: unknown key 'FOLIO_LISTN'"
write_conf s 30 "FOLIO_JOBS=many"
refused_start "line 15: FOLIO_JOBS must be a whole number from 0 to 1024, not 'many'"
sed -i '/^FOLIO_REPO=/d; /^FOLIO_JOBS=many/d' "$CONF"
refused_start "no repository: give --repo or set FOLIO_REPO in '$CONF'"
rm "$CONF"
refused_start "cannot read config '$CONF': No such file or directory"
echo "ok"

#!/bin/bash
# folio watch with its output in S3 (FOLIO_OUT=s3://... in the server
# config, the endpoint and keys there too, not in the environment; a config
# others can read holding the secret key is refused): the tip is published into the bucket, a push is published, and
# the bucket equals a local full build each time. Credentials refused while
# it runs (the S3 user suspended) are an error on /status naming the 403,
# the bucket keeps the last good site, and once the user is enabled again
# the daemon's retry publishes the push.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3lib.sh"
daemon_test # DAEMON_PID killed at exit; PORT, URL
s3_test
cd "$TEST_DIR"

BARE=$TEST_DIR/site.git
LOG=$TEST_DIR/daemon.log
CONF=$TEST_DIR/site.conf
make_repo src
git clone -q --bare src "$BARE"
git clone -q "$BARE" clone
s3 mb s3://www || fail "cannot make the bucket"
(umask 077 && cat >"$CONF" <<CONF
FOLIO_REPO=$BARE
FOLIO_OUT=s3://www/site/
FOLIO_STATE=$TEST_DIR/state
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_POLL=1
AWS_ENDPOINT_URL=$AWS_ENDPOINT_URL
AWS_REGION=$AWS_REGION
AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID
AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
CONF
)
# the daemon's environment holds no S3 setting: the config's are used
watch() { env -u AWS_ENDPOINT_URL -u AWS_REGION -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$FOLIO" watch "$@"; }
chmod 644 "$CONF"
set +e
watch --config "$CONF" --no-deliver >refused.txt 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "a readable config with AWS_SECRET_ACCESS_KEY exited $rc"
assert_contains refused.txt "holds AWS_SECRET_ACCESS_KEY but others can read it"
chmod 600 "$CONF"

# failing TEXT: /status shows a failing turn whose message holds TEXT
failing() {
	status | python3 -c 'import json, sys
e = json.load(sys.stdin)["error"]
sys.exit(not (e and sys.argv[1] in e["message"]))' "$1"
}
not_failing() { status | python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["error"] is not None)'; }
# same_as_build COMMIT: the bucket holds a local full build of COMMIT
same_as_build() {
	rm -rf local
	"$FOLIO" build --repo "$BARE" --rev "$1" --out local >/dev/null 2>&1
	s3 compare s3://www/site local
}
push() { # push MESSAGE: commit the clone's changes, push, print the commit
	git -C clone commit -qam "$1"
	git -C clone push -q origin main 2>>push.log || fail "push failed: $(cat push.log)"
	git -C clone rev-parse HEAD
}

watch --config "$CONF" --no-deliver 2>>"$LOG" &
DAEMON_PID=$!
wait_until 30 healthy || fail "daemon not healthy: $(cat "$LOG")"
FIRST=$(git -C "$BARE" rev-parse main)
wait_until 60 published_is "$FIRST" || fail "first commit not published: $(status) $(cat "$LOG")"
same_as_build "$FIRST" >diff.txt || { cat diff.txt; fail "the bucket differs from a build of the tip"; }

sed -i 's/^L.ISCRA, Institut Social/Première modification. &/' clone/pages/presentation.md
SECOND=$(push "Change the presentation")
wait_until 60 published_is "$SECOND" || fail "push not published: $(status) $(cat "$LOG")"
same_as_build "$SECOND" >diff.txt || { cat diff.txt; fail "the bucket differs after the push"; }

# credentials refused while the daemon runs
rgw_admin user suspend --uid=test >/dev/null
sed -i 's/^Première modification\./Deuxième modification./' clone/pages/presentation.md
THIRD=$(push "Change it again")
wait_until 60 failing "access refused (403" || fail "no 403 on /status: $(status) $(tail -5 "$LOG")"
status | grep -qF "'<out>/.folio-output'" || fail "/status does not name the request as under <out>: $(status)"
published_is "$SECOND" || fail "the published commit moved while refused: $(status)"
# (a publish refused at its first request uploads nothing: t090 checks the bucket after a 403)
rgw_admin user enable --uid=test >/dev/null
wait_until 60 published_is "$THIRD" || fail "not published once enabled: $(status) $(tail -5 "$LOG")"
wait_until 30 not_failing || fail "/status still failing: $(status)"
same_as_build "$THIRD" >diff.txt || { cat diff.txt; fail "the bucket differs after the retry"; }
echo ok

#!/bin/bash
# --out and --state written "DIR/", "DIR/." or "a/../DIR" mean DIR, for
# `folio build` (full, and --state) and `folio watch`: once, "--out DIR/" with
# --state exited 2 (the staging tree was made inside DIR) and `folio watch
# --out DIR/` retried forever.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit

make_repo "$TEST_DIR/site"
cd "$TEST_DIR"
mkdir a
HEAD=$(git -C site rev-parse HEAD)

# only_site DIR: DIR holds the site and nothing folio left behind
only_site() {
	[ -f "$1/index.html" ] || fail "$1/index.html missing"
	! ls -a "$1" | grep -q "tmp-folio" || fail "a temporary tree is left in $1: $(ls -a "$1")"
	! ls -a . | grep -q "tmp-folio" || fail "a temporary tree is left beside $1: $(ls -a .)"
}

for form in "full/" "full/." "a/../full" "./full//"; do
	"$FOLIO" build --repo site --rev HEAD --out "$form" >"$TEST_DIR/out.txt" 2>&1 \
		|| fail "folio build --out '$form': $(cat "$TEST_DIR/out.txt")"
	only_site full
done

n=0
for form in "inc/" "inc/." "a/../inc" "./inc//"; do
	n=$((n + 1))
	for state in "st$n/" "a/../st$n/."; do # the first publish is full, the second incremental
		"$FOLIO" build --repo site --rev HEAD --out "$form" --state "$state" >"$TEST_DIR/out.txt" 2>&1 \
			|| fail "folio build --out '$form' --state '$state': $(cat "$TEST_DIR/out.txt")"
		only_site inc
	done
	[ -d "st$n" ] || fail "no state st$n"
	diff -r full inc >/dev/null || fail "the publish into '$form' differs from the full build"
done

# folio watch --out DIR/ --state DIR/: published, no error on /status.
PORT=$(free_port)
URL=http://127.0.0.1:$PORT
"$FOLIO" watch --repo site/ --out watched/ --state a/../wstate/. --listen "127.0.0.1:$PORT" \
	--no-deliver 2>"$TEST_DIR/daemon.log" &
DAEMON_PID=$!
wait_until 30 published_is "$HEAD" || fail "folio watch --out watched/ does not publish: $(status) $(cat "$TEST_DIR/daemon.log")"
status | python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["error"] is not None)' \
	|| fail "an error on /status: $(status)"
only_site watched
[ -f wstate/daemon.lock ] || fail "the state is not in wstate/"
kill -TERM "$DAEMON_PID"
wait_until 30 gone "$DAEMON_PID" || fail "daemon did not stop"
wait "$DAEMON_PID" || fail "daemon exit status $?"
DAEMON_PID=
echo "ok"

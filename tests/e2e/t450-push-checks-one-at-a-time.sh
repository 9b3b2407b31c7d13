#!/bin/bash
# The hooks check one push at a time: each push may spend the server's
# push-pages budget, and pushes running at once would multiply it. The
# pre-receive hook waits for a lock on a file of the repository (flock),
# says so to the pusher, and checks once it has it. Held here by the test,
# as a push being checked holds it.
. "$(dirname "$0")/lib.sh"
command -v flock >/dev/null || { echo "skip: no flock"; exit 77; }

make_repo "$TEST_DIR/site"
server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
cd "$TEST_DIR/site"
git push -q "$server" main 2>"$TEST_DIR/push0" || fail "main refused: $(cat "$TEST_DIR/push0")"
before=$(git -C "$server" rev-parse main)
[ -e "$server/folio-checks.lock" ] || fail "the hooks took no lock"

echo "Une ligne." >>pages/presentation.md
git commit -qam "while another push is checked"
exec 8>>"$server/folio-checks.lock"
flock 8
git push "$server" main >"$TEST_DIR/push1" 2>&1 8>&- &
push=$!
wait_until 60 grep -q "another push is being checked; this one waits for it" "$TEST_DIR/push1" ||
	fail "the push did not wait: $(cat "$TEST_DIR/push1")"
kill -0 $push 2>/dev/null || fail "the push ended while the lock was held: $(cat "$TEST_DIR/push1")"
[ "$(git -C "$server" rev-parse main)" = "$before" ] || fail "main moved while the lock was held"
exec 8>&-
wait $push || fail "the push failed once the lock was free: $(cat "$TEST_DIR/push1")"
assert_contains "$TEST_DIR/push1" "1 new commit checked"
[ "$(git -C "$server" rev-parse main)" = "$(git rev-parse HEAD)" ] || fail "main did not move"
echo "ok"

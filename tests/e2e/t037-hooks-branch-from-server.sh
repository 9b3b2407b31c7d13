#!/bin/bash
# The server decides which branch is published: pre-receive reads it from the
# repository's git config folio.branch (written by scripts/setup-server.sh
# from FOLIO_BRANCH), never from the pushed folio.yaml. A pusher who first
# pushes `branch: elsewhere` cannot then push errors onto main.
. "$(dirname "$0")/lib.sh"

R=$TEST_DIR/root
"$FOLIO_SOURCE_DIR/scripts/setup-server.sh" --root "$R" --folio "$FOLIO" --port 1 demo \
	"$FOLIO_SOURCE_DIR/content" >/dev/null || fail "setup failed"
BARE=$R/srv/folio/demo.git
[ "$(git -C "$BARE" config folio.branch)" = main ] || fail "setup did not write git config folio.branch"
assert_contains "$R/etc/folio/demo.conf" "FOLIO_BRANCH=main"

git clone -q "$BARE" "$TEST_DIR/clone"
cd "$TEST_DIR/clone"
book=books/la-cooperation-dans-l-action-publique.md
grep -q '^branch: main$' folio.yaml || fail "the sample folio.yaml has no 'branch: main' line"
INIT=$(git rev-parse HEAD)

# A valid commit that names another branch in folio.yaml is accepted (it is valid) ...
sed -i 's/^branch: main$/branch: elsewhere/' folio.yaml
git commit -qam "Publish elsewhere"
git push origin main >"$TEST_DIR/push1" 2>&1 || fail "a valid push was refused: $(cat "$TEST_DIR/push1")"

# ... and changes nothing: an invalid commit on main is still refused.
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "Bad ISBN"
rc=0
git push origin main >"$TEST_DIR/push2" 2>&1 || rc=$?
[ $rc -ne 0 ] || fail "an invalid commit reached main after 'branch: elsewhere': $(cat "$TEST_DIR/push2")"
assert_contains "$TEST_DIR/push2" "[isbn/check-digit]"
assert_contains "$TEST_DIR/push2" "remote: folio: refusing refs/heads/main"
[ "$(git -C "$BARE" rev-parse main)" = "$(git rev-parse HEAD~1)" ] || fail "the server's main moved"

# The same, in one push: folio.yaml's change and the invalid commit together.
git reset -q --hard HEAD~2
sed -i 's/^branch: main$/branch: elsewhere/' folio.yaml
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "Publish elsewhere, with a bad ISBN"
git push --force origin main >"$TEST_DIR/push3" 2>&1 && fail "one push of 'branch: elsewhere' and an error was accepted"
assert_contains "$TEST_DIR/push3" "remote: folio: refusing refs/heads/main"

# The branch the server names is the one guarded: with folio.branch = live,
# errors on main are accepted with a warning and refused on live.
git -C "$BARE" config folio.branch live
git push origin HEAD:live >"$TEST_DIR/push4" 2>&1 && fail "an invalid commit reached live: $(cat "$TEST_DIR/push4")"
assert_contains "$TEST_DIR/push4" "remote: folio: refusing refs/heads/live"
git push --force origin HEAD:main >"$TEST_DIR/push5" 2>&1 || fail "main is not published any more, yet refused: $(cat "$TEST_DIR/push5")"
assert_contains "$TEST_DIR/push5" "accepted because only live is published"
# A rollback brings no new commit, but the tip it would publish is judged:
# rolling main back onto an invalid commit that predates the hooks is refused.
git -C "$BARE" config folio.branch main
git checkout -q -B main "$INIT"
git -C "$BARE" update-ref refs/heads/main "$INIT"
sed -i 's/978-2-296-01368-1/978-2-296-01368-3/' $book
git commit -qam "Bad ISBN, from before the hooks"
BAD=$(git rev-parse HEAD)
git -C "$BARE" fetch -q "$TEST_DIR/clone" "$BAD" # the objects only, as a copy made without the hooks would
git -C "$BARE" update-ref refs/heads/main "$BAD"
sed -i 's/978-2-296-01368-3/978-2-296-01368-1/' $book
git commit -qam "Fix the ISBN"
git push origin main >"$TEST_DIR/push6" 2>&1 || fail "a valid commit on top was refused: $(cat "$TEST_DIR/push6")"
git push --force origin "$BAD:main" >"$TEST_DIR/push7" 2>&1 && fail "a rollback onto an invalid commit was accepted: $(cat "$TEST_DIR/push7")"
assert_contains "$TEST_DIR/push7" "remote: folio: refusing refs/heads/main"
[ "$(git -C "$BARE" rev-parse main)" = "$(git rev-parse HEAD)" ] || fail "the server's main moved"
echo "ok"

#!/bin/bash
# The published branch's tip decides (issue 16). A push of three commits
# whose middle one has an error and whose tip is clean is accepted: the hook
# prints the middle commit's finding as a warning marked "fixed by a later
# commit", and post-receive still stores that commit's own verdict (1 error)
# as its note. A push whose tip has errors is refused. With a strict history
# (FOLIO_STRICT_HISTORY=1 in the server config the hook reads, or git config
# folio.strictHistory) the first push is refused, telling the pusher to
# rewrite the history.
. "$(dirname "$0")/lib.sh"

server=$TEST_DIR/site.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
clone=$TEST_DIR/clone
make_repo "$clone"
git -C "$clone" remote add origin "$server"
git -C "$clone" push -q origin main 2>/dev/null || fail "the sample site was refused"
book=books/la-cooperation-dans-l-action-publique.md
cd "$clone"

# three commits: clean, an error, its fix (the tip is clean)
sed -i 's/^pages: 328$/pages: 329/' $book
git commit -qam "Correct the page count"
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "Bad ISBN"
bad=$(git rev-parse HEAD)
sed -i 's/978-2-296-01368-2/978-2-296-01368-1/' $book
git commit -qam "Fix the ISBN"
tip=$(git rev-parse HEAD)

# strict history from the server config: refused, and told why
printf 'FOLIO_BRANCH=main\nFOLIO_STRICT_HISTORY=1\n' >"$TEST_DIR/server.conf"
git -C "$server" config folio.config "$TEST_DIR/server.conf"
git push origin main >"$TEST_DIR/strict1" 2>&1 && { cat "$TEST_DIR/strict1"; fail "strict history (config): a bad commit reached main"; }
cat "$TEST_DIR/strict1"
assert_contains "$TEST_DIR/strict1" "remote: $book:8:7: error: ISBN check digit is 2, expected 1 [isbn/check-digit] (fixed by a later commit)"
assert_contains "$TEST_DIR/strict1" "remote: folio: refusing refs/heads/main: its tip is clean, but 1 error in earlier commits and this server keeps a strict history; rewrite those commits (git rebase -i) and push again"
[ "$(git -C "$server" rev-parse main)" = "$(git rev-parse main~3)" ] || fail "the server's main moved"

# strict history from git config folio.strictHistory
printf 'FOLIO_BRANCH=main\nFOLIO_STRICT_HISTORY=0\n' >"$TEST_DIR/server.conf"
git -C "$server" config folio.strictHistory true
git push origin main >"$TEST_DIR/strict2" 2>&1 && { cat "$TEST_DIR/strict2"; fail "strict history (git config): a bad commit reached main"; }
assert_contains "$TEST_DIR/strict2" "keeps a strict history"
git -C "$server" config folio.strictHistory false

# the default: the clean tip decides; the middle commit's error is a warning
git push origin main >"$TEST_DIR/push1" 2>&1 || { cat "$TEST_DIR/push1"; fail "a push with a clean tip was refused"; }
cat "$TEST_DIR/push1"
assert_contains "$TEST_DIR/push1" "remote: commit ${bad:0:12} Bad ISBN"
assert_contains "$TEST_DIR/push1" "remote: $book:8:7: warning: ISBN check digit is 2, expected 1 [isbn/check-digit] (fixed by a later commit)"
assert_contains "$TEST_DIR/push1" "remote: folio: refs/heads/main: 3 new commits checked, no errors, 1 warning; the tip decides: 1 error of earlier commits reported as a warning, 1 fixed by a later commit"
assert_not_contains "$TEST_DIR/push1" ": error:"
[ "$(git -C "$server" rev-parse main)" = "$tip" ] || fail "main not updated"
# every pushed commit still has its own verdict as a note (post-receive)
git -C "$server" notes --ref=folio show "$bad" >"$TEST_DIR/note-bad"
assert_contains "$TEST_DIR/note-bad" "folio: 1 error, 0 warnings"
assert_contains "$TEST_DIR/note-bad" "error: ISBN check digit is 2, expected 1 [isbn/check-digit]"
git -C "$server" notes --ref=folio show "$tip" >"$TEST_DIR/note-tip"
assert_contains "$TEST_DIR/note-tip" "folio: 0 errors, 0 warnings"

# a tip with errors is refused; an earlier error still there is "still at the tip"
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "Bad ISBN again"
printf '\nUne ligne de plus.\n' >>pages/presentation.md
git commit -qam "Touch another page"
git push origin main >"$TEST_DIR/push2" 2>&1 && { cat "$TEST_DIR/push2"; fail "a tip with errors reached main"; }
cat "$TEST_DIR/push2"
assert_contains "$TEST_DIR/push2" "remote: $book:8:7: warning: ISBN check digit is 2, expected 1 [isbn/check-digit] (still at the tip)"
assert_contains "$TEST_DIR/push2" "remote: $book:8:7: error: ISBN check digit is 2, expected 1 [isbn/check-digit]"
assert_contains "$TEST_DIR/push2" "remote: folio: refusing refs/heads/main: 1 error at its tip; fix them and push again"
[ "$(git -C "$server" rev-parse main)" = "$tip" ] || fail "the server's main moved"
echo "t070 ok"

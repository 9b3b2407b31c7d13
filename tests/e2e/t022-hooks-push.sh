#!/bin/bash
# A bare repository with folio's hooks installed by scripts/install-hooks.sh:
# a push with a bad ISBN on main is refused and the pusher sees the finding;
# a good push is accepted; a bad commit on a draft branch is accepted with a
# warning; accepted commits get their verdict as a note (post-receive).
. "$(dirname "$0")/lib.sh"

server=$TEST_DIR/site.git
git init -q --bare "$server"
# the hooks must work without folio on PATH: the path is written into them
env -u FOLIO PATH=/usr/bin:/bin sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
for h in pre-receive post-receive; do
	[ -x "$server/hooks/$h" ] || fail "$h not installed"
	assert_contains "$server/hooks/$h" "$FOLIO"
done
unset FOLIO_HOOK_UNUSED
folio_bin=$FOLIO
unset FOLIO # the hooks find folio through the installed path

clone=$TEST_DIR/clone
make_repo "$clone"
git -C "$clone" remote add origin "$server"
book=books/la-cooperation-dans-l-action-publique.md

# a good first push is accepted
git -C "$clone" push origin main >"$TEST_DIR/push1" 2>&1 || { cat "$TEST_DIR/push1"; fail "the sample site was refused"; }
cat "$TEST_DIR/push1"
assert_contains "$TEST_DIR/push1" "remote: folio: refs/heads/main: 1 new commit checked, no errors"
[ "$(git -C "$server" rev-parse main)" = "$(git -C "$clone" rev-parse main)" ] || fail "main not updated"

# a bad ISBN on main is refused, with the finding in the push output
cd "$clone"
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "Bad ISBN"
rc=0
git push origin main >"$TEST_DIR/push2" 2>&1 || rc=$?
cat "$TEST_DIR/push2"
[ $rc -ne 0 ] || fail "the bad push was accepted"
assert_contains "$TEST_DIR/push2" "remote: $book:8:7: error: ISBN check digit is 2, expected 1 [isbn/check-digit]"
assert_contains "$TEST_DIR/push2" "remote: folio: refusing refs/heads/main"
assert_contains "$TEST_DIR/push2" "[remote rejected] main -> main (pre-receive hook declined)"
[ "$(git -C "$server" rev-parse main)" = "$(git rev-parse main~1)" ] || fail "the server's main moved"

# the same bad commit on a draft branch is accepted with a warning
git push origin main:draft >"$TEST_DIR/push3" 2>&1 || { cat "$TEST_DIR/push3"; fail "the draft push was refused"; }
cat "$TEST_DIR/push3"
assert_contains "$TEST_DIR/push3" "remote: $book:8:7: error: ISBN check digit is 2, expected 1 [isbn/check-digit]"
assert_contains "$TEST_DIR/push3" "remote: folio: warning: refs/heads/draft has 1 error; accepted because only main is published"
[ "$(git -C "$server" rev-parse draft)" = "$(git rev-parse main)" ] || fail "draft not created"

# a bad commit followed by its fix is accepted on main: the tip decides, and
# the earlier error is a warning marked fixed (t070 tests this in depth)
sed -i 's/978-2-296-01368-2/978-2-296-01368-1/' $book
git commit -qam "Fix the ISBN"
git push origin main >"$TEST_DIR/push4" 2>&1 || { cat "$TEST_DIR/push4"; fail "a fixed bad commit was refused"; }
assert_contains "$TEST_DIR/push4" "remote: commit $(git rev-parse --short=12 main~1) Bad ISBN"
assert_contains "$TEST_DIR/push4" "[isbn/check-digit] (fixed by a later commit)"

# one more good commit
sed -i 's/^pages: 328$/pages: 329/' $book
git commit -qam "Correct the page count"
git push origin main >"$TEST_DIR/push5" 2>&1 || { cat "$TEST_DIR/push5"; fail "the good push was refused"; }
assert_contains "$TEST_DIR/push5" "remote: folio: refs/heads/main: 1 new commit checked, no errors"
[ "$(git -C "$server" rev-parse main)" = "$(git rev-parse main)" ] || fail "main not updated"

# the published branch is the server's git config folio.branch (never the
# pushed folio.yaml, t037): a site publishing "live"
git -C "$server" config folio.branch live
sed -i 's/978-2-296-01368-1/978-2-296-01368-5/' $book
git commit -qam "Bad ISBN again"
git push origin main >"$TEST_DIR/push6" 2>&1 || fail "main is no longer published, yet refused"
assert_contains "$TEST_DIR/push6" "accepted because only live is published"
git push origin main:live >"$TEST_DIR/push7" 2>&1 && fail "a bad commit reached live"
assert_contains "$TEST_DIR/push7" "remote: folio: refusing refs/heads/live"

# post-receive stored the verdicts of accepted commits as notes
git -C "$server" log --notes=folio --format='%s %N' main >"$TEST_DIR/notes"
cat "$TEST_DIR/notes"
assert_contains "$TEST_DIR/notes" "Correct the page count folio: 0 errors, 0 warnings"
git -C "$server" notes --ref=folio show draft >"$TEST_DIR/draft-note"
assert_contains "$TEST_DIR/draft-note" "[isbn/check-digit]"

# pre-commit in a repository with a worktree refuses a commit with errors
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$clone" "$folio_bin" >/dev/null
[ -x .git/hooks/pre-commit ] || fail "pre-commit not installed"
git reset -q --hard origin/main
sed -i 's/978-2-296-01368-[0-9]/978-2-296-01368-7/' $book
git add $book
git commit -qm "Bad ISBN at commit time" >"$TEST_DIR/commit1" 2>&1 && fail "pre-commit let a bad ISBN in"
assert_contains "$TEST_DIR/commit1" "$book:8:7: error: ISBN check digit is 7, expected 1 [isbn/check-digit]"
[ "$(git rev-parse HEAD)" = "$(git rev-parse origin/main)" ] || fail "a commit was made"
git reset -q --hard
sed -i 's/978-2-296-01368-[0-9]/978-2-296-01368-1/' $book
git commit -qam "Good commit" >"$TEST_DIR/commit2" 2>&1 || { cat "$TEST_DIR/commit2"; fail "pre-commit refused a good commit"; }

# without a folio binary the hook refuses, saying why
sed "s|$folio_bin|/nonexistent/folio|" "$server/hooks/pre-receive" >"$TEST_DIR/h" && cp "$TEST_DIR/h" "$server/hooks/pre-receive"
git push origin main:other >"$TEST_DIR/push8" 2>&1 && fail "push accepted without folio"
assert_contains "$TEST_DIR/push8" "not found"
echo "t022 ok"

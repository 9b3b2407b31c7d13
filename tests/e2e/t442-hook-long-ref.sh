#!/bin/bash
# The pre-receive hook reads each line git gives it whole: git takes a
# branch name of a kilobyte and more (four names of 240 bytes), and the
# hook read lines into 1,024 bytes, so such a line came in two, the second
# unreadable ("cannot read the line"), and the push was refused. The
# branch is checked as any other now, its commits' findings reported.
. "$(dirname "$0")/lib.sh"

make_repo "$TEST_DIR/site"
server=$TEST_DIR/server.git
git init -q --bare "$server"
env -u FOLIO PATH=/usr/bin:/bin sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
git -C "$TEST_DIR/site" push -q "$server" main 2>"$TEST_DIR/push0" || fail "main refused: $(cat "$TEST_DIR/push0")"
long=$(python3 -c 'print("/".join(["q" * 240] * 4))')
git -C "$TEST_DIR/site" checkout -q -b "$long"
echo "Une ligne." >>"$TEST_DIR/site/pages/presentation.md"
git -C "$TEST_DIR/site" commit -qam "long branch"
git -C "$TEST_DIR/site" push "$server" "$long" >"$TEST_DIR/push1" 2>&1 ||
	fail "a branch of ${#long} bytes was refused: $(cat "$TEST_DIR/push1")"
assert_not_contains "$TEST_DIR/push1" "cannot read the line"
assert_contains "$TEST_DIR/push1" "1 new commit checked"
# and its content is judged as any branch's: an error is reported
printf -- '---\ntitle: [\n---\nx\n' >"$TEST_DIR/site/pages/broken.md"
git -C "$TEST_DIR/site" add -A && git -C "$TEST_DIR/site" commit -qm broken
git -C "$TEST_DIR/site" push "$server" "$long" >"$TEST_DIR/push2" 2>&1 || true
assert_contains "$TEST_DIR/push2" "pages/broken.md:"
echo "ok"

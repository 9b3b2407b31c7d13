#!/bin/bash
# A reviewer's clone set up by scripts/install-hooks.sh fetches the server's
# verdict notes (refs/notes/folio) with every `git fetch` and shows them in
# `git log` without --notes; running the script twice adds nothing twice.
. "$(dirname "$0")/lib.sh"

server=$TEST_DIR/site.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
author=$TEST_DIR/author
make_repo "$author"
git -C "$author" remote add origin "$server"
git -C "$author" push -q origin main 2>/dev/null || fail "the push was refused"
git -C "$server" notes --ref=folio show main >/dev/null || fail "post-receive stored no note"

reviewer=$TEST_DIR/reviewer
git clone -q "$server" "$reviewer"
! git -C "$reviewer" rev-parse -q --verify refs/notes/folio >/dev/null || fail "a plain clone has the notes already"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$reviewer" "$FOLIO" >"$TEST_DIR/install"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$reviewer" "$FOLIO" >>"$TEST_DIR/install"
cat "$TEST_DIR/install"
assert_contains "$TEST_DIR/install" "set up fetching refs/notes/folio from origin"
[ "$(git -C "$reviewer" config --get-all remote.origin.fetch | grep -c notes)" = 1 ] || fail "the refspec was added twice"
[ "$(git -C "$reviewer" config --get-all notes.displayRef)" = refs/notes/folio ] || fail "notes.displayRef not set once"

git -C "$reviewer" fetch -q origin
[ "$(git -C "$reviewer" rev-parse refs/notes/folio)" = "$(git -C "$server" rev-parse refs/notes/folio)" ] ||
	fail "git fetch did not bring refs/notes/folio"
git -C "$reviewer" log -1 >"$TEST_DIR/log"
cat "$TEST_DIR/log"
assert_contains "$TEST_DIR/log" "Notes (folio):"
assert_contains "$TEST_DIR/log" "folio: 0 errors, 0 warnings"

# a later push's verdict arrives with the next fetch
sed -i 's/^pages: 328$/pages: 329/' "$author/books/la-cooperation-dans-l-action-publique.md"
git -C "$author" commit -qam "Correct the page count"
git -C "$author" push -q origin main 2>/dev/null || fail "the second push was refused"
git -C "$reviewer" fetch -q origin
git -C "$reviewer" log -1 origin/main >"$TEST_DIR/log2"
assert_contains "$TEST_DIR/log2" "Correct the page count"
assert_contains "$TEST_DIR/log2" "folio: 0 errors, 0 warnings"
echo "t073 ok"

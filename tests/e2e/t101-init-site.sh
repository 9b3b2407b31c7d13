#!/bin/bash
# folio init DIR: a new site that passes folio check at once and builds;
# in a Git repository the pre-commit hook is installed and refuses a commit
# with an error; folio new works in it; a second init replaces nothing.
. "$(dirname "$0")/lib.sh"

cd "$TEST_DIR"
# a plain folder: no repository, no hook
"$FOLIO" init plain >"$TEST_DIR/plain.out"
[ -f plain/folio.yaml ] && [ -f plain/schemas/pages.json ] && [ -f plain/templates/page.mustache ] ||
	fail "init did not write the site"
assert_not_contains "$TEST_DIR/plain.out" "installed"
"$FOLIO" check --worktree plain || fail "a new site does not pass check"
# every key it writes is documented where it is written
assert_contains plain/folio.yaml "# the address the site is served at"

# a repository: the hook is installed and runs
git init -q site
"$FOLIO" init site >"$TEST_DIR/site.out"
assert_contains "$TEST_DIR/site.out" "installed"
[ -x site/.git/hooks/pre-commit ] || fail "no pre-commit hook"
git -C site add -A
git -C site commit -qm "A new site" || fail "the first commit was refused"
"$FOLIO" check --repo site HEAD || fail "the committed site does not pass check"
"$FOLIO" build --repo site --out "$TEST_DIR/public" --quiet
[ -f "$TEST_DIR/public/pages/welcome/index.html" ] || fail "the first page was not built"

# folio new in it, then an error the hook refuses
cd site
path=$("$FOLIO" new pages "Deuxième page")
[ "$path" = "pages/deuxieme-page.md" ] || fail "new printed '$path'"
"$FOLIO" check --worktree . || fail "a new page of the new site does not pass check"
sed -i 's/^date: .*/date: "demain"/' "$path"
git add -A
if git commit -qm "Bad date" 2>"$TEST_DIR/hook.err"; then
	fail "the pre-commit hook let a bad date through"
fi
assert_contains "$TEST_DIR/hook.err" "$path:"
cd "$TEST_DIR"

# a second init replaces nothing
before=$(sha256sum site/folio.yaml)
rc=0
"$FOLIO" init site 2>"$TEST_DIR/again.err" || rc=$?
[ $rc -eq 2 ] || fail "a second init exited $rc, expected 2"
[ "$before" = "$(sha256sum site/folio.yaml)" ] || fail "folio.yaml was replaced"
# a folder holding one of its files gets nothing, not half a site
mkdir other
echo "# my notes" >other/README.md
rc=0
"$FOLIO" init other 2>"$TEST_DIR/other.err" || rc=$?
[ $rc -eq 2 ] || fail "init over a README exited $rc, expected 2"
assert_contains "$TEST_DIR/other.err" "nothing was written"
[ ! -e other/folio.yaml ] || fail "init left half a site"
[ "$(cat other/README.md)" = "# my notes" ] || fail "init changed the README"
echo "ok: folio init makes a site that passes check, with its hook"

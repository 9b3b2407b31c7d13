#!/bin/bash
# folio check leaves the site it loaded last to the process's exit instead
# of freeing it page by page (issue 14: a tenth of a check's wall time at
# 10,000 pages, serial, after the verdict is known): one commit, and only
# the last commit of a range, each earlier one freed before the next loads.
# The report and the exit code are those of the same checks before.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
base=$(git rev-parse HEAD)
pages=$(find . -path ./.git -prune -o -name '*.md' ! -name '_index.md' -print | grep -c /)
event=events/rencontre-associations-recherche-2019.md
printf '\nUn paragraphe ajouté au corps.\n' >>$event
git commit -qam "1: body"
printf '\nVoir [cette page](/people/personne-inconnue/).\n' >>$event
git commit -qam "2: a broken link (error)"

left() { grep -c "check: the site's [0-9]* pages left to the exit" "$1" || true; }

# one commit: its site is left to the exit
FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" HEAD~1 >"$TEST_DIR/one.out" 2>"$TEST_DIR/one.err" ||
	{ cat "$TEST_DIR/one.out" "$TEST_DIR/one.err" >&2; fail "the valid commit failed the check"; }
[ "$(left "$TEST_DIR/one.err")" = 1 ] || { cat "$TEST_DIR/one.err" >&2; fail "one commit's site was freed, not left to the exit"; }
assert_contains "$TEST_DIR/one.err" "the site's $pages pages left to the exit"
assert_contains "$TEST_DIR/one.out" "checked 1 commit: 0 errors"

# a range of two: the first commit (validated whole) is freed, the second
# (an error: validated whole too) is left to the exit
rc=0
FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" "$base..HEAD" >"$TEST_DIR/range.out" 2>"$TEST_DIR/range.err" || rc=$?
[ $rc -eq 1 ] || { cat "$TEST_DIR/range.out" "$TEST_DIR/range.err" >&2; fail "the range's tip has an error: exit 1 expected, got $rc"; }
[ "$(left "$TEST_DIR/range.err")" = 1 ] || { cat "$TEST_DIR/range.err" >&2; fail "not exactly one site of the range left to the exit"; }
# the line comes after the second commit's load, not the first's
loads=$(grep -n "pages loaded" "$TEST_DIR/range.err" | cut -d: -f1 | tr '\n' ' ')
at=$(grep -n "left to the exit" "$TEST_DIR/range.err" | cut -d: -f1)
set -- $loads
[ $# -eq 2 ] && [ "$at" -gt "$2" ] || { cat "$TEST_DIR/range.err" >&2; fail "the first commit's site was left to the exit (loads at $loads, left at $at)"; }
assert_contains "$TEST_DIR/range.out" 'link to "/people/personne-inconnue/" points to no page [link/broken]'
assert_contains "$TEST_DIR/range.out" "checked 2 commits: 1 error"

# a worktree: left too
FOLIO_TRACE=1 "$FOLIO" check --worktree "$repo" >/dev/null 2>"$TEST_DIR/wt.err" || true
[ "$(left "$TEST_DIR/wt.err")" = 1 ] || fail "the worktree's site was freed, not left to the exit"
echo "ok"

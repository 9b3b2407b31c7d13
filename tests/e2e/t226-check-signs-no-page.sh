#!/bin/bash
# folio check without a state computes no page's signature (the JSON of its
# front matter and summary, hashed, that only the state's records read):
# FOLIO_TRACE counts them. With a state, a range's first commit is indexed
# for the next one, so its pages are signed; a build signs every page. The
# findings are the same either way.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
page=$(git ls-files 'events/*.md' | head -1)
echo "Une ligne de plus." >>"$page"
git commit -qam "A body edit"
echo "Et une autre." >>"$page"
git commit -qam "Another body edit"

FOLIO_TRACE=1 FOLIO_FINDINGS_LANG=en "$FOLIO" check --repo "$repo" HEAD~1..HEAD \
	>"$TEST_DIR/nostate.out" 2>"$TEST_DIR/nostate.err" || fail "check without a state failed"
grep -E "pages loaded, [0-9]+ signed" "$TEST_DIR/nostate.err" >"$TEST_DIR/nostate.trace" ||
	fail "no trace of the load: $(cat "$TEST_DIR/nostate.err")"
grep -qE "[1-9][0-9]* pages loaded, 0 signed" "$TEST_DIR/nostate.trace" ||
	fail "a check without a state signed pages: $(cat "$TEST_DIR/nostate.trace")"

FOLIO_TRACE=1 "$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" \
	--state "$TEST_DIR/state" 2>"$TEST_DIR/build.err" >/dev/null || fail "build failed"
grep -qE "([1-9][0-9]*) pages loaded, \1 signed" "$TEST_DIR/build.err" ||
	fail "a build did not sign every page: $(grep 'signed' "$TEST_DIR/build.err")"

# with a state that has published nothing, HEAD~2..HEAD validates its first
# commit whole and indexes it for the next one: signed
FOLIO_TRACE=1 FOLIO_FINDINGS_LANG=en "$FOLIO" check --repo "$repo" --state "$TEST_DIR/fresh" HEAD~2..HEAD \
	>"$TEST_DIR/state.out" 2>"$TEST_DIR/state.err" || fail "check with a state failed"
grep -qE "[1-9][0-9]* pages loaded, [1-9][0-9]* signed" "$TEST_DIR/state.err" ||
	fail "a check that indexes its commit signed no page: $(grep 'signed' "$TEST_DIR/state.err")"

# the same findings as a check that indexes (signatures change no finding)
FOLIO_FINDINGS_LANG=en "$FOLIO" check --repo "$repo" HEAD >"$TEST_DIR/head.out" 2>&1 || true
FOLIO_FINDINGS_LANG=en "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/head-state.out" 2>&1 || true
diff "$TEST_DIR/head.out" "$TEST_DIR/head-state.out" || fail "findings differ with and without signatures"

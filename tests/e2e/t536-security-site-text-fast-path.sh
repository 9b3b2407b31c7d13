#!/bin/bash
# site-text on the fast path: a commit that changes page bodies only is
# judged from the state (folio check --state, the hook, the daemon), which
# counted the changed pages' text alone against site-text. A site grown
# past it by small body edits, each judged and published from the state,
# passed until its next full load. The state keeps the published pages'
# text total now (meta published_text, by every publish) and the fast path
# adds each change to it: the commit that passes the limit is refused,
# with the full check's budget/site-text error, and those before it still
# take the fast path.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/docs"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: docs\n' >"$s/folio.yaml"
python3 - "$s" <<'PY'
import sys
for p in range(10): # 979 bytes each, 9,790 in all
    open("%s/docs/p%d.md" % (sys.argv[1], p), "w").write("---\ntitle: P%d\n---\n" % p + "Some text here. " * 60 + "\n")
PY
cd "$s"
git init -q && git add -A && git commit -qm "ten pages"
LIMIT=(--limit site-text=12000)
"$FOLIO" build --state "$TEST_DIR/state" --out "$TEST_DIR/out" "${LIMIT[@]}" >"$TEST_DIR/build0.txt" 2>&1 ||
	fail "first publish: $(cat "$TEST_DIR/build0.txt")"

# grow one page by 1,020 bytes a commit: 10,810, 11,830, then 12,850
for p in 1 2 3; do
	python3 -c 'import sys; open(sys.argv[1], "a").write("More words here. " * 60 + "\n")' "docs/p$p.md"
	git commit -qam "p$p grows"
	rc=0
	FOLIO_TRACE=1 "$FOLIO" check --state "$TEST_DIR/state" "${LIMIT[@]}" HEAD >"$TEST_DIR/check$p.txt" 2>&1 || rc=$?
	if [ "$p" != 3 ]; then
		[ $rc = 0 ] || fail "p$p refused: $(grep -v '^\[' "$TEST_DIR/check$p.txt" | tail -3)"
		grep -q 'judged .* from the state' "$TEST_DIR/check$p.txt" || fail "p$p not judged from the state"
		"$FOLIO" build --state "$TEST_DIR/state" --out "$TEST_DIR/out" "${LIMIT[@]}" >"$TEST_DIR/build$p.txt" 2>&1 ||
			fail "p$p not published: $(cat "$TEST_DIR/build$p.txt")"
	fi
done
echo "the third growth: exit $rc"
[ $rc = 1 ] || fail "a site of 12,850 bytes of page text passed site-text=12000 from the state: $(grep -v '^\[' "$TEST_DIR/check3.txt" | tail -3)"
assert_contains "$TEST_DIR/check3.txt" 'the pages'"'"' text passes the site-text limit of 12000 bytes at this page'
rc=0
"$FOLIO" build --state "$TEST_DIR/state" --out "$TEST_DIR/out" "${LIMIT[@]}" >"$TEST_DIR/build3.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "published past site-text: exit $rc: $(cat "$TEST_DIR/build3.txt")"
assert_contains "$TEST_DIR/build3.txt" '[budget/site-text]'

# a higher limit lets the same commit through, from the state
"$FOLIO" check --state "$TEST_DIR/state" --limit site-text=13000 HEAD >"$TEST_DIR/check4.txt" 2>&1 ||
	fail "refused under site-text=13000: $(tail -3 "$TEST_DIR/check4.txt")"
echo "ok the fast path counts the site's page text"

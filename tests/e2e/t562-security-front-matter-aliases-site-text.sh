#!/bin/bash
# A page's YAML aliases are bounded by front-matter (1 MiB as expanded), but
# site-text counted only the blob: a 315-byte front matter of four levels of
# ten aliases stands for 890 KB, which each page's signature, index.json and
# the feeds write whole. 2,000 pages of that one blob (a 348 KB push) took
# 15 s of CPU to check, 630 KB counted, and site-files allows 260,000 pages.
# What a page's aliases stand for is charged to site-text as what its
# includes add: past it parsing stops, one error at folio.yaml alone.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/docs"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: docs\n' >"$s/folio.yaml"
cd "$s"
# a small alias, as a site shares a value: charged, far below any limit
printf -- '---\ntitle: Shared\nplace: &p {town: Lyon}\nalso: *p\n---\nText.\n' >docs/shared.md
git init -q && git add -A && git commit -qm "a page sharing a value by an alias"
"$FOLIO" check HEAD >"$TEST_DIR/small.txt" 2>&1 || fail "a small alias refused: $(cat "$TEST_DIR/small.txt")"
echo "ok a small alias passes"

# docs/pNNNN.md: count paths of one blob whose aliases stand for 890 KB
laughs() {
	local count=$1 blob
	blob=$(python3 -c '
import sys
fm = "---\ntitle: A\na0: &a0 \"" + "x" * 85 + "\"\n"
for level in range(1, 5):
    fm += "a%d: &a%d [" % (level, level) + ",".join("*a%d" % (level - 1) for _ in range(10)) + "]\n"
sys.stdout.write(fm + "---\nText.\n")
' | git hash-object -w --stdin)
	for i in $(seq -f '%04g' 0 $((count - 1))); do
		printf '100644 %s\tdocs/p%s.md\n' "$blob" "$i"
	done | git update-index --index-info
	git commit -qm "$count pages of one blob of aliases"
}

TEXT="folio.yaml: error: the pages' text, with what includes, shortcodes, front matter aliases and fields add, passes the site-text limit of"
# 2,000 pages under the default (1 GiB): 15 s of CPU before, killed here
laughs 2000
rc=0
( ulimit -t 8; "$FOLIO" check HEAD ) >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc (137 or 152: killed): $(head -c 2000 "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "$TEXT 1073741824 bytes: parsing stopped there [budget/site-text]"
[ "$(grep -c ': error: ' "$TEST_DIR/check.txt")" = 1 ] || fail "the budget's error does not stand alone: $(head -c 2000 "$TEST_DIR/check.txt")"
rc=0
( ulimit -t 8; "$FOLIO" build --out "$TEST_DIR/out" ) >"$TEST_DIR/build.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "build exit $rc: $(head -c 2000 "$TEST_DIR/build.txt")"
assert_contains "$TEST_DIR/build.txt" "$TEXT"
[ ! -e "$TEST_DIR/out/docs/p0000" ] || fail "the refused build wrote pages"
echo "ok 2,000 pages of aliases: check and build stop at site-text"

# 20 of them (18 MB as expanded, 6 KB of blobs) under a lower limit; a
# higher one lets the aliases through to the budgets that bound outputs
git reset -q --hard HEAD~1
laughs 20
rc=0
"$FOLIO" check --limit site-text=16M HEAD >"$TEST_DIR/low.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(head -c 2000 "$TEST_DIR/low.txt")"
assert_contains "$TEST_DIR/low.txt" "$TEXT 16777216 bytes"
"$FOLIO" check --limit site-text=32M HEAD >"$TEST_DIR/high.txt" 2>&1 || true
assert_not_contains "$TEST_DIR/high.txt" "[budget/site-text]"
echo "ok site-text=16M refuses 20 such pages, 32M does not"

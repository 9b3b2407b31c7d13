#!/bin/bash
# A page lists 100 findings of a rule (t498), but a pusher chooses how
# many pages: 20,000 pages of one 800-byte blob with 100 links to no page
# each (a 1.8 MB push) were 2 million findings, 1.2 GB of folio check's
# memory and 368 MB of its output. A check keeps the first 10,000
# findings of its pages now and counts the rest, one finding per rule and
# severity saying how many: the exit code and the verdict are the same,
# and an error counted past the bound still refuses the commit.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/docs"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: docs\n' >"$s/folio.yaml"
python3 - "$s" <<'PY'
import sys
links = "---\ntitle: P\n---\n" + "[a](/x) " * 100 + "\n"
for p in range(2000):
    open("%s/docs/p%04d.md" % (sys.argv[1], p), "w").write(links)
PY
cd "$s"
git init -q && git add -A && git commit -qm "2,000 pages of 100 broken links"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(tail -3 "$TEST_DIR/check.txt")"
size=$(wc -c <"$TEST_DIR/check.txt")
echo "folio check printed $size bytes, $(wc -l <"$TEST_DIR/check.txt") lines"
[ "$size" -lt 2000000 ] || fail "folio check printed $size bytes"
[ "$(grep -c '\[link/broken\]$' "$TEST_DIR/check.txt")" = 10001 ] || fail "not 10,000 findings and one that counts the rest"
assert_contains "$TEST_DIR/check.txt" 'docs/p0100.md:4:5: error: 190000 more findings of this rule in this commit are not listed [link/broken]'
assert_contains "$TEST_DIR/check.txt" 'checked 1 commit: 10001 errors, 0 warnings'

# 110 pages of repeated paragraphs (warnings) before one broken link: the
# error is past the bound, counted, and still refuses the push.
git rm -q docs/p*.md && mkdir -p docs
python3 - "$s" <<'PY'
import sys
para = " ".join("word%d" % i for i in range(14))
for p in range(110):
    open("%s/docs/a%03d.md" % (sys.argv[1], p), "w").write("---\ntitle: A\n---\n" + (para + "\n\n") * 102)
open("%s/docs/z.md" % sys.argv[1], "w").write("---\ntitle: Z\n---\n[nowhere](/nowhere/)\n")
PY
git add -A && git commit -qm "warnings, then an error"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check2.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "the error past the bound passed: exit $rc: $(tail -3 "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" 'docs/z.md:4:11: error: 1 more findings of this rule in this commit are not listed [link/broken]'
assert_contains "$TEST_DIR/check2.txt" 'warning: 1110 more findings of this rule in this commit are not listed [text/repeated-paragraph]'
assert_contains "$TEST_DIR/check2.txt" 'checked 1 commit: 1 error, 10001 warnings'
git clone -q --bare "$s" "$TEST_DIR/site.git"
Z=0000000000000000000000000000000000000000
rc=0
echo "$Z $(git rev-parse HEAD) refs/heads/main" |
	"$FOLIO" hook pre-receive --repo "$TEST_DIR/site.git" >"$TEST_DIR/hook.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "the hook let it through: exit $rc: $(tail -3 "$TEST_DIR/hook.txt")"
assert_contains "$TEST_DIR/hook.txt" 'refusing refs/heads/main: 1 error at its tip'
echo "ok a check lists 10,000 findings of its pages and counts the rest"

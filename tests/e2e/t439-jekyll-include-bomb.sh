#!/bin/bash
# Includes cannot multiply a page's text without bound: the bytes all the
# includes of one page add (nested ones too) are counted against the
# page-output budget, and past it the page is refused (budget/page-output,
# at the include's line) before anything is parsed; a page expands at most
# 1,000 includes (empty files cost no bytes: eight levels of ten includes
# each would be 10^8). Without the bounds, 2,000 includes of a 1 MiB file
# would make 2 GB of text, past the address space this test allows.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/_posts" "$s/_includes"
printf 'title: Bombs\npermalink: pretty\n' >"$s/_config.yml"
python3 - "$s" <<'PY'
import sys
s = sys.argv[1]
with open(s + "/_includes/big.md", "w") as f:
    f.write(("A line of filler text for the include bomb.\n" * 24000)[:1 << 20])
with open(s + "/_posts/2024-01-01-bytes.md", "w") as f:
    f.write("---\ntitle: Bytes\n---\nIntro.\n\n" + "{% include big.md %}\n" * 2000)
# eight levels, each including the next ten times; the last is empty
for level in range(8):
    with open(s + "/_includes/l%d.md" % level, "w") as f:
        f.write("" if level == 7 else "{%% include l%d.md %%}\n" % (level + 1) * 10)
with open(s + "/_posts/2024-01-02-fan.md", "w") as f:
    f.write("---\ntitle: Fan\n---\nFan out.\n\n{% include l0.md %}\n")
PY
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
# (a sanitizer's build reserves more address space than that: no limit then)
limit=1500000
bash -c 'ulimit -v "$1" && "$2" --version || exit 1' limit "$limit" "$FOLIO" >/dev/null 2>&1 || limit=unlimited
r=0
(ulimit -v $limit && timeout 120 "$FOLIO" check --worktree "$s") >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should refuse the page of bytes (exit $r): $(head -c 2000 "$TEST_DIR/check.txt")"
# eight times the 1 MiB file make 8 MiB, the ninth (line 14) is past it
assert_contains "$TEST_DIR/check.txt" \
	'_posts/2024-01-01-bytes.md:14:1: error: include "big.md" would take the page'"'"'s included text past the page-output budget [budget/page-output]'
[ "$(grep -c 'budget/page-output' "$TEST_DIR/check.txt")" -le 100 ] || fail "findings of one page are not bounded"
assert_contains "$TEST_DIR/check.txt" \
	'_posts/2024-01-02-fan.md:6:1: warning: liquid include "l7.md" is past the 1,000 includes one page may expand'
# a lower budget in folio.yaml lowers it
printf 'limits:\n  page-output: 3000000\n' >>"$s/folio.yaml"
r=0
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should refuse (exit $r)"
assert_contains "$TEST_DIR/check2.txt" '_posts/2024-01-01-bytes.md:8:1: error: include "big.md" would take'
echo "ok"

#!/bin/bash
# A line of a Jekyll page is told to findings as the file's line: the
# lines the reading adds (a blank line after each markdown="1" tag, for
# kramdown, and after an HTML block's end tag) are taken off. Each look
# walked every added line before it: a pushed page of 120,000
# markdown="1" blocks (3 MiB) took 8.9 s of CPU to check here, each of
# its blocks a walk. It is a bisection now: 0.7 s. The findings still name
# the file's lines.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j"
printf 'title: Bombe\nurl: https://bombe.example\nmarkdown: kramdown\n' >"$j/_config.yml"
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$j/index.md"
# a sanitizer's build spends a minute of system time on 120,000 (its
# allocator's maps): a sixth of them there, where no bound is checked
blocks=120000 limit=()
sanitized=false
if grep -qa __asan_init "$FOLIO"; then
	blocks=20000 limit=(--limit page-output=1048576) # refused for its size there too
	sanitized=true
fi
python3 - "$j/blocs.md" "$blocks" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Blocs\n---\n")
    f.write('<div markdown="1">\nx\n</div>\n\n' * int(sys.argv[2]))
PY
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
TIMEFORMAT=%U
cpu=$({ time timeout 120 "$FOLIO" check "${limit[@]}" --worktree "$j" >"$TEST_DIR/check.txt" 2>&1; } 2>&1) \
	&& fail "the page was not refused"
cpu=${cpu##*$'\n'}
echo "check, $blocks markdown=\"1\" blocks: ${cpu} s of CPU"
# a sanitizer's build runs the linear walk some 25 times slower than a
# release build, past what the quadratic one took there: no bound then
if $sanitized; then
	echo "sanitizer build: the CPU bound is not checked"
else
	awk -v t="$cpu" 'BEGIN { exit !(t < 4) }' || fail "the check took ${cpu} s of CPU (quadratic?)"
fi
# refused for its size to render, on the line of its first block
assert_contains "$TEST_DIR/check.txt" 'blocs.md:4:1: error:'
assert_contains "$TEST_DIR/check.txt" '[budget/page-output]'
echo "ok"

#!/bin/bash
# A Jekyll page's backslashes kramdown keeps ("\," t531) are told apart
# from those in code spans and inline tags by looking where each span or
# tag ends. A pusher's line of "<a <a <a..." (no '>') made each '<' read
# to the line's end again: quadratic in the line's length, 6.7 s of CPU
# for 300 KB, 40 s for 750 KB, in the hook and the daemon. A look that
# found no '>' now answers for the rest of its line. (Runs of backticks
# longer than 32 are read as text without a look, which bounds the looks
# of a paragraph of unclosed runs of 1, 2, 3... backticks.) The page-output
# limit is raised: its estimate of what such a line renders to passes it.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Club\nurl: https://club.example\nmarkdown: kramdown\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
python3 - "$j" <<'PY'
import sys
d = sys.argv[1]
tags = "<a " * 250000
with open(d + "/lt.md", "w") as f:
    f.write("---\ntitle: Tags\nlayout: default\n---\nUn\\, deux " + tags + " fin\\, oui.\n")
PY
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
rc=0
( ulimit -t 20; "$FOLIO" build --limit page-output=268435456 --worktree "$j" --out "$TEST_DIR/out" ) >"$TEST_DIR/build.txt" 2>&1 || rc=$?
[ $rc = 0 ] || fail "build exit $rc (137 or 152: killed at 20 s of CPU): $(tail -c 2000 "$TEST_DIR/build.txt")"
assert_contains "$TEST_DIR/out/lt.html" 'fin\, oui.'
assert_contains "$TEST_DIR/out/lt.html" 'Un\, deux &lt;a &lt;a'
echo "ok"

#!/bin/bash
# Jekyll's post reader reads nothing of a _posts folder but posts and
# copies none of its other files: a researcher's blog keeps knitr's
# figures in _posts/figure/, the script a post was written from
# (_posts/2022_04_19_learning.py) and dated images (_posts/2023-10-08-read.png,
# which Jekyll reads as a post and skips, not being UTF-8). Debian's Jekyll
# 4.3.1 writes none of them; folio published them below the posts' URL
# (/blog/figure/x.png). Files beside pages of other collections, and in
# assets/, are still published.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts" "$j/_posts/figure" "$j/_news" "$j/assets/img"
printf 'title: Lab\nurl: https://lab.example\nmarkdown: kramdown\npermalink: /blog/:year/:title/\ncollections:\n  news:\n    output: true\n    permalink: /news/:path/\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Curves\n---\nThe curve: ![curve](/assets/img/curve.png)\n' >"$j/_posts/2023-10-08-curves.md"
printf '\x89PNG\r\n\x1a\n\xff\xfe' >"$j/_posts/figure/curve-1.png"
printf '\x89PNG\r\n\x1a\n\xff\xfe' >"$j/_posts/2023-10-08-read.png"
printf 'print(1)\n' >"$j/_posts/2022_04_19_learning.py"
printf '\x89PNG\r\n\x1a\n\xff\xfe' >"$j/assets/img/curve.png"
printf -- '---\ntitle: Award\n---\nA prize.\n' >"$j/_news/award.md"
printf 'a,b\n1,2\n' >"$j/_news/table.csv"
printf -- '---\ntitle: Start\n---\nWelcome.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || fail "check: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
[ -f "$out/blog/2023/curves/index.html" ] || fail "the post is missing: $(cd "$out" && find . -type f)"
[ -f "$out/assets/img/curve.png" ] || fail "assets/ was not published"
[ -f "$out/news/table.csv" ] || fail "a file beside the news is no longer published: $(cd "$out" && find . -type f)"
left=$(cd "$out" && find . -type f \( -name 'curve-1.png' -o -name '*read.png' -o -name '*.py' \))
[ -z "$left" ] || fail "files of _posts/ published where Jekyll writes none: $left"
# a publish from a state writes the same
make_repo "$TEST_DIR/repo" "$j"
"$FOLIO" build --repo "$TEST_DIR/repo" --out "$TEST_DIR/inc" --state "$TEST_DIR/state" >/dev/null 2>&1 || fail "publish"
left=$(cd "$TEST_DIR/inc" && find . -type f \( -name 'curve-1.png' -o -name '*read.png' -o -name '*.py' \))
[ -z "$left" ] || fail "an incremental publish wrote files of _posts/: $left"
echo "ok"

#!/bin/bash
# kramdown's forced break ("\\" ending a line, t491) is Markdown's: raw
# HTML lines of a Markdown page are left as written, so Debian's Jekyll
# 4.3.1 writes <div class="path">C:\\</div>'s two backslashes. folio read
# them as the break there too and wrote one. Lines of an HTML block (a
# block tag opening it, to the next blank line, as CommonMark's) keep their
# backslashes; the break is still read in the paragraph after it, and
# inside a markdown="1" block, whose lines kramdown reads as Markdown.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Paths\nurl: https://paths.example\nmarkdown: kramdown\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/paths.md" <<'MD'
---
title: Paths
permalink: /paths/
---
<div class="path">C:\\
D:\\
</div>

<table>
  <tr><td>E:\\
  </td></tr>
</table>

**Street 1**\\
_Town_

<section markdown="1">
**Inner**\\
_Line_
</section>
MD
printf -- '---\ntitle: Start\n---\nWelcome.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || fail "check: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
page=$out/paths/index.html
python3 - "$page" <<'PY' || fail "backslashes: $(sed -n '/<div class=.path/,/Line/p' "$page")"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert '<div class="path">C:\\\\\nD:\\\\\n</div>' in html, "div"
assert "<tr><td>E:\\\\\n" in html, "table"
assert re.search(r"<strong>Street 1</strong><br\s*/?>\s*<em>Town</em>", html), "paragraph after"
assert re.search(r"<strong>Inner</strong><br\s*/?>\s*<em>Line</em>", html), "markdown block"
PY
echo "ok"

#!/bin/bash
# kramdown (Jekyll 4, kramdown-parser-gfm) gives a heading inside an HTML
# block with markdown="1" its own id, not GitHub's: the characters before
# the first ASCII letter dropped, then all but ASCII letters, digits,
# spaces and '-'. Debian's Jekyll 4.3.1 writes this page's headings as
# 1-readme-file, readme-file, dj-vu--2-code, section and 2-after (LLNL's software
# catalogue links its "readme-file"). folio gave GitHub's ids everywhere,
# and refused the links to Jekyll's.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Lab\nurl: https://lab.example\nmarkdown: kramdown\nkramdown:\n  input: GFM\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/guide.md" <<'MD'
---
title: Guide
---
## 1. README file

<div class="box" markdown="1">

## 1. README file

### Déjà vu -- 2 `code`

#### 2024

</div>

## 2. After

See [the file](#readme-file), [the rest](#dj-vu--2-code), [numbers](#section) and [after](#2-after).
MD
printf -- '---\ntitle: Home\n---\nHome.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
page=$(find "$out" -name 'guide*.html' | head -1)
assert_contains "$page" 'id="1-readme-file"'
assert_contains "$page" 'id="readme-file"'
assert_contains "$page" 'id="dj-vu--2-code"'
assert_contains "$page" 'id="section"'
assert_contains "$page" 'id="2-after"'
echo "ok"

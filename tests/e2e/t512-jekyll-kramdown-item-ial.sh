#!/bin/bash
# kramdown reads an attribute list right after a list item's marker as the
# item's ("- {:.indent-3}But O heart!": the Ed. theme's poems indent their
# lines so); Debian's Jekyll 4.3.1 writes <li class="indent-3">But O
# heart!</li>. folio showed "{:.indent-3}But O heart!" as text. An item's
# list is never shown, its #id is an anchor of the page, as a paragraph's
# "{: #id}" is; a "{:" not closed, or "{::", stays text.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts" "$j/_texts"
printf 'title: Ed\nurl: https://ed.example\nmarkdown: kramdown\ncollections:\n  texts:\n    output: true\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/_texts/captain.md" <<'MD'
---
title: Captain
---
- Our fearful trip is done;
- {:.indent-3}But O heart! heart! heart!
- {: #bleeding .indent-4}O the bleeding drops of red,
- {:.indent-5}

1. {: .step}Un pas
2. {: not closed
3. {::nomarkdown} stays

See [the drops](#bleeding).
MD
printf -- '---\ntitle: Start\n---\nWelcome.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || fail "check: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
page=$out/texts/captain.html
python3 - "$page" <<'PY' || fail "item lists: $(grep -A12 '<ul' "$page")"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert "{:.indent" not in html and "{: #bleeding" not in html and "{: .step}" not in html, "shown as text"
assert re.search(r"<li>\s*(<p>)?But O heart! heart! heart!", html), "item text"
assert re.search(r'<li>\s*(<p>)?<a id="bleeding"></a>O the bleeding drops of red,', html), "item id"
assert re.search(r"<li>\s*(<p>)?Un pas", html), "ordered item"
assert "{: not closed" in html, "an unclosed list is text"
assert "{::nomarkdown} stays" in html, "an extension is no list"
PY
echo "ok"

#!/bin/bash
# kramdown's typographic_symbols option gives a symbol a text of the
# site's own in place of its character ({hellip: "..."} keeps three
# dots). init carries it into folio.yaml, a character reference
# (&#8211;) made its character, and folio writes those texts as
# Debian's Jekyll 4.3.1 (kramdown 2.4.0) does for this page; a name
# kramdown has no symbol for is a finding in folio.yaml.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j"
cat >"$j/_config.yml" <<'YML'
title: Log
url: https://log.example
markdown: kramdown
kramdown:
  typographic_symbols: {hellip: "...", mdash: "--", ndash: "&#8211;", raquo: ">>"}
YML
printf -- '---\ntitle: Log\npermalink: /log/\n---\nWait... it'"'"'s done --- pages 3--4, <<1>> x >> y.\n' >"$j/log.md"
migrate_and_build jekyll "$j" "$TEST_DIR/out"
assert_contains "$j/folio.yaml" '  ndash: "–"'
# Jekyll: <p>Wait... it’s done -- pages 3&#8211;4, «1&gt;&gt; x » y.</p>
# (its &#8211; is the – folio writes; " >>" keeps its own no-break space)
python3 - "$TEST_DIR/out/log/index.html" <<'PY' || fail "kramdown's symbols: $(grep '<p>Wait' "$TEST_DIR/out/log/index.html")"
import sys
html = open(sys.argv[1], encoding="utf-8").read()
jekyll = "<p>Wait... it’s done -- pages 3&#8211;4, «1&gt;&gt; x\u00a0» y.</p>"
assert jekyll.replace("&#8211;", "–") in html
PY
sed -i 's/  mdash: /  emdash: /' "$j/folio.yaml"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 && fail "an unknown symbol was taken"
assert_contains "$TEST_DIR/check.txt" '"emdash" is no typographic symbol of kramdown'
echo "ok"

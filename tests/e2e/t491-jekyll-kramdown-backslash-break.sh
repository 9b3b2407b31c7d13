#!/bin/bash
# kramdown ends a line with a forced break where it ends in two
# backslashes: Debian's Jekyll 4.3.1 writes "**Praxis**\\" then "_Wien_"
# as <strong>Praxis</strong><br /> <em>Wien</em> (a practice's Impressum
# and contact pages, its address written so). CommonMark reads "\\" as an
# escaped backslash, and folio wrote "Praxis\" on one line with the next.
# On a Jekyll site the two backslashes before a line break are that
# break; in code (fenced, indented, a span) and mid-line they stay.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Praxis\nurl: https://praxis.example\nlang: de\nmarkdown: kramdown\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/impressum.md" <<'MD'
---
title: Impressum
permalink: /impressum/
---
**Praxis Muster**\\
_Allgemeinmedizin_\\
Hauptstraße 1

Mitten \\ im Satz.

```
pfad\\
```

    eingerückt\\
    weiter

Siehe [Kontakt](/kontakt/).
MD
printf -- '---\ntitle: Start\n---\nWillkommen.\n' >"$j/index.md"
# a page written in HTML is no kramdown text: Jekyll writes it as it is
printf -- '---\ntitle: Pfade\npermalink: /pfade/\n---\n<pre>C:\\\\\nD:\\\\\n</pre>\n' >"$j/pfade.html"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 && fail "the broken link was not found"
assert_contains "$TEST_DIR/check.txt" 'impressum.md:18:'
printf -- '---\ntitle: Kontakt\npermalink: /kontakt/\n---\nTelefon.\n' >"$j/kontakt.md"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
page=$out/impressum/index.html
python3 - "$page" <<'PY' || fail "forced breaks: $(grep -A3 Praxis "$page")"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert re.search(r"<strong>Praxis Muster</strong><br\s*/?>\s*<em>Allgemeinmedizin</em><br\s*/?>\s*Hauptstraße 1", html), "break"
assert "Mitten \\ im Satz." in html, "mid-line"
assert "pfad\\\\\n" in html, "fenced code"
assert "eingerückt\\\\\n" in html, "indented code"
PY
python3 - "$out/pfade/index.html" <<'PY' || fail "the HTML page lost a backslash: $(grep -A2 '<pre' "$out/pfade/index.html")"
import sys
assert "<pre>C:\\\\\nD:\\\\\n</pre>" in open(sys.argv[1], encoding="utf-8").read()
PY
echo "ok"

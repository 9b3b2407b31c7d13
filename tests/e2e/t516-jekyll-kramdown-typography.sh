#!/bin/bash
# kramdown, Jekyll's Markdown converter, converts the text as it reads it:
# "--" an en dash, "---" an em dash, "..." an ellipsis, "<<" ">>"
# guillemets, straight quotes curly by its own rules, each as _config.yml's
# kramdown smart_quotes says; never in code, raw HTML tags, an autolink
# or an escaped quote. folio showed the text as written on Jekyll sites,
# in the pages, their headings and their summaries. The expected bytes
# below are Debian's Jekyll 4.3.1's (kramdown 2.4.0) for these pages; a
# site not built by kramdown keeps its text as written.
. "$(dirname "$0")/lib.sh"

en=$TEST_DIR/en
mkdir -p "$en"
printf 'title: Notes\nurl: https://notes.example\nmarkdown: kramdown\n' >"$en/_config.yml"
cat >"$en/essay.md" <<'MD'
---
title: Essay
permalink: /essay/
---
It's -- as the '90s said -- "quoted"... and 'single' at l'institut, 5'10" tall.

## Install -- "Linux" & it's done...

A---B, pages 10--12, x----y, << a >> and 1<<2. "*Emphasis*" and *Custer*'s stand.

He said "'tis 'nested' here" -- rock 'n' roll.
"Next line" after a break, `it's -- "code"...` and \"escaped\" quotes.

<span title="a--b">it's "raw"</span> and <https://x.org/a--b> and [l--k](/essay/).

    code -- "block"...
MD
migrate_and_build jekyll "$en" "$TEST_DIR/out-en"
assert_contains "$en/folio.yaml" 'smart_quotes: ["‘", "’", "“", "”"]'
python3 - "$TEST_DIR/out-en" <<'PY' || fail "kramdown's typography"
import json, re, sys
out = sys.argv[1]
html = open(out + "/essay/index.html", encoding="utf-8").read()
# kramdown writes a straight quote as it is, cmark as &quot;: the same text
html = html.replace("&quot;", '"').replace('<code class="language-plaintext highlighter-rouge">', "<code>")
jekyll = [
    r"""<p>It’s – as the ’90s said – “quoted”… and ‘single’ at l’institut, 5’10” tall.</p>""",
    r"""<h2 id="install--linux--its-done">Install – “Linux” &amp; it’s done…</h2>""",
    # "<< " and " >>" keep a no-break space
    """<p>A—B, pages 10–12, x—-y, «\u00a0a\u00a0» and 1«2. “<em>Emphasis</em>” and <em>Custer</em>’s stand.</p>""",
    r"""<p>He said “‘tis ‘nested’ here” – rock ‘n’ roll.
“Next line” after a break, <code>it's -- "code"...</code> and "escaped" quotes.</p>""",
    r"""<p><span title="a--b">it’s “raw”</span> and <a href="https://x.org/a--b">https://x.org/a--b</a> and <a href="/essay/">l–k</a>.</p>""",
    r"""<code>code -- "block"...
</code></pre>""",
]
bad = [j for j in jekyll if j not in html]
assert not bad, "not as Jekyll writes it:\n" + "\n".join(bad) + "\n--- folio:\n" + html
summary = json.load(open(out + "/index.json", encoding="utf-8"))["pages"][0]["summary"]
assert summary == "It’s – as the ’90s said – “quoted”… and ‘single’ at l’institut, 5’10” tall.", summary
PY

# a French site sets kramdown's quotes: ‹ › « »
fr=$TEST_DIR/fr
mkdir -p "$fr"
printf 'title: Carnet\nurl: https://carnet.example\nlang: fr\nmarkdown: kramdown\nkramdown:\n  smart_quotes: ["lsaquo", "rsaquo", "laquo", "raquo"]\n' >"$fr/_config.yml"
printf -- '---\ntitle: Note\npermalink: /note/\n---\nL'"'"'institut a dit "bonjour" -- et '"'"'puis'"'"'... voilà.\n' >"$fr/note.md"
migrate_and_build jekyll "$fr" "$TEST_DIR/out-fr"
assert_contains "$fr/folio.yaml" 'smart_quotes: ["‹", "›", "«", "»"]'
assert_contains "$TEST_DIR/out-fr/note/index.html" '<p>L›institut a dit «bonjour» – et ‹puis›… voilà.</p>'

# without smart_quotes (a site kramdown does not build), the text as written
grep -v '^smart_quotes:' "$en/folio.yaml" >"$TEST_DIR/f.yaml" && mv "$TEST_DIR/f.yaml" "$en/folio.yaml"
"$FOLIO" build --worktree "$en" --out "$TEST_DIR/out-plain" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
assert_contains "$TEST_DIR/out-plain/essay/index.html" '<p>It'"'"'s -- as the '"'"'90s said -- &quot;quoted&quot;... and'
echo "ok"

#!/bin/bash
# Hugo's Goldmark runs its typographer unless markup.goldmark.extensions.
# typographer is false: "l'école" is "l’école", "--" an en dash, "..." an
# ellipsis, "<<oui>>" guillemets, quotes curly by Goldmark's own rules.
# folio wrote the text as it is: on the thirty-third pass's French sites
# (an association's music school, a meetup, Exodus Privacy) nearly every
# page differed from Hugo's by its apostrophes. Now init writes
# typographer: true and the page reads as Hugo 0.111 wrote it (the text
# below; Goldmark writes entities, folio the characters they name).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/notes"
cat >"$site/hugo.toml" <<'EOF2'
baseURL = "https://ty.example/"
title = "Ty"
EOF2
cat >"$site/content/notes/quotes.md" <<'EOF2'
---
title: Quotes
---
L'école d'été de l'association, c'est "pour tous".

It's the '80s -- and the 1990's --- rock'n'roll... 'Tis 'em.

He said 'hello' and "goodbye". "Nested 'single' quotes" here.

<<Bonjour>> dit-elle, << avec espace >>.

*Emphasis*'s end, and "*quoted emphasis*", and `code's` stays.

A [link's text](https://ty.example/) and 'quoted [link](https://ty.example/)'.

Rock 'n' roll, the 5'10" man, "quote at end"

## A heading's 'quotes'

- item's text
- "list" quote

Line one's
"second line"

Apostrophe at end of word' and 'start. Don't, won't, y'all.
EOF2
cat >"$TEST_DIR/hugo.html" <<'EOF2'
<p>L’école d’été de l’association, c’est “pour tous”.</p>
<p>It’s the ’80s – and the 1990’s — rock’n’roll… ‘Tis ’em.</p>
<p>He said ‘hello’ and “goodbye”. “Nested ‘single’ quotes” here.</p>
<p>«Bonjour» dit-elle, « avec espace ».</p>
<p><em>Emphasis</em>’s end, and “<em>quoted emphasis</em>”, and <code>code's</code> stays.</p>
<p>A <a href="https://ty.example/">link’s text</a> and ‘quoted <a href="https://ty.example/">link</a>’.</p>
<p>Rock ’n’ roll, the 5'10" man, “quote at end”</p>
<h2 id="a-headings-quotes">A heading’s ‘quotes’</h2>
<ul>
<li>item’s text</li>
<li>“list” quote</li>
</ul>
<p>Line one’s
“second line”</p>
<p>Apostrophe at end of word’ and ‘start. Don’t, won’t, y’all.</p>
EOF2

# the page's text, its entities read, from its first paragraph to its last
body() {
	python3 - "$1" "$2" <<'PY'
import html, sys
page = open(sys.argv[1], encoding="utf-8").read()
i = page.find("<p>L")
j = page.find("y&rsquo;all.</p>") if "y&rsquo;all.</p>" in page else page.find("y’all.</p>")
if i < 0 or j < 0:
    sys.exit("the page lacks its text")
text = page[i:page.find("</p>", j) + 4]
text = text.replace("&#39;", "\x00").replace("&quot;", "\x01")
text = html.unescape(text).replace("\x00", "'").replace("\x01", '"')
open(sys.argv[2], "w", encoding="utf-8").write(text + "\n")
PY
}

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'typographer: true'
body "$out/notes/quotes/index.html" "$TEST_DIR/folio.html"
diff -u "$TEST_DIR/hugo.html" "$TEST_DIR/folio.html" || fail "the text is not converted as Hugo converts it"
# the summary and the title of the list read the converted text too
assert_contains "$out/notes/index.html" 'L’école d’été'

# markup.goldmark.extensions.typographer = false: the text as written
rm -rf "$site/folio.yaml" "$site/schemas"
printf '[markup.goldmark.extensions]\ntypographer = false\n' >>"$site/hugo.toml"
out2=$TEST_DIR/out2
migrate_and_build hugo "$site" "$out2"
assert_not_contains "$site/folio.yaml" 'typographer'
assert_contains "$out2/notes/quotes/index.html" 'L&#39;école d&#39;été'
echo "ok"

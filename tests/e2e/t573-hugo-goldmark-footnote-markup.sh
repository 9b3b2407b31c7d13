#!/bin/bash
# Goldmark's footnotes as Hugo writes them (Debian's Hugo 0.111, on the
# thirty-fourth pass's sites): a reference <sup id="fnref:1"><a
# href="#fn:1" class="footnote-ref" role="doc-noteref">, the notes in <div
# class="footnotes" role="doc-endnotes"> after an <hr>, each back link
# class="footnote-backref" role="doc-backlink" after a no-break space
# (&#160;), of Goldmark's text &#x21a9;&#xfe0e; (a repeat's the same, no
# number), closing the note's <li> after a list. folio wrote cmark-gfm's
# <section>, data-footnote-ref and a plain ↩ (the ids were Goldmark's
# already): 24 of the association's 485 pages differed from Hugo's by it.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/rapports"
printf 'title = "Institut coopératif"\nbaseURL = "https://institut.example/"\nlanguageCode = "fr"\n' >"$s/hugo.toml"
cat >"$s/content/rapports/bilan.md" <<'MD'
---
title: Bilan de l'année
---
Le conseil s'est réuni[^ca] deux fois, puis l'assemblée[^ag] ; le conseil[^ca] a voté.

[^ca]: Conseil d'administration.
[^ag]: Assemblée générale, avec :

    - les sociétaires
    - les salariés
MD
migrate_and_build hugo "$s" "$TEST_DIR/out"
h=$(python3 - "$TEST_DIR/out/rapports/bilan/index.html" <<'PY'
import sys
h = open(sys.argv[1]).read()
print(h[h.index("</header>"):h.index("</article>")])
PY
)
back='class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>'
for want in \
	'réuni<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>' \
	'le conseil<sup id="fnref1:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>' \
	$'<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n<li id="fn:1">' \
	"<p>Conseil d’administration.&#160;<a href=\"#fnref:1\" $back&#160;<a href=\"#fnref1:1\" $back</p>" \
	$'</ul>\n&#160;<a href="#fnref:2" '"$back</li>" \
	$'</ol>\n</div>'
do
	case "$h" in *"$want"*) ;; *) fail "notes differ from Hugo's: missing $want in $h" ;; esac
done
case "$h" in *section*|*data-footnote*|*"Back to content"*) fail "cmark-gfm's markup left: $h" ;; esac
echo "ok"

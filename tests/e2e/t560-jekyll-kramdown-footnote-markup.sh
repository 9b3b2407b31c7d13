#!/bin/bash
# kramdown's footnotes as Jekyll writes them (Debian's Jekyll 4.3.1, on
# these sites): a reference <sup id="fnref:a" role="doc-noteref"><a
# href="#fn:a" class="footnote" rel="footnote">, the notes in <div
# class="footnotes" role="doc-endnotes">, each <li id="fn:a"
# role="doc-endnote">, its back links class="reversefootnote"
# role="doc-backlink" after a no-break space, of kramdown's text &#8617;
# (a repeat's number in a bare <sup>), in a <p> of their own after a
# note ending in a list. folio wrote cmark-gfm's <section>, footnote-ref,
# footnote-backref and a plain ↩ (the ids were kramdown's already).
# kramdown's footnote_backlink option (_config.yml) gives the back link's
# text, escaped as kramdown escapes it, "" none (then an empty <p> after
# the list, as kramdown writes it): init writes footnote_backlink:.
. "$(dirname "$0")/lib.sh"

notes() {
	mkdir -p "$1"
	cat >"$1/notes.md" <<'MD'
---
title: Notes
---
One[^1] two[^x] one again[^1].

[^1]: First.
[^x]: Second, a list:

    - i
MD
	printf -- '---\ntitle: Home\n---\nHello.\n' >"$1/index.md"
}
norm() {
	python3 - "$1" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
h = h[h.index("</header>"):h.index("</article>")]
print(re.sub(r">[ \t\n]+<", "><", h))
PY
}

j=$TEST_DIR/site
notes "$j"
printf 'title: Notes\nurl: https://notes.example\n' >"$j/_config.yml"
migrate_and_build jekyll "$j" "$TEST_DIR/out"
h=$(norm "$TEST_DIR/out/notes.html")
nb=$'\xc2\xa0'
for want in \
	'One<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>' \
	'one again<sup id="fnref:1:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>' \
	'<div class="footnotes" role="doc-endnotes"><ol><li id="fn:1" role="doc-endnote">' \
	"<p>First.$nb<a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a>$nb<a href=\"#fnref:1:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;<sup>2</sup></a></p></li>" \
	'<li id="fn:x" role="doc-endnote"><p>Second, a list:</p><ul><li>i</li></ul><p><a href="#fnref:x" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li></ol></div>'
do
	case "$h" in *"$want"*) ;; *) fail "notes differ from Jekyll's: missing $want in $h" ;; esac
done

# footnote_backlink: a text of the site's own, escaped as kramdown does
k=$TEST_DIR/text
notes "$k"
printf 'title: Notes\nurl: https://notes.example\nkramdown:\n  footnote_backlink: "back & <up> &amp;"\n' >"$k/_config.yml"
migrate_and_build jekyll "$k" "$TEST_DIR/text-out"
assert_contains "$k/folio.yaml" 'footnote_backlink: "back & <up> &amp;"'
h=$(norm "$TEST_DIR/text-out/notes.html")
want='<p>First.'"$nb"'<a href="#fnref:1" class="reversefootnote" role="doc-backlink">back &amp; &lt;up&gt; &amp;</a>'
case "$h" in *"$want"*) ;; *) fail "back link text not kramdown's: $h" ;; esac

# and "": no back link
e=$TEST_DIR/none
notes "$e"
printf 'title: Notes\nurl: https://notes.example\nkramdown:\n  footnote_backlink: ""\n' >"$e/_config.yml"
migrate_and_build jekyll "$e" "$TEST_DIR/none-out"
h=$(norm "$TEST_DIR/none-out/notes.html")
want='<li id="fn:1" role="doc-endnote"><p>First.</p></li><li id="fn:x" role="doc-endnote"><p>Second, a list:</p><ul><li>i</li></ul><p></p></li>'
case "$h" in *"$want"*) ;; *) fail "back links written for footnote_backlink \"\": $h" ;; esac

# a site of folio's own with kramdown's ids keeps cmark-gfm's markup
f=$TEST_DIR/own
mkdir -p "$f/pages"
printf 'title: Own\nbase_url: https://own.example\nfootnotes: kramdown\ncollections:\n  - name: pages\n    folder: pages\n' >"$f/folio.yaml"
printf -- '---\ntitle: Own\n---\nA[^a].\n\n[^a]: Note.\n' >"$f/pages/own.md"
"$FOLIO" build --worktree "$f" --out "$TEST_DIR/own-out" >/dev/null 2>&1 || fail "own site not built"
assert_contains "$TEST_DIR/own-out/pages/own/index.html" '<section class="footnotes" data-footnotes>'

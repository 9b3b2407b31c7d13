#!/bin/bash
# Footnotes keep the ids of the generator a site's links were written for:
# kramdown's "#fn:<label>" (Jekyll), Goldmark's "#fn:<n>" (Hugo). init
# --from writes footnotes: kramdown or goldmark; the page is written with
# those ids and links to them are checked against the notes the page has.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

# Jekyll: kramdown names a note by its label
site=$TEST_DIR/jekyll
mkdir -p "$site/docs"
printf 'title: Lantern\nurl: https://lantern.example\npermalink: pretty\n' >"$site/_config.yml"
printf -- '---\ntitle: Configuration\n---\nScripts[^js-disabled] and more[^2], again[^js-disabled].\n\n[^js-disabled]: When JavaScript is off.\n[^2]: Second.\n' \
	>"$site/docs/configuration.md"
printf -- '---\ntitle: Changes\n---\nSee [the note](/docs/configuration.md#fn:js-disabled) and [back](/docs/configuration/#fnref:2).\n' \
	>"$site/docs/changes.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'footnotes: kramdown'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused links to kramdown footnote ids: $(cat "$TEST_DIR/build.txt")"
page=$out/docs/configuration/index.html
# and in kramdown's markup, as Jekyll writes it (t560)
assert_contains "$page" '<sup id="fnref:js-disabled" role="doc-noteref"><a href="#fn:js-disabled" class="footnote" rel="footnote">1</a>'
assert_contains "$page" '<li id="fn:js-disabled" role="doc-endnote">'
assert_contains "$page" '<a href="#fnref:js-disabled" class="reversefootnote"'
assert_contains "$page" 'id="fnref:js-disabled:1"'
assert_contains "$page" '<li id="fn:2" role="doc-endnote">'
assert_contains "$out/docs/changes/index.html" 'href="/docs/configuration/#fn:js-disabled"'

# a note the page lacks is a broken anchor
printf -- '---\ntitle: Typo\n---\nSee [the note](/docs/configuration/#fn:js-enabled).\n' >"$site/docs/typo.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse a link to a footnote the page lacks (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'docs/typo.md:4:'
assert_contains "$TEST_DIR/check.txt" 'fn:js-enabled'
# cmark-gfm's id of the note is not the page's: it has kramdown's
printf -- '---\ntitle: Typo\n---\nSee [the note](/docs/configuration/#fn-js-disabled).\n' >"$site/docs/typo.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse cmark-gfm's id of a note written with kramdown's (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'fn-js-disabled'

# Hugo: Goldmark numbers the notes in the order they are first referred to
site=$TEST_DIR/hugo
mkdir -p "$site/content/docs"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Policy\n---\nFirst[^b], then[^a].\n\n[^a]: Note a.\n[^b]: Note b.\n[^unused]: Never referred to.\n' \
	>"$site/content/docs/policy.md"
printf -- '---\ntitle: FAQ\n---\nSee [note 2](/docs/policy/#fn:2).\n' >"$site/content/docs/faq.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init2.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$site/folio.yaml" 'footnotes: goldmark'
out=$TEST_DIR/out2
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build2.txt" 2>&1 \
	|| fail "build refused a link to a Goldmark footnote id: $(cat "$TEST_DIR/build2.txt")"
page=$out/docs/policy/index.html
# and in Goldmark's markup, as Hugo writes it (t573)
assert_contains "$page" '<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>'
assert_contains "$page" '<li id="fn:2">'
assert_contains "$page" '<a href="#fnref:2" class="footnote-backref"'
printf -- '---\ntitle: Typo\n---\nSee [note 3](/docs/policy/#fn:3).\n' >"$site/content/docs/typo.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse a link to a third note of a page with two (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'fn:3'
echo "ok"

#!/bin/bash
# An .html file without front matter in a Hugo content folder is a file
# Hugo copies as it is (congo's saved Lighthouse report, linked from its
# section as lighthouse.html), not a page written in HTML: with html_pages
# folio made it a page, refused its report markup and the links to it.
# One with front matter stays a page.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/docs/v2" "$s/layouts"
printf 'title = "t"\nbaseURL = "https://example.org/"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Version 2\n---\nSee [the report](lighthouse.html) and [the page](written/).\n' >"$s/content/docs/v2/_index.md"
report='<!doctype html><html><head><title>Lighthouse</title><script>var x = 1;</script></head><body>92</body></html>'
printf '%s\n' "$report" >"$s/content/docs/v2/lighthouse.html"
printf -- '---\ntitle: Written\n---\n<p>Written in HTML.</p>\n' >"$s/content/docs/v2/written.html"
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$s/folio.yaml" "html_pages: true"
cmp -s "$s/content/docs/v2/lighthouse.html" "$TEST_DIR/out/docs/v2/lighthouse.html" ||
	fail "the report is not copied as it is: $(ls -R "$TEST_DIR/out/docs")"
assert_contains "$TEST_DIR/out/docs/v2/written/index.html" "<title>Written"
echo ok

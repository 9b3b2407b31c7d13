#!/bin/bash
# A Jekyll site whose only pages at the top are written in HTML
# (huxpro.github.io's about.html, archive.html, offline.html; its posts in
# _posts): init made no collection of the top's pages, so they were
# neither kept as pages (html_pages) nor left out and named: they vanished
# without a word and links to them were "to no page".
. "$(dirname "$0")/lib.sh"

site() { # DIR: the site, about.html's body given on stdin
	mkdir -p "$1/_posts"
	printf 'title: T\nurl: "https://example.org"\npermalink: pretty\n' >"$1/_config.yml"
	{ printf -- '---\nlayout: page\ntitle: "About"\n---\n'; cat; } >"$1/about.html"
	printf -- '---\nlayout: post\ntitle: "One"\n---\nSee [about](/about/).\n' >"$1/_posts/2020-01-02-one.md"
}

# plain HTML: a page
echo '<p>Hello from about.</p>' | site "$TEST_DIR/plain"
migrate_and_build jekyll "$TEST_DIR/plain" "$TEST_DIR/out" >/dev/null
assert_contains "$TEST_DIR/out/about/index.html" "Hello from about."

# HTML with Liquid folio does not run: left out, and named
echo '{% include x.html %}' | site "$TEST_DIR/liquid"
"$FOLIO" init --from jekyll "$TEST_DIR/liquid" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" "about.html (a page written in HTML and Liquid) is not published"
"$FOLIO" check --worktree "$TEST_DIR/liquid" >"$TEST_DIR/check.txt" 2>&1 && fail "the link to the page left out passed"
assert_contains "$TEST_DIR/check.txt" 'points to about.html, which folio.yaml'"'"'s exclude: leaves out of the site'
echo ok

#!/bin/bash
# Jekyll publishes a file at the top of the site that opens with front
# matter, whatever its name (just-the-docs' CHANGELOG.md), and copies one
# without front matter as it is (a README.md, notes). init --from jekyll
# writes front_matter_pages: true: the front matter decides, so a link to
# /CHANGELOG.md is the page's, and a root Markdown file without front
# matter is no page, copied at its path, as in Jekyll. Each page is where Jekyll's
# default permalink puts it, its name's capitals kept: /CHANGELOG.html,
# /about.html, and a folder's docs/guide.md at /docs/guide.html (with
# permalink: pretty, /about/ and /docs/guide/).
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/docs"
printf 'title: Lantern\nurl: https://lantern.example\n' >"$site/_config.yml"
printf -- '---\ntitle: Changelog\n---\n## v1.0\n\nFirst.\n' >"$site/CHANGELOG.md"
printf -- '---\ntitle: About\n---\nAbout us.\n' >"$site/about.md"
printf '# Lantern\n\nThe repository of the site.\n' >"$site/README.md"
printf 'Notes to self, no front matter.\n' >"$site/notes.md"
printf -- '---\ntitle: Guide\n---\nSee [the changes](/CHANGELOG.md#v10) and [about](/about.md).\n' \
	>"$site/docs/guide.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" 'front_matter_pages: true'
assert_contains "$site/folio.yaml" 'folder: "."'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused a root page with front matter: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/CHANGELOG.html" '<h2 id="v10">v1.0</h2>'
assert_contains "$out/docs/guide.html" 'href="/CHANGELOG.html#v10"'
assert_contains "$out/docs/guide.html" 'href="/about.html"'
[ ! -e "$out/README.html" ] && [ ! -e "$out/notes.html" ] && [ ! -e "$out/pages/about" ] \
	|| fail "a root file without front matter was made a page: $(ls "$out" "$out/pages")"
# as Jekyll copies a file without front matter: as it is, at its path
[ "$(cat "$out/notes.md")" = 'Notes to self, no front matter.' ] || fail "notes.md is not copied as it is"

# a root file without front matter is no page: a link to its page is
# refused, a link to the file is the file's
printf -- '---\ntitle: Typo\n---\nSee [the notes](/notes.html), [as written](/notes.md).\n' >"$site/docs/typo.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse a link to a root file's page (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'docs/typo.md:4:17: error: link to "/notes.html" points to no page'
assert_not_contains "$TEST_DIR/check.txt" '"/notes.md"'
echo "ok"

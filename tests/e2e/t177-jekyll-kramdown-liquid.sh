#!/bin/bash
# A Jekyll site's kramdown attribute lists and Liquid output in links
# (testdata/jekyll-site/docs/guide/changes.md), as Jekyll's own docs write
# them: "{: #id}" under a heading is that heading's id, so links to it are
# valid; "{: .note}" before or after a paragraph is never shown as text;
# [x]({{ '/path/' | relative_url }}) (or 'path/', which the filter roots) and [x]({{ site.baseurl }}/path/) are
# links to /path/, checked like any other; {% post_url %} and {% link %}
# find a post named .markdown; a relative link ending in "/" that names
# no page from the file's folder is read from the page's URL; a link to a
# post's old address in its redirect_from: (a .html file) is valid.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
cp -r "$FOLIO_SOURCE_DIR/testdata/jekyll-site" "$site"
rm "$site/_posts/2024-03-09-broken-link.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
cat >"$site/_posts/2024-05-01-rule-changes.md" <<'MD'
---
layout: post
title: Rule changes
categories: club
---
This season's [rules](/docs/guide/changes/#season-2024), last season's
[rules]({{ "/docs/guide/changes/" | absolute_url }}#season-2023), the
[rigging]({{ 'docs/guide/rigging/' | relative_url }}) (the filter roots it, as jekyllrb.com's docs write).
MD
out=$TEST_DIR/out
export FOLIO_FINDINGS_LANG=en
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
page=$out/docs/guide/changes/index.html
assert_contains "$page" '<h2 id="season-2024">2024 season</h2>'
assert_contains "$page" '<h2 id="season-2023">2023 season</h2>'
assert_contains "$page" 'href="/docs/guide/rigging/"'
assert_contains "$page" 'href="/blog/new-boats/"'
assert_contains "$page" 'Life jackets are worn'
# {% post_url %} and {% link %} to a post named .markdown (as jekyll new names them)
[ "$(grep -o 'href="/blog/regatta-results/"' "$page" | wc -l)" -eq 2 ] \
	|| fail "post_url and link do not both lead to the .markdown post: $(grep -n results "$page")"
grep -q '{:' "$page" && fail "an attribute list is shown as text: $(grep -n '{:' "$page")"
grep -q '{{' "$page" && fail "a Liquid tag is shown as text: $(grep -n '{{' "$page")"
assert_contains "$out/blog/rule-changes/index.html" 'href="/docs/guide/changes/#season-2023"'
assert_contains "$out/blog/rule-changes/index.html" 'href="/docs/guide/rigging/">rigging</a>'
# a relative link that names no page from the file's folder (_events/2024/)
# is read from the page's URL (/events/2024/head-race/), as Jekyll's are
assert_contains "$out/events/2024/head-race/index.html" 'href="/events/open-day/"'
# the same from a commit, whose build streams: a body is parsed with its
# front matter unless one of its links needs every page's URL, as this one does
git -C "$site" init -q && git -C "$site" add -A &&
	git -C "$site" -c user.name=t -c user.email=t@example.invalid commit -qm site ||
	fail "cannot commit the site"
"$FOLIO" build --repo "$site" --out "$TEST_DIR/out-git" >"$TEST_DIR/build-git.txt" 2>&1 \
	|| fail "build from the commit failed: $(cat "$TEST_DIR/build-git.txt")"
assert_contains "$TEST_DIR/out-git/events/2024/head-race/index.html" 'href="/events/open-day/"'

# the paths they give are checked: a wrong one is a broken link at its line
sed -i 's|/docs/guide/rigging/|/docs/guide/rigs/|' "$site/docs/guide/changes.md"
sed -i 's|#season-2024|#season-2025|' "$site/_posts/2024-05-01-rule-changes.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should refuse (exit $r): $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'docs/guide/changes.md:5:35: error: link to "/docs/guide/rigs/" points to no page [link/broken]'
assert_contains "$TEST_DIR/check.txt" '_posts/2024-05-01-rule-changes.md:6:23: error: link to "/docs/guide/changes/#season-2025"'
echo "ok"

#!/bin/bash
# Three addresses a Jekyll site's links rely on (kubevirt.io, flink.apache.org):
# - a permalink: with neither a last '/' nor an extension is written as
#   that name and ".html" (permalink: /labs/lab1 is labs/lab1.html, which
#   GitHub Pages also answers at /labs/lab1): links to both are valid, one
#   to /labs/lab1/ (a folder Jekyll never makes) is not;
# - the same holds for an old address a page keeps: redirect_from:
#   /2019/01/02/first-lab.html answers /2019/01/02/first-lab (flink.apache.org
#   links its posts' .html aliases so);
# - "#top" scrolls to the top of a page with no element of that id (the
#   HTML standard): a "back to top" link is valid;
# - a link to a page init leaves out (HTML with Liquid) whose permalink:
#   ends in index.html names that page; in a folder init copies as files,
#   such a page is left out too, not published as its Liquid source.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

jk=$TEST_DIR/site
mkdir -p "$jk/labs" "$jk/pages"
printf 'title: Labs\nurl: https://labs.example\n' >"$jk/_config.yml"
printf -- '---\ntitle: Lab one\npermalink: /labs/kubernetes/lab1\nredirect_from:\n  - /2019/01/02/first-lab.html\n---\n\n## Steps\n\nGo.\n' >"$jk/labs/lab1.md"
printf -- '---\ntitle: Lab two\n---\n\nSee [one](/labs/kubernetes/lab1.html#steps), [again](/labs/kubernetes/lab1), [by its old address](/2019/01/02/first-lab) and [back up](#top).\n' \
	>"$jk/labs/lab2.md"
printf -- '---\ntitle: Community\npermalink: /community/index.html\n---\n{%% for m in site.data.members %%}{{ m }}{%% endfor %%}\n' \
	>"$jk/pages/community.html"
migrate_and_build jekyll "$jk" "$TEST_DIR/out"
assert_contains "$TEST_DIR/out/labs/kubernetes/lab1.html" 'Lab one'
[ ! -e "$TEST_DIR/out/labs/kubernetes/lab1/index.html" ] || fail "lab1 is in a folder Jekyll does not make"
# pages/ holds no Markdown: copied as files, but for the page Jekyll renders
assert_contains "$TEST_DIR/init.txt" 'pages/community.html (a page written in HTML and Liquid, at /community/index.html) is not published'
[ ! -e "$TEST_DIR/out/pages/community.html" ] || fail "the Liquid source of pages/community.html is published"

# the failures a check names
printf -- '---\ntitle: Lab three\n---\n\n[folder](/labs/kubernetes/lab1/), [community](/community), [nowhere](#nowhere) and [old folder](/2019/01/02/first-lab/).\n' \
	>"$jk/labs/lab3.md"
"$FOLIO" check --worktree "$jk" >"$TEST_DIR/check.txt" 2>&1 && fail "a check of broken links passed"
cat "$TEST_DIR/check.txt"
assert_contains "$TEST_DIR/check.txt" 'labs/lab3.md:5:10: error: link to "/labs/kubernetes/lab1/" points to no page'
assert_contains "$TEST_DIR/check.txt" 'link to "/community" points to pages/community.html, which folio.yaml'"'"'s exclude: leaves out'
assert_contains "$TEST_DIR/check.txt" 'has no heading with id "nowhere"'
assert_contains "$TEST_DIR/check.txt" 'link to "/2019/01/02/first-lab/" points to no page'
# a pusher's permalink that climbs out of the site is refused, .html or not
printf -- '---\ntitle: Out\npermalink: /../../etc/lab\n---\n\nx\n' >"$jk/labs/out.md"
"$FOLIO" check --worktree "$jk" >"$TEST_DIR/check.txt" 2>&1 && fail "a permalink out of the site passed"
assert_contains "$TEST_DIR/check.txt" 'labs/out.md:3:12: error: url "/../../etc/lab.html" is not a path of the site'
assert_not_contains "$TEST_DIR/check.txt" 'labs/lab2.md'
echo "ok"

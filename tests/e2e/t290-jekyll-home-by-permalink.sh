#!/bin/bash
# A researcher's site in academicpages' layout (the Jekyll template many
# researchers use for their publications): its home page is
# _pages/about.md, with permalink: /, and _pages/ is a folder _config.yml
# includes. folio refused the page ("url / is not a path of the site"), so
# the site could not be published, and listed _pages/ at /_pages/. A page
# at "/" is now the home page's text, shown by the home template; its old
# addresses redirect there; _pages/ has no list (list: false). A body edit
# of it, published from the state, shows on the home page: the fast path,
# which renders a page's own output, steps aside for it.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/_pages" "$site/_publications" "$site/files"
cat >"$site/_config.yml" <<'YAML'
title: "Jane Doe"
url: https://janedoe.example
include: [_pages]
collections:
  publications:
    output: true
    permalink: /:collection/:path/
YAML
printf -- '---\npermalink: /\ntitle: "About me"\nredirect_from:\n  - /about/\n---\nI study **cooperatives**: see [my paper](/publication/2009-10-01-paper-1) and my [CV](/files/cv.pdf).\n\nOffice hours on Tuesdays.\n' \
	>"$site/_pages/about.md"
printf -- '---\ntitle: "Cooperatives and public policy"\ncollection: publications\npermalink: /publication/2009-10-01-paper-1\ndate: 2009-10-01\nvenue: "Journal of Social Economy"\n---\nBack [home](/).\n' \
	>"$site/_publications/2009-10-01-paper-1.md"
printf '%%PDF' >"$site/files/cv.pdf"

out=$TEST_DIR/out
migrate_and_build jekyll "$site" "$out"
assert_contains "$site/folio.yaml" $'folder: "_pages"\n    url: "/_pages/"\n    # no list of its own, as the generator makes none of these pages\n    list: false'
assert_contains "$out/index.html" '<h1>About me</h1>'
assert_contains "$out/index.html" 'I study <strong>cooperatives</strong>'
assert_contains "$out/index.html" 'href="/publication/2009-10-01-paper-1">my paper</a>'
assert_contains "$out/publication/2009-10-01-paper-1.html" 'Cooperatives and public policy'
assert_contains "$out/about/index.html" 'url=https://janedoe.example/"'
[ ! -e "$out/_pages/index.html" ] || fail "_pages/ has a list"
assert_not_contains "$out/index.json" '"url": "/"'

# published from a state: the home page's text edited, then a paper added
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
# its second paragraph: its summary, so its signature, stays (a body-only edit)
sed -i 's/^Office hours on Tuesdays/Office hours on Thursdays/' "$repo/_pages/about.md"
git -C "$repo" commit -qam "the home page's text"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/index.html" 'Office hours on Thursdays'
sed -i 's/^I study/I teach and study/' "$repo/_pages/about.md"
git -C "$repo" commit -qam "the home page's first paragraph"
publish "$repo" "$pub" "$st" "second publish, again"
assert_contains "$pub/index.html" 'I teach and study'
[ ! -e "$pub/_pages/about/index.html" ] || fail "the home page's text got a page of its own"
same_as_full "$repo" "$pub" "the home page's text edited"
printf -- '---\ntitle: "A second paper"\ncollection: publications\npermalink: /publication/2010-05-01-paper-2\ndate: 2010-05-01\nvenue: "Revue"\n---\nMore.\n' \
	>"$repo/_publications/2010-05-01-paper-2.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a paper"
publish "$repo" "$pub" "$st" "third publish"
same_as_full "$repo" "$pub" "a paper added"
echo "ok"

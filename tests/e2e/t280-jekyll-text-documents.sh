#!/bin/bash
# A Jekyll collection of plain-text documents (choosealicense.com's
# _licenses/mit.txt: front matter, then the licence's text) is output
# page by page at the collection's permalink, /licenses/:path/, the
# file's path with its dots (/licenses/gpl-3.0/). folio read no .txt
# file as a page: every link to a licence was broken, and gpl-3.0 would
# have been /licenses/gpl-3-0/. Now init --from jekyll says text_pages:
# and slug_dots: on such a collection; a text page shows its text as
# written (escaped, preformatted), a link to an anchor on it is left to
# its template (a warning); and a relative permalink: (no-permission/)
# is read from the root, as Jekyll does.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/_licenses" "$site/_notes"
cat >"$site/_config.yml" <<'EOF'
title: Choose a licence
url: https://licences.example
permalink: none
collections:
  licenses:
    output: true
    permalink: /licenses/:path/
  notes:
    output: true
EOF
printf -- '---\ntitle: MIT License\nspdx-id: MIT\n---\n\nMIT License\n\nCopyright (c) [year] <[fullname]>\n\nPermission is hereby granted...\n' \
	>"$site/_licenses/mit.txt"
printf -- '---\ntitle: GNU General Public License v3.0\nspdx-id: GPL-3.0\n---\n\n   GNU GENERAL PUBLIC LICENSE\n   Version 3, 29 June 2007\n' \
	>"$site/_licenses/gpl-3.0.txt"
printf -- '---\ntitle: A note\n---\nNotes.\n' >"$site/_notes/a-note.md"
printf 'no front matter here\n' >"$site/_notes/plain.txt"
printf -- '---\ntitle: With\n---\nfront matter here\n' >"$site/_notes/with.txt"
printf -- '---\ntitle: No permission\npermalink: no-permission/\n---\nWithout a licence, see [MIT](/licenses/mit/) or [GPL](/licenses/gpl-3.0/).\n' \
	>"$site/no-permission.md"
printf -- '---\ntitle: About\n---\n[Opting out](/no-permission/) and [suggesting MIT](/licenses/mit/#suggest-this-license).\n' \
	>"$site/about.md"

"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$TEST_DIR/init.txt" '_licenses: its .txt files are pages of plain text, as Jekyll outputs them (text_pages: true)'
assert_contains "$TEST_DIR/init.txt" '_notes: its .txt files are not all pages'
assert_contains "$TEST_DIR/init.txt" 'collection licenses: 2 pages in _licenses/'
assert_contains "$site/folio.yaml" $'    slug_dots: true\n    # its .txt files with front matter are pages, as Jekyll outputs them\n    text_pages: true'

r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 0 ] || fail "check refused the site (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'about.md:4:'
assert_contains "$TEST_DIR/check.txt" '"_licenses/mit.txt" is plain text, with no heading: only its template can make the id "suggest-this-license": not checked [link/anchor-unchecked]'

out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/licenses/mit/index.html" '<h1>MIT License</h1>'
assert_contains "$out/licenses/mit/index.html" $'<pre><code>\nMIT License'
assert_contains "$out/licenses/mit/index.html" 'Copyright (c) [year] &lt;[fullname]&gt;'
assert_contains "$out/licenses/gpl-3.0/index.html" 'GNU GENERAL PUBLIC LICENSE'
assert_contains "$out/no-permission/index.html" 'Without a licence'
plain=$(cd "$out" && find . -name plain.txt)
[ -n "$plain" ] || fail "a .txt file of a collection without text_pages: was not copied"
assert_contains "$out/$plain" 'no front matter here'

# a relative permalink read from the root never climbs out of the site
printf -- '---\ntitle: Away\npermalink: ../../etc/away/\n---\nGone.\n' >"$site/away.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/away.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a permalink out of the site should be refused (exit $r): $(cat "$TEST_DIR/away.txt")"
assert_contains "$TEST_DIR/away.txt" 'away.md:3:12: error: url "/../../etc/away/" is not a path of the site [slug/invalid]'
echo "ok"

#!/bin/bash
# Links that only Hugo resolves, as its link render hook does: a path in
# capitals (Hugo lowercases section and page URLs, as folio's slugs are),
# a relative path from the page's section ("multilingual/" beside the
# page's file) and from the content root ("methods/page/date/" from any
# page). folio resolves them the same way, checks them (anchors too) and
# writes the page's URL in the HTML; a path that names no page either way
# is still refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_initfrom.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/functions/urls" "$site/content/methods/page" "$site/content/manage" \
	"$site/content/templates"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://lantern.example/"
title = "Lantern"
TOML
page() { # page FILE TITLE BODY
	printf -- '---\ntitle: %s\n---\n%s\n' "$2" "$3" >"$site/content/$1"
}
page functions/urls/PathEscape.md PathEscape 'The inverse of [PathUnescape](/functions/urls/PathUnescape/#usage).'
page functions/urls/PathUnescape.md PathUnescape $'## Usage\n\nSee [PathEscape](/functions/urls/PathEscape/).'
page methods/page/Date.md Date '## Examples'
page manage/multilingual.md Multilingual '## Menus'
page manage/menus.md Menus 'Menus per language: see [multilingual](multilingual/#menus).'
page templates/intro.md Intro 'Read [the date](methods/page/date/#examples) and [its capitals](methods/page/Date/).'
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'hugo_links: true'

"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check refused links Hugo resolves: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/functions/urls/pathescape/index.html" 'href="/functions/urls/pathunescape/#usage"'
assert_contains "$out/functions/urls/pathunescape/index.html" 'href="/functions/urls/pathescape/"'
assert_contains "$out/manage/menus/index.html" 'href="/manage/multilingual/#menus"'
assert_contains "$out/templates/intro/index.html" 'href="/methods/page/date/#examples"'
assert_contains "$out/templates/intro/index.html" 'href="/methods/page/date/"'

# checked as any link: a missing anchor, and a path that names no page
page templates/typo.md Typo $'See [the date](methods/page/Date/#nowhere) and [no page](methods/page/Title/).'
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse the broken links (exit $r)"
assert_contains "$TEST_DIR/check2.txt" \
	'content/templates/typo.md:4:16: error: link to "methods/page/Date/#nowhere": "content/methods/page/Date.md" has no heading with id "nowhere" [link/anchor]'
assert_contains "$TEST_DIR/check2.txt" \
	'content/templates/typo.md:4:58: error: link to "methods/page/Title/" points to no page [link/broken]'

# only a Hugo site's links are read so (a Jekyll page's "docs/x/" is
# relative to its URL, broken in a browser): without hugo_links, refused
rm "$site/content/templates/typo.md"
sed -i 's/^hugo_links: true$/hugo_links: false/' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check3.txt" 2>&1 || r=$?
cat "$TEST_DIR/check3.txt"
[ $r -eq 1 ] || fail "check without hugo_links should refuse the links (exit $r)"
assert_contains "$TEST_DIR/check3.txt" \
	'content/functions/urls/PathEscape.md:4:31: error: link to "/functions/urls/PathUnescape/#usage" points to no page [link/broken]'
assert_contains "$TEST_DIR/check3.txt" \
	'content/templates/intro.md:4:17: error: link to "methods/page/date/#examples" points to no page [link/broken]'
echo "ok"

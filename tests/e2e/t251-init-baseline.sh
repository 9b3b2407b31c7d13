#!/bin/bash
# folio init --from hugo --baseline: a migrated site's defects that Hugo
# published anyway (a broken link, a missing image, a malformed URL) become
# warnings on the pages that have them, written as per-path rules in
# folio.yaml, so the site builds as it did. Each is still reported; a new
# page with the same defect, or a listed page's other rule, is an error; a
# locked rule (a script in a page) is never set aside: its page is left
# out (exclude:, the rule and line beside it), and the link another page
# has to it is baselined in a second check, so that the site builds
# without it (it refused the whole site before). An empty draft: is no
# draft, as Hugo reads it.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/posts" "$site/static/img"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n[markup.goldmark.renderer]\nunsafe = true\n' >"$site/hugo.toml"
post() { printf -- '---\ntitle: %s\ndate: 2024-03-0%s\n%s---\n%s\n' "$2" "$3" "$4" "$5" >"$site/content/posts/$1"; }
post hello.md Hello 1 "" "Fine, see [the other](/posts/other/) and [the script](/posts/script/)."
post other.md Other 2 "" "Fine too."
post "old notes.md" "Old notes" 3 "" "See [gone](/posts/gone/) and ![x](/img/missing.png)."
post '"quoted".md' Quoted 4 "" "A [renamed page](/posts/renamed/)."
post bad-date.md "Bad date" 5 $'publishDate: soon\n' "A date no one can read: warned of, still held."
post script.md Script 6 "" '<script>alert(1)</script>'
post empty-draft.md "Empty draft" 7 $'draft:\n' "Published: Hugo reads an empty draft as false."

# without --from, --baseline is a usage error
r=0; "$FOLIO" init --baseline "$TEST_DIR/new" >/dev/null 2>&1 || r=$?
[ $r -eq 2 ] || fail "init --baseline without --from: exit $r, want 2"

# without --baseline the defects are errors
"$FOLIO" init --from hugo "$site" >/dev/null 2>&1 || fail "init --from hugo failed"
r=0; "$FOLIO" check --worktree "$site" >"$TEST_DIR/c0.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "defects were not refused without --baseline: $(cat "$TEST_DIR/c0.txt")"
assert_contains "$TEST_DIR/c0.txt" 'content/posts/old notes.md:5:12: error: link to "/posts/gone/" points to no page [link/broken]'
assert_not_contains "$TEST_DIR/c0.txt" 'empty-draft.md'

"$FOLIO" init --from hugo --force --baseline "$site" >"$TEST_DIR/init.txt" 2>&1 ||
	fail "init --baseline failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" 'baseline: content/posts/script.md is refused by html/active at line 5, a locked rule no setting lowers: left out (exclude:) until it is fixed'
assert_contains "$TEST_DIR/init.txt" 'baseline: link/broken is a warning on 3 pages, the errors of today'
assert_contains "$TEST_DIR/init.txt" 'baseline: link/asset is a warning on 1 page, the errors of today'
assert_contains "$TEST_DIR/init.txt" 'baseline: front-matter/format is a warning on 1 page, the errors of today'
assert_not_contains "$TEST_DIR/init.txt" 'still refused by a locked rule'
assert_contains "$site/folio.yaml" '      - "content/posts/\"quoted\".md"'
assert_contains "$site/folio.yaml" '      - "content/posts/old notes.md"'
assert_contains "$site/folio.yaml" '  - "content/posts/script.md" # folio init --baseline: refused by html/active at line 5, a locked rule: fix it, then remove this line'
assert_contains "$site/folio.yaml" '      - "content/posts/hello.md"'

# nothing is refused now; every defect is still reported, the script's
# page's absence too
r=0; "$FOLIO" check --worktree "$site" >"$TEST_DIR/c1.txt" 2>&1 || r=$?
[ $r -eq 0 ] || fail "the site is still refused: $(cat "$TEST_DIR/c1.txt")"
assert_not_contains "$TEST_DIR/c1.txt" ': error:'
assert_contains "$TEST_DIR/c1.txt" 'content/posts/hello.md:5:55: warning: link to "/posts/script/" points to no page [link/broken]'
assert_contains "$TEST_DIR/c1.txt" 'content/posts/old notes.md:5:12: warning: link to "/posts/gone/" points to no page [link/broken]'
assert_contains "$TEST_DIR/c1.txt" 'content/posts/old notes.md:5:35: warning: link to "/img/missing.png": no such file in static/ [link/asset]'
assert_contains "$TEST_DIR/c1.txt" '"content/posts/\"quoted\".md":5:18: warning: link to "/posts/renamed/"'
assert_contains "$TEST_DIR/c1.txt" 'content/posts/bad-date.md:4:14: warning: field "publishDate" is not a date'

# the pages build, the empty draft with them; a date folio cannot read
# still holds its page (publishing it early cannot be undone)
"$FOLIO" build --worktree "$site" --out "$TEST_DIR/out" >"$TEST_DIR/b.txt" 2>&1 ||
	fail "build failed: $(cat "$TEST_DIR/b.txt")"
[ ! -e "$TEST_DIR/out/posts/bad-date" ] || fail "a page with an unreadable publishDate was published"
for p in hello other old-notes quoted empty-draft; do
	[ -f "$TEST_DIR/out/posts/$p/index.html" ] || fail "posts/$p was not built: $(ls "$TEST_DIR/out/posts")"
done
[ ! -e "$TEST_DIR/out/posts/script" ] || fail "the page with a script was published"

# a new page with the same defect is refused, and so is another rule's
# defect on a listed page
post new.md New 8 "" "See [gone](/posts/gone/)."
r=0; "$FOLIO" check --worktree "$site" >"$TEST_DIR/c2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a new broken link was not refused: $(cat "$TEST_DIR/c2.txt")"
assert_contains "$TEST_DIR/c2.txt" 'content/posts/new.md:5:12: error: link to "/posts/gone/" points to no page [link/broken]'
rm "$site/content/posts/new.md"
printf -- '\n[anchor](/posts/hello/#nowhere)\n' >>"$site/content/posts/old notes.md"
r=0; "$FOLIO" check --worktree "$site" >"$TEST_DIR/c3.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "another rule on a listed page was not refused: $(cat "$TEST_DIR/c3.txt")"
assert_contains "$TEST_DIR/c3.txt" 'old notes.md:7:10: error:'
assert_contains "$TEST_DIR/c3.txt" '[link/anchor]'
echo ok

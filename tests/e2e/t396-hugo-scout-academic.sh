#!/bin/bash
# Scouts' Hugo round on research groups' sites (Wowchemy, Hugo Blox):
# 1. a held leaf bundle's files (a draft publication's cite.bib) wait with
#    it when a publish from the site model takes a stub of it: an
#    incremental publish wrote them, a full build did not (3dim-website);
# 2. a link to a folder of static/ holding an index.html (a conference's
#    mini-site, /sites/day21/) is valid, as a server sends the index;
# 3. an HTML file without front matter in a leaf bundle (a project's demo
#    page) is copied beside the page, as Hugo copies it; the bundle's own
#    index.html gives way to its index.md (it was output/clash);
# 4. a term's own page (Hugo's content/authors/ana/_index.md) gives no
#    terms: Hugo assigns none to a term's page (a profile's
#    tags: [researchers] made /tags/researchers/), and an incremental
#    publish agrees.
. "$(dirname "$0")/lib.sh"

# 1
s=$TEST_DIR/s
mkdir -p "$s/content/publication/held" "$s/content/publication/other"
printf 'baseURL: https://lab.example/\ntitle: Lab\n' >"$s/config.yaml"
printf -- '---\ntitle: Held\ndate: 2024-01-01\ndraft: true\n---\nText.\n' >"$s/content/publication/held/index.md"
printf '@article{x, title={X}}\n' >"$s/content/publication/held/cite.bib"
printf -- '---\ntitle: Other\ndate: 2024-01-02\nweight: 1\n---\nText.\n' >"$s/content/publication/other/index.md"
"$FOLIO" init --from hugo "$s" >/dev/null 2>&1 || fail "init"
repo=$TEST_DIR/repo out=$TEST_DIR/out st=$TEST_DIR/st
repo_of "$s" "$repo"
publish "$repo" "$out" "$st" "first"
[ ! -e "$out/publication/held" ] || fail "a draft's files were published"
sed -i 's/^weight: 1$/weight: 2/' "$repo/content/publication/other/index.md"
git -C "$repo" commit -qam "reorder"
publish "$repo" "$out" "$st" "reorder"
same_as_full "$repo" "$out" "reorder"
printf -- '---\ntitle: Third\ndate: 2024-01-03\n---\nNew.\n' >"$repo/content/publication/third.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "add"
publish "$repo" "$out" "$st" "add"
same_as_full "$repo" "$out" "add"
[ ! -e "$out/publication/held" ] || fail "a draft's files were published by the site model"

# 2 and 3
h=$TEST_DIR/h
mkdir -p "$h/content/post" "$h/content/project/demo" "$h/static/sites/day21/programme"
printf 'baseURL: https://lab.example/\ntitle: Lab\n' >"$h/config.yaml"
printf '<!DOCTYPE html><html><body>Day 21</body></html>\n' >"$h/static/sites/day21/index.html"
printf '<!DOCTYPE html><html><body>Programme</body></html>\n' >"$h/static/sites/day21/programme/index.html"
printf -- '---\ntitle: Recap\ndate: 2024-01-01\n---\nSee [the site](/sites/day21/), its [programme](/sites/day21/programme), [the file](/sites/day21/index.html).\n' \
	>"$h/content/post/recap.md"
printf -- '---\ntitle: Demo\n---\n[Open the demo](./about.html)\n' >"$h/content/project/demo/index.md"
printf '<!DOCTYPE html>\n<html><body><p>standalone demo</p></body></html>\n' >"$h/content/project/demo/about.html"
cp "$h/content/project/demo/about.html" "$h/content/project/demo/index.html"
migrate_and_build hugo "$h" "$TEST_DIR/out-h"
cmp "$h/content/project/demo/about.html" "$TEST_DIR/out-h/project/demo/about.html" || fail "the demo was not copied"
assert_contains "$TEST_DIR/out-h/project/demo/index.html" "Open the demo"
# a folder without an index.html is still no page
printf -- '---\ntitle: Bad\ndate: 2024-01-02\n---\n[none](/sites/day22/)\n' >"$h/content/post/bad.md"
"$FOLIO" check --worktree "$h" >"$TEST_DIR/bad.txt" 2>&1 && fail "a link to a folder without index.html passed"
assert_contains "$TEST_DIR/bad.txt" 'link to "/sites/day22/" points to no page'

# 4
a=$TEST_DIR/a
mkdir -p "$a/content/authors/ana" "$a/content/post"
printf 'baseURL: https://lab.example/\ntitle: Lab\ntaxonomies: {author: authors, tag: tags}\n' >"$a/config.yaml"
printf -- '---\ntitle: Ana\ntags: [researchers]\n---\nBio.\n' >"$a/content/authors/ana/_index.md"
printf -- '---\ntitle: Paper\ndate: 2024-01-01\nauthors: [ana]\ntags: [optics]\n---\nText.\n' >"$a/content/post/p.md"
"$FOLIO" init --from hugo "$a" >/dev/null 2>&1 || fail "init a"
arepo=$TEST_DIR/arepo aout=$TEST_DIR/aout ast=$TEST_DIR/ast
repo_of "$a" "$arepo"
publish "$arepo" "$aout" "$ast" "terms"
[ -f "$aout/tags/optics/index.html" ] && [ -f "$aout/authors/ana/index.html" ] || fail "a term's page is missing"
[ ! -e "$aout/tags/researchers" ] || fail "a term's own page gave a term"
assert_contains "$aout/authors/ana/index.html" "Bio."
printf -- '---\ntitle: Second\ndate: 2024-01-02\nauthors: [ana]\ntags: [researchers]\n---\nMore.\n' >"$arepo/content/post/q.md"
git -C "$arepo" add -A && git -C "$arepo" commit -qm "a post tagged researchers"
publish "$arepo" "$aout" "$ast" "tagged"
same_as_full "$arepo" "$aout" "tagged"
[ -f "$aout/tags/researchers/index.html" ] || fail "the post's term has no page"
echo "ok"

#!/bin/bash
# Jekyll's default permalink is /:categories/:year/:month/:day/:title.html:
# scala-lang's posts say "category: blog" and are at /blog/2016/.../x.html,
# which folio moved to /2016/.../x.html (91 posts, every link to them
# broken). A document's own permalink: has placeholders too, which Jekyll
# expands (docs.scala-lang's "/overviews/collections/:title.html", 227
# pages written to one literal ":title.html"). And /index.html, the home
# page's file, is a page (Leaflet's posts link it). A post whose categories
# change moves, incrementally as in a full build. defaults: scoped to a
# folder give its pages their permalink (path_permalinks:; the scala3 book
# at /scala3/book/:title.html), and a collection without a permalink
# follows the site's style, as Jekyll's add_permalink_suffix: under the
# default date style, /style/types.html, not /style/types/.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/_posts" "$s/_overviews/coll" "$s/_overviews/book/part" "$s/_style"
cat >"$s/_config.yml" <<'YML'
title: T
url: "https://t.example"
collections:
  overviews:
    output: true
  style:
    output: true
defaults:
  - scope:
      path: "_overviews/book"
    values:
      permalink: "/scala3/book/:title.html"
  - scope:
      path: "_overviews/book/part"
    values:
      permalink: "/scala3/part/:title.html"
YML
printf -- '---\ntitle: Intro\n---\nSee [chapter one](/scala3/book/Chapter-One.html), [two](/scala3/part/two.html) and [types](/style/types.html).\n' \
	>"$s/_overviews/book/Chapter-One.md"
printf -- '---\ntitle: Two\n---\nBack to [one](/scala3/book/Chapter-One.html).\n' >"$s/_overviews/book/part/two.md"
printf -- '---\ntitle: Own\npermalink: /own/\n---\nIts own permalink wins.\n' >"$s/_overviews/book/own.md"
printf -- '---\ntitle: Types\n---\nSee [naming](naming.html).\n' >"$s/_style/types.md"
printf -- '---\ntitle: Naming\n---\nNames.\n' >"$s/_style/naming.md"
printf -- '---\ntitle: Home\n---\nWelcome.\n' >"$s/index.md"
printf -- '---\ntitle: A\ncategory: Blog\n---\nPost A, [home](/index.html).\n' >"$s/_posts/2016-01-02-a.md"
printf -- '---\ntitle: B\ncategories: [news, release]\n---\nSee [a](/blog/2016/01/02/a.html).\n' \
	>"$s/_posts/2016-01-03-b.md"
printf -- '---\ntitle: C\n---\nNo category.\n' >"$s/_posts/2016-01-04-c.md"
# whoever pushes writes categories: one that is not a plain name places nothing
printf -- '---\ntitle: D\ncategories: ["../../etc", "x y", ok]\n---\nD.\n' >"$s/_posts/2016-01-05-d.md"
printf -- '---\ntitle: Arrays\npermalink: /overviews/coll/:title.html\n---\nSee [strings](/overviews/coll/strings.html).\n' \
	>"$s/_overviews/coll/arrays.md"
printf -- '---\ntitle: Strings\npermalink: /overviews/coll/:title:output_ext\n---\nSee [arrays](arrays.html) and [B](/news/release/2016/01/03/b.html).\n' \
	>"$s/_overviews/coll/strings.md"
printf -- '---\ntitle: About\n---\n[home](/index.html), [root](/), [C](/2016/01/04/c.html)\n' >"$s/about.md"
out="$TEST_DIR/out"
migrate_and_build jekyll "$s" "$out" >/dev/null
assert_contains "$s/folio.yaml" 'permalink: "/:categories/:year/:month/:day/:slug/"'
assert_contains "$s/folio.yaml" 'path_permalinks:'
for f in blog/2016/01/02/a.html news/release/2016/01/03/b.html 2016/01/04/c.html ok/2016/01/05/d.html \
	overviews/coll/arrays.html overviews/coll/strings.html scala3/book/Chapter-One.html scala3/part/two.html \
	own/index.html style/types.html style/naming.html; do
	[ -f "$out/$f" ] || fail "no $f: $(cd "$out" && find . -name '*.html' | sort)"
done
[ -e "$out/overviews/coll/:title.html" ] && fail "a placeholder was taken literally"
find "$out" -name '*etc*' -o -name '* *' | grep -q . && fail "an unsafe category made a folder: $(find "$out")"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 || fail "check refused: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "0 errors"

# a post's categories change: it moves, and the link to it is refused
repo="$TEST_DIR/repo" inc="$TEST_DIR/inc" st="$TEST_DIR/state"
repo_of "$s" "$repo"
commit() { git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@x commit -qm "$1"; }
publish "$repo" "$inc" "$st" "base"
sed -i 's/^category: Blog/category: journal/' "$repo/_posts/2016-01-02-a.md" && commit "recategorised"
if "$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$inc" --state "$st" >"$TEST_DIR/inc.txt" 2>&1; then
	fail "a link to the post's old address was published"
fi
assert_contains "$TEST_DIR/inc.txt" 'link to "/blog/2016/01/02/a.html" points to no page'
sed -i 's|/blog/2016/01/02/a.html|/journal/2016/01/02/a.html|' "$repo/_posts/2016-01-03-b.md" && commit "link mended"
publish "$repo" "$inc" "$st" "link mended"
[ -f "$inc/journal/2016/01/02/a.html" ] || fail "the post did not move"
[ -e "$inc/blog/2016/01/02/a.html" ] && fail "the old address stayed"
same_as_full "$repo" "$inc" "recategorised"

# a link to a page init leaves out (HTML with Liquid), at its address
# under Jekyll's default permalink (Leaflet's /reference.html), says so
s3="$TEST_DIR/site3"
mkdir -p "$s3/_posts"
printf 'title: T\nurl: "https://t.example"\n' >"$s3/_config.yml"
printf -- '---\nlayout: default\n---\n<h1>{{ page.title }}</h1>\n' >"$s3/reference.html"
printf -- '---\ntitle: P\n---\nSee [the reference](/reference.html).\n' >"$s3/_posts/2012-07-30-p.md"
"$FOLIO" init --from jekyll "$s3" >/dev/null 2>&1 || fail "init of the third site"
"$FOLIO" check --worktree "$s3" >"$TEST_DIR/check3.txt" 2>&1 && fail "a link to an excluded page passed"
assert_contains "$TEST_DIR/check3.txt" "points to reference.html, which folio.yaml's exclude: leaves out of the site"

# whoever pushes writes permalinks and folio.yaml: a placeholder's
# expansion or a folder's permalink that leaves the site is refused, and
# a path_permalinks folder outside the site is no folder
s4="$TEST_DIR/site4"
mkdir -p "$s4/_docs/x"
printf 'title: T\nurl: "https://t.example"\ncollections:\n  docs:\n    output: true\n' >"$s4/_config.yml"
printf -- '---\ntitle: A\npermalink: /../../../escape/:title.html\n---\nA\n' >"$s4/_docs/a.md"
printf -- '---\ntitle: B\nslug: ".."\npermalink: /docs/:title/:slug.html\n---\nB\n' >"$s4/_docs/b.md"
printf -- '---\ntitle: C\n---\nC\n' >"$s4/_docs/x/c.md"
"$FOLIO" init --from jekyll "$s4" >/dev/null 2>&1 || fail "init of the fourth site"
printf 'path_permalinks:\n  - path: "_docs/x"\n    permalink: "/../../out-of-site/:title.html"\n  - path: "../etc"\n    permalink: "/x/"\n' \
	>>"$s4/folio.yaml"
"$FOLIO" check --worktree "$s4" >"$TEST_DIR/check4.txt" 2>&1 && fail "a permalink leaving the site passed"
assert_contains "$TEST_DIR/check4.txt" 'a path_permalinks entry needs a folder (path:) and a permalink:'
sed -i '/path: "..\/etc"/,+1d' "$s4/folio.yaml"
"$FOLIO" check --worktree "$s4" >"$TEST_DIR/check4.txt" 2>&1 && fail "a permalink leaving the site passed"
assert_contains "$TEST_DIR/check4.txt" 'url "/../../../escape/a.html" is not a path of the site'
assert_contains "$TEST_DIR/check4.txt" 'slug ".." has no letter or digit'
assert_contains "$TEST_DIR/check4.txt" 'url "/../../out-of-site/c.html" is not a path of the site'
"$FOLIO" build --worktree "$s4" --out "$TEST_DIR/out4" >/dev/null 2>&1 && fail "a site with permalinks leaving it was built"
[ -e "$TEST_DIR/escape" ] || [ -e "$TEST_DIR/out-of-site" ] && fail "a file was written outside the output"
echo ok

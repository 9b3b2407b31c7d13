#!/bin/bash
# Under site-wide uglyURLs Hugo writes a taxonomy's pages as files too
# (checked with Hugo 0.111 on this fixture): /tags.html, each term at
# /tags/go.html, its next list pages at /tags/go/page/2.html, its RSS
# staying at /tags/go/index.xml. folio wrote /tags/ and /tags/go/: a blog
# with tags lost each term's address (twenty-sixth pass, Apache Jena's
# empty /tags.html and /categories.html). init --from hugo now writes
# ugly_urls: true on each taxonomy of such a site, and folio puts the
# index, the terms' pages, their pagers, the sitemap's entries and every
# link to them at those files (the taxonomy's RSS naming them too). From
# the state: a post with a new tag, a tag dropped, each publish a full
# build's bytes.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts"
printf 'baseURL = "https://blog.example/"\ntitle = "Blog"\nuglyURLs = true\npaginate = 1\n' >"$s/hugo.toml"
printf -- '---\ntitle: A\ndate: 2024-01-01\ntags: [go, Web Dev]\ncategories: [news]\n---\nAll [go posts](/tags/go.html), [every tag](/tags.html).\n' \
	>"$s/content/posts/a.md"
printf -- '---\ntitle: B\ndate: 2024-01-02\ntags: [go]\n---\nB.\n' >"$s/content/posts/b.md"
o=$TEST_DIR/out
migrate_and_build hugo "$s" "$o" >/dev/null
assert_contains "$s/folio.yaml" 'ugly_urls: true'
for f in tags.html tags/go.html tags/go/page/2.html tags/web-dev.html categories.html categories/news.html \
	tags/go/index.xml posts.html posts/a.html; do
	[ -f "$o/$f" ] || fail "no $f: $(cd "$o" && find . -type f | sort | tr '\n' ' ')"
done
for f in tags/index.html tags/go/index.html tags/go/page/2/index.html categories/news/index.html; do
	[ ! -e "$o/$f" ] || fail "$f is written, which Hugo does not write"
done
assert_contains "$o/tags/go.html" 'href="/tags/go/page/2.html"'
assert_contains "$o/tags.html" 'href="/tags/go.html"'
assert_contains "$o/posts/a.html" 'href="/tags/go.html"'
assert_contains "$o/sitemap.xml" '<loc>https://blog.example/tags/go.html</loc>'
# the taxonomy's RSS stays at /tags/index.xml (t480), its items the files
assert_contains "$o/tags/index.xml" '<link>https://blog.example/tags/go.html</link>'
assert_not_contains "$o/sitemap.xml" 'tags/go/</loc>'
# from the state
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
same_as_full "$r" "$TEST_DIR/pub" "first"
printf -- '---\ntitle: C\ndate: 2024-01-03\ntags: [rust]\n---\nC, see [go](/tags/go.html).\n' >"$r/content/posts/c.md"
git -C "$r" add -A && git -C "$r" commit -qm "a post with a new tag"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "new tag"
[ -f "$TEST_DIR/pub/tags/rust.html" ] || fail "the new tag's page is not at tags/rust.html"
same_as_full "$r" "$TEST_DIR/pub" "new tag"
sed -i 's/^tags: \[go, Web Dev\]$/tags: [go]/' "$r/content/posts/a.md"
git -C "$r" commit -qam "a tag dropped"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "tag dropped"
[ ! -e "$TEST_DIR/pub/tags/web-dev.html" ] || fail "the dropped tag's page is still published"
same_as_full "$r" "$TEST_DIR/pub" "tag dropped"
echo ok

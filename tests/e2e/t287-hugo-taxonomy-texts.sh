#!/bin/bash
# digital.gov keeps its authors' pages in Hugo's taxonomy folder:
# content/authors/_index.md is the text of /authors/, and
# content/authors/<author>/_index.md that of the author's term page, which
# lists their posts below it. folio made content/authors a collection, whose
# pages and list had the term pages' addresses: 571 output/clash errors, and
# the site could not be published. Now a page at a term's address is that
# term's text, and the folder's _index.md the taxonomy page's; a term
# without posts keeps its page. A publish from the state follows an edit of
# the text and a first post that makes a page a term's.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/posts" "$site/content/authors/jane-doe" "$site/content/authors/sam-roe"
printf 'baseURL = "https://gov.example"\ntitle = "Gov"\n[taxonomies]\n  author = "authors"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Our authors\n---\nThe people who write here.\n' >"$site/content/authors/_index.md"
printf -- '---\ntitle: Jane Doe\nagency: GSA\n---\nJane writes about **forms**.\n' >"$site/content/authors/jane-doe/_index.md"
printf -- '---\ntitle: Sam Roe\n---\nSam has not written yet.\n' >"$site/content/authors/sam-roe/_index.md"
printf -- '---\ntitle: Better forms\ndate: 2024-03-01\nauthors: [jane-doe]\n---\nBy [Jane](/authors/jane-doe/).\n' \
	>"$site/content/posts/better-forms.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" $'taxonomies:\n  - "authors"'
# the term page: its text, titled by it, and its posts
assert_contains "$out/authors/jane-doe/index.html" '<h1>Jane Doe</h1>'
assert_contains "$out/authors/jane-doe/index.html" 'Jane writes about <strong>forms</strong>.'
assert_contains "$out/authors/jane-doe/index.html" 'href="/posts/better-forms/">Better forms</a>'
assert_contains "$out/authors/jane-doe/index.html" '<title>Jane Doe — Gov</title>'
# the taxonomy page: its text and its terms
assert_contains "$out/authors/index.html" '<h1>Our authors</h1>'
assert_contains "$out/authors/index.html" 'The people who write here.'
assert_contains "$out/authors/index.html" 'href="/authors/jane-doe/">'
# a term without posts: its text is a page of its own
assert_contains "$out/authors/sam-roe/index.html" 'Sam has not written yet.'
[ "$(grep -c '<loc>https://gov.example/authors/jane-doe/</loc>' "$out/sitemap.xml")" = 1 ] \
	|| fail "the sitemap does not list the term page once"

# published from a state: the text edited, then Sam's first post
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
sed -i 's/^Jane writes about/Jane Doe writes about/' "$repo/content/authors/jane-doe/_index.md"
git -C "$repo" commit -qam "Jane's text"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/authors/jane-doe/index.html" 'Jane Doe writes about'
same_as_full "$repo" "$pub" "a term's text edited"
printf -- '---\ntitle: First post\ndate: 2024-04-01\nauthors: [sam-roe]\n---\nHello.\n' >"$repo/content/posts/first-post.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "Sam's first post"
publish "$repo" "$pub" "$st" "third publish"
assert_contains "$pub/authors/sam-roe/index.html" 'href="/posts/first-post/">First post</a>'
assert_contains "$pub/authors/sam-roe/index.html" 'Sam has not written yet.'
same_as_full "$repo" "$pub" "a page made a term's text"
echo "ok"

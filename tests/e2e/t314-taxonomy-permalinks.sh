#!/bin/bash
# Hugo's taxonomy and term permalinks (carpentries.org's permalinks.yaml:
# term: {tags: /blog/tag/:slug/, authors: /blog/author/:slug},
# taxonomy: {tags: /blog/posts-by-tags}). folio published every term at
# /tags/<term>/: pages linking to /blog/author/x/ were broken, and the old
# addresses moved. A taxonomy of folio.yaml may now be
# {name, url, permalink}; init --from hugo writes them.
. "$(dirname "$0")/lib.sh"

need_feedparser

site=$TEST_DIR/site
mkdir -p "$site/content/posts" "$site/config/_default" "$site/layouts"
printf 'baseURL: https://carp.example/\ntitle: Carp\n' >"$site/hugo.yaml"
cat >"$site/config/_default/permalinks.yaml" <<'YAML'
posts: /blog/:year/:month/:filename/
term:
  tags: /blog/tag/:slug/
  authors: /blog/author/:slug
taxonomy:
  tags: /blog/posts-by-tags
YAML
printf 'tag: tags\nauthor: authors\n' >"$site/config/_default/taxonomies.yaml"
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: One\ndate: 2024-01-05\ntags: [Teaching, R]\nauthors: [Ada Lovelace]\n---\nBy [Ada](/blog/author/ada-lovelace/), on [R](/blog/tag/r/) and [all tags](/blog/posts-by-tags/).\n' \
	>"$site/content/posts/one.md"
printf -- '---\ntitle: Two\ndate: 2024-02-05\ntags: [Teaching]\nauthors: [Alan Turing]\n---\nMore [teaching](/blog/tag/teaching/).\n' \
	>"$site/content/posts/two.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'permalink: "/blog/tag/:slug/"'
assert_contains "$site/folio.yaml" 'url: "/blog/posts-by-tags"'
assert_contains "$site/folio.yaml" 'permalink: "/blog/author/:slug"'
for f in blog/tag/r/index.html blog/tag/teaching/index.html blog/author/ada-lovelace/index.html \
	blog/posts-by-tags/index.html authors/index.html blog/tag/teaching/index.json blog/tag/teaching/atom.xml \
	blog/tag/teaching/index.xml; do
	[ -f "$out/$f" ] || fail "no $f: $(cd "$out" && find . -path '*tag*' -o -path '*author*' | head -20)"
done
[ ! -e "$out/tags" ] || fail "terms still published at /tags/"
assert_contains "$out/blog/posts-by-tags/index.html" 'href="/blog/tag/teaching/"'
assert_contains "$out/blog/tag/teaching/index.html" 'href="/blog/2024/02/two/"'
assert_contains "$out/sitemap.xml" 'https://carp.example/blog/author/alan-turing/'
feed_check atom "$out/blog/tag/teaching/atom.xml" >"$TEST_DIR/atom.txt" || fail "the term's Atom feed is no valid feed"
assert_contains "$TEST_DIR/atom.txt" "Two|https://carp.example/blog/2024/02/two/"
# a link to a term's old address, or to no folder of a taxonomy, is broken
printf -- '---\ntitle: Two\ndate: 2024-02-05\ntags: [Teaching]\n---\nOld [teaching](/tags/teaching/).\n' \
	>"$site/content/posts/two.md"
! "$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "a link to /tags/teaching/ passed"
assert_contains "$TEST_DIR/check.txt" 'link to "/tags/teaching/"'

# folio.yaml: a permalink without :slug, a url that is no folder, two
# taxonomies in one folder, an unknown setting
repo=$TEST_DIR/repo
mkdir -p "$repo/posts"
cat >"$repo/folio.yaml" <<'YAML'
title: Blog
base_url: https://blog.example
taxonomies:
  - {name: tags, permalink: /blog/tag/:year/}
  - {name: series, url: "/a b/"}
  - {name: topics, permalink: /tags/:slug/}
  - {name: labels, colour: red}
  - {name: authors, permalink: /posts/:slug/}
collections:
  - name: posts
    sort: -date
    date_field: date
YAML
printf -- '---\ntitle: x\ndate: 2024-01-01\n---\nx\n' >"$repo/posts/x.md"
! "$FOLIO" check --worktree "$repo" >"$TEST_DIR/bad.txt" 2>&1 || fail "bad taxonomies passed"
assert_contains "$TEST_DIR/bad.txt" 'taxonomy "tags": its permalink: is not a folder and :slug'
assert_contains "$TEST_DIR/bad.txt" 'taxonomy "series": its url: is no folder of the site'
assert_contains "$TEST_DIR/bad.txt" 'unknown setting "colour" of a taxonomy'
assert_contains "$TEST_DIR/bad.txt" "taxonomy \"authors\" would publish its pages in a collection's folder"
sed -i 's|{name: tags, permalink: /blog/tag/:year/}|tags|' "$repo/folio.yaml"
! "$FOLIO" check --worktree "$repo" >"$TEST_DIR/bad.txt" 2>&1 || fail "bad taxonomies passed"
assert_contains "$TEST_DIR/bad.txt" "taxonomy \"topics\" would publish its pages where \"tags\"'s are"

# published from a state: a new term, then a term gone
repo2=$TEST_DIR/repo2
repo_of "$site" "$repo2"
git -C "$repo2" checkout -q -- . 2>/dev/null
printf -- '---\ntitle: Two\ndate: 2024-02-05\ntags: [Teaching]\nauthors: [Alan Turing]\n---\nMore.\n' \
	>"$repo2/content/posts/two.md"
git -C "$repo2" commit -qam "the link mended"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo2" "$pub" "$st" "first publish"
printf -- '---\ntitle: Three\ndate: 2024-03-05\ntags: [Python]\nauthors: [Ada Lovelace]\n---\nThree.\n' \
	>"$repo2/content/posts/three.md"
git -C "$repo2" add -A && git -C "$repo2" commit -qm "a new term"
publish "$repo2" "$pub" "$st" "a new term"
assert_contains "$pub/blog/tag/python/index.html" 'href="/blog/2024/03/three/"'
same_as_full "$repo2" "$pub" "a new term"
git -C "$repo2" rm -q content/posts/three.md
git -C "$repo2" commit -qm "the term gone"
publish "$repo2" "$pub" "$st" "a term gone"
[ ! -e "$pub/blog/tag/python" ] || fail "the gone term's page stayed"
same_as_full "$repo2" "$pub" "a term gone"
echo "ok"

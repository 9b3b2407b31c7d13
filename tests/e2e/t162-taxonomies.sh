#!/bin/bash
# taxonomies: [tags, categories]: a page per term (/tags/<term>/, paginated),
# its JSON Feed, Atom and RSS, an index of terms (/tags/), term slugs by the
# page slug rule, rel=tag links on pages, the sitemap; an incremental build
# after a tag change and a new term equals a full build; folio.yaml
# mistakes are findings.
. "$(dirname "$0")/lib.sh"

need_feedparser

repo=$TEST_DIR/repo
mkdir -p "$repo/posts" "$repo/notes"
cat >"$repo/folio.yaml" <<'YAML'
title: Blog
base_url: https://blog.example
language: en
page_size: 2
# pages cut as Hugo cuts them: page 2 of three items is tested below
pagination: shift
taxonomies: [tags, categories]
collections:
  - name: posts
    label: Posts
    template: page
    sort: -date
    date_field: date
  - name: notes
    label: Notes
    template: page
YAML
post() { # post FILE DATE TAGS [CATEGORY]
	printf -- '---\ntitle: %s\ndate: %s\ntags: %s\n%s---\nText of %s.\n' \
		"$(basename "$1" .md)" "$2" "$3" "${4:+categories: $4
}" "$1" >"$repo/$1"
}
post posts/a.md 2024-01-01 '[Go, "C++"]' Tech
post posts/b.md 2024-02-01 '[go, Zürich]'
post posts/c.md 2024-03-01 '[Go]' Tech
printf -- '---\ntitle: n\ntags: zurich\n---\nSee [Go](/tags/go/) and [all tags](/tags/).\n' >"$repo/notes/n.md"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm site
out=$TEST_DIR/out
"$FOLIO" build --repo "$repo" --out "$out" --state "$TEST_DIR/state" >"$TEST_DIR/b1.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b1.txt")"

# one term per slug, named as the first page in path order writes it
for f in tags/index.html tags/go/index.html tags/go/page/2/index.html tags/c/index.html \
	tags/zurich/index.html categories/index.html categories/tech/index.html \
	tags/go/index.json tags/go/atom.xml tags/go/index.xml; do
	[ -f "$out/$f" ] || fail "no $f"
done
[ -e "$out/tags/go/page/3" ] && fail "a third page for three items, two a page"
assert_contains "$out/tags/index.html" '<a href="/tags/go/">Go</a> <span class="meta">(3)</span>'
# notes/n.md comes first in path order: its spelling names the term
assert_contains "$out/tags/index.html" '<a href="/tags/zurich/">zurich</a> <span class="meta">(2)</span>'
assert_contains "$out/tags/index.html" '<a href="/tags/c/">C++</a> <span class="meta">(1)</span>'
# newest first, paginated
grep -o 'href="/posts/[a-z]/"' "$out/tags/go/index.html" | tr '\n' ' ' >"$TEST_DIR/p1.txt"
[ "$(cat "$TEST_DIR/p1.txt")" = 'href="/posts/c/" href="/posts/b/" ' ] || fail "page 1 of go: $(cat "$TEST_DIR/p1.txt")"
assert_contains "$out/tags/go/index.html" 'rel="next" href="/tags/go/page/2/"'
assert_contains "$out/tags/go/page/2/index.html" 'href="/posts/a/"'
assert_contains "$out/tags/go/index.html" 'type="application/atom+xml" title="Go (Atom)" href="/tags/go/atom.xml"'
# the pages link their terms
assert_contains "$out/posts/b/index.html" '<a class="term" rel="tag" href="/tags/zurich/">Zürich</a>'
assert_contains "$out/posts/a/index.html" '<a class="term" rel="tag" href="/categories/tech/">Tech</a>'
# feeds, by a real parser
feed_check atom "$out/tags/go/atom.xml" >"$TEST_DIR/atom.txt" \
	|| fail "tags/go/atom.xml refused"
feed_check rss "$out/tags/go/index.xml" >/dev/null \
	|| fail "tags/go/index.xml refused"
cut -d'|' -f2 "$TEST_DIR/atom.txt" | tr '\n' ' ' >"$TEST_DIR/atom-links.txt"
[ "$(cat "$TEST_DIR/atom-links.txt")" = 'https://blog.example/posts/c/ https://blog.example/posts/b/ ' ] \
	|| fail "Atom of go: $(cat "$TEST_DIR/atom-links.txt")"
"$PY" - "$out/tags/go/index.json" <<'PY' || fail "tags/go/index.json"
import json, sys
f = json.load(open(sys.argv[1]))
assert f["version"] == "https://jsonfeed.org/version/1.1", f["version"]
assert f["feed_url"] == "https://blog.example/tags/go/index.json", f["feed_url"]
assert [i["url"] for i in f["items"]] == ["https://blog.example/posts/c/", "https://blog.example/posts/b/"], f["items"]
assert f["items"][0]["content_text"] == "Text of posts/c.md.", f["items"][0]
PY
for u in /tags/ /tags/go/ /tags/zurich/ /categories/tech/; do
	assert_contains "$out/sitemap.xml" "<loc>https://blog.example$u</loc>"
done
assert_not_contains "$out/sitemap.xml" '/tags/go/page/2/'

# a tag changed and a new term: the incremental build is the full one
post posts/c.md 2024-03-01 '[Rust]' Tech
post posts/d.md 2024-04-01 '[Go, "Nouveau terme"]'
git -C "$repo" add -A && git -C "$repo" commit -qm "tags changed"
"$FOLIO" build --repo "$repo" --out "$out" --state "$TEST_DIR/state" >"$TEST_DIR/b2.txt" 2>&1 \
	|| fail "incremental build failed: $(cat "$TEST_DIR/b2.txt")"
[ -f "$out/tags/nouveau-terme/index.html" ] || fail "no page for the new term"
[ -f "$out/tags/rust/atom.xml" ] || fail "no feed for the new term"
assert_contains "$out/tags/index.html" '<a href="/tags/rust/">Rust</a> <span class="meta">(1)</span>'
same_as_full "$repo" "$out" "the incremental build"
# a term no page gives any more is gone
post posts/d.md 2024-04-01 '[Go]'
git -C "$repo" commit -qam "term dropped"
"$FOLIO" build --repo "$repo" --out "$out" --state "$TEST_DIR/state" >/dev/null 2>&1 || fail "build 3 failed"
[ -e "$out/tags/nouveau-terme" ] && fail "the dropped term's pages stay"

# folio.yaml mistakes
sed -i 's/^taxonomies: .*/taxonomies: [tags, posts, "Bad Name", tags]/' "$repo/folio.yaml"
git -C "$repo" commit -qam "bad taxonomies"
r=0
"$FOLIO" check --repo "$repo" >"$TEST_DIR/bad.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "bad taxonomies pass (exit $r): $(cat "$TEST_DIR/bad.txt")"
assert_contains "$TEST_DIR/bad.txt" "taxonomy \"posts\" would publish its pages in a collection's folder"
assert_contains "$TEST_DIR/bad.txt" 'a taxonomy name must be [a-z0-9_-]+, starting with a letter or a digit'
assert_contains "$TEST_DIR/bad.txt" 'duplicate taxonomy "tags"'
echo ok

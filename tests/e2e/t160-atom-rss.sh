#!/bin/bash
# Atom 1.0 and RSS 2.0 beside the JSON Feed of each collection
# (<folder>/atom.xml, <folder>/index.xml): read by a real feed parser
# (feedparser) and by xmllint; text escaped, dates in RFC 3339 and RFC 822
# with their offsets, absolute URLs, the feeds linked from the list pages;
# an incremental build rewrites them when an item's title changes.
. "$(dirname "$0")/lib.sh"

need_feedparser
command -v xmllint >/dev/null || fail "no xmllint: run scripts/install-deps.sh --test"

site=$TEST_DIR/site
mkdir -p "$site/posts"
cat >"$site/folio.yaml" <<'YAML'
title: Tom & Jerry's <Blog>
base_url: https://blog.example/sub
language: en
page_size: 2
collections:
  - name: posts
    label: Posts & notes
    template: page
    sort: -date
    date_field: date
YAML
cat >"$site/posts/first.md" <<'MD'
---
title: "Fish & <chips> \"quoted\""
date: 2024-01-31
---
Salt & vinegar, `<b>` not HTML.
MD
cat >"$site/posts/second.md" <<'MD'
---
title: Café à Zürich
date: "2024-03-10T09:30:00+02:00"
---
Second text.
MD
cat >"$site/posts/third.md" <<'MD'
---
title: Third
date: "2024-02-29T23:15:07Z"
---
Third text.
MD
make_repo "$TEST_DIR/repo" "$site"
out=$TEST_DIR/out
"$FOLIO" build --repo "$TEST_DIR/repo" --out "$out" --state "$TEST_DIR/state" >"$TEST_DIR/b1.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b1.txt")"

for f in posts/atom.xml posts/index.xml; do
	[ -f "$out/$f" ] || fail "no $f"
	xmllint --noout "$out/$f" || fail "$f is not well-formed XML"
done
feed_check atom "$out/posts/atom.xml" >"$TEST_DIR/atom.txt" || fail "atom.xml refused"
feed_check rss "$out/posts/index.xml" >"$TEST_DIR/rss.txt" || fail "index.xml refused"
# the first page_size items, newest first; offsets kept (09:30+02:00 is 07:30 UTC)
cat >"$TEST_DIR/want.txt" <<'TXT'
Café à Zürich|https://blog.example/sub/posts/second/|2024-03-10T07:30:00Z|Second text.
Third|https://blog.example/sub/posts/third/|2024-02-29T23:15:07Z|Third text.
TXT
diff -u "$TEST_DIR/want.txt" "$TEST_DIR/atom.txt" || fail "Atom entries differ"
diff -u "$TEST_DIR/want.txt" "$TEST_DIR/rss.txt" || fail "RSS items differ"
assert_contains "$out/posts/atom.xml" '<published>2024-03-10T09:30:00+02:00</published>'
assert_contains "$out/posts/index.xml" '<pubDate>Sun, 10 Mar 2024 09:30:00 +0200</pubDate>'
assert_contains "$out/posts/index.xml" '<pubDate>Thu, 29 Feb 2024 23:15:07 +0000</pubDate>'
assert_contains "$out/posts/atom.xml" '<updated>2024-03-10T09:30:00+02:00</updated>'
assert_contains "$out/posts/atom.xml" '<title>Posts &amp; notes — Tom &amp; Jerry&#39;s &lt;Blog&gt;</title>'
assert_contains "$out/posts/atom.xml" 'href="https://blog.example/sub/posts/atom.xml"'
assert_contains "$out/posts/index.xml" 'href="https://blog.example/sub/posts/index.xml"'

# the list page links all three feeds (under the base path)
for t in 'application/atom+xml' 'application/rss+xml' 'application/feed+json'; do
	assert_contains "$out/posts/index.html" "type=\"$t\""
done
assert_contains "$out/posts/index.html" 'href="/sub/posts/atom.xml"'
assert_contains "$out/posts/index.html" 'href="/sub/posts/index.xml"'

# a link to a feed is a link to a page of the site
printf '\n[Atom](/posts/atom.xml) and [RSS](/posts/index.xml)\n' >>"$TEST_DIR/repo/posts/third.md"
# an older item's title with characters to escape, now in the first two
sed -i 's/^date: 2024-01-31/date: 2024-12-24/; s/^title: .*/title: "Fish \& <chips> \\"quoted\\""/' \
	"$TEST_DIR/repo/posts/first.md"
git -C "$TEST_DIR/repo" commit -qam "first is newest"
"$FOLIO" build --repo "$TEST_DIR/repo" --out "$out" --state "$TEST_DIR/state" >"$TEST_DIR/b2.txt" 2>&1 \
	|| fail "incremental build failed: $(cat "$TEST_DIR/b2.txt")"
feed_check atom "$out/posts/atom.xml" >"$TEST_DIR/atom2.txt" || fail "atom.xml refused after the change"
feed_check rss "$out/posts/index.xml" >"$TEST_DIR/rss2.txt" || fail "index.xml refused after the change"
cat >"$TEST_DIR/want2.txt" <<'TXT'
Fish & <chips> "quoted"|https://blog.example/sub/posts/first/|2024-12-24T00:00:00Z|Salt & vinegar, <b> not HTML.
Café à Zürich|https://blog.example/sub/posts/second/|2024-03-10T07:30:00Z|Second text.
TXT
diff -u "$TEST_DIR/want2.txt" "$TEST_DIR/atom2.txt" || fail "Atom not rebuilt by the incremental build"
diff -u "$TEST_DIR/want2.txt" "$TEST_DIR/rss2.txt" || fail "RSS not rebuilt by the incremental build"
# and the incremental result is the full one
same_as_full "$TEST_DIR/repo" "$out" "the incremental build"
echo ok

#!/bin/bash
# Jekyll reads neither publish_date nor expiry_date (in any spelling): on
# a migrated Jekyll site (jekyll_rules: true) they are the page's own
# fields, which its templates show. Sinatra's blog writes
# "publish_date: Thursday, March 3, 2011" on each of its 16 posts: folio
# read it as a publish date it could not parse, a front-matter/format
# error that held every post as a draft, so the build was refused, and
# with init --baseline the blog and its feed.xml were empty.
# 1. Such a Jekyll site builds with no finding: its posts, their list and
#    feed.xml are there, a parseable publishDate in the future or an
#    expiry_date in the past holds nothing; published: false and
#    draft: true still hold a post.
# 2. A Hugo site (and folio's own) still schedules with the same keys:
#    a publishDate to come holds the page, an unreadable one is an error.
# 3. Incremental publishes equal full builds; a state of version 9 whose
#    records name such a key (the old folio held those posts) is migrated:
#    the next publish, a static file added, loads the whole site.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/j
mkdir -p "$j/_posts" "$j/_layouts"
printf 'markdown: kramdown\nurl: https://sinatra.example\n' >"$j/_config.yml"
printf -- '---\n---\n<html><body>{{ content }}</body></html>\n' >"$j/_layouts/default.html"
printf -- '---\nlayout: default\n---\n<h1>{{ page.title }}</h1>\n<p>on {{ page.publish_date }}</p>\n{{ content }}\n' \
	>"$j/_layouts/post.html"
post() { # post FILE TITLE EXTRA-LINE
	printf -- '---\nlayout: post\ntitle: "%s"\nauthor: Someone\n%s\n---\nText of %s.\n' "$2" "$3" "$2" >"$j/_posts/$1"
}
post 2011-03-03-blog-revived.markdown "Blog Revived" "publish_date: Thursday, March 3, 2011"
post 2013-03-15-release.markdown "Release" "publish_date: Friday, March 15, 2013"
post 2014-01-01-later.markdown "Later" "publishDate: 2999-01-01"
post 2015-01-01-gone.markdown "Gone" "expiry_date: 2001-01-01"
post 2016-01-01-unpublished.markdown "Unpublished" "published: false"
post 2017-01-01-draft.markdown "Drafted" "draft: true"
printf -- '---\nlayout: nil\n---\n<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<title>S</title>\n{%% for post in site.posts %%}<entry><title>{{ post.title }}</title></entry>\n{%% endfor %%}\n</feed>\n' \
	>"$j/feed.xml"

# 1
migrate_and_build jekyll "$j" "$TEST_DIR/out"
assert_contains "$j/folio.yaml" "jekyll_rules: true"
o=$TEST_DIR/out
assert_not_contains "$TEST_DIR/build.txt" "front-matter/format"
assert_not_contains "$TEST_DIR/build.txt" "publish_date"
for p in 2011/03/03/blog-revived 2013/03/15/release 2014/01/01/later 2015/01/01/gone; do
	[ -f "$o/$p.html" ] || fail "1: $p.html was not published"
done
for p in 2016/01/01/unpublished 2017/01/01/draft; do
	[ ! -e "$o/$p.html" ] || fail "1: $p.html was published, its front matter holds it"
done
python3 - "$o/feed.xml" "$o/posts/index.html" <<'PY' || fail "1: the feed or the list does not show the posts"
import re, sys
feed = open(sys.argv[1]).read()
titles = sorted(re.findall(r"<entry>.*?<title[^>]*>([^<]*)</title>", feed, re.S))
assert titles == ["Blog Revived", "Gone", "Later", "Release"], titles
listed = open(sys.argv[2]).read()
for t in ("Blog Revived", "Release", "Later", "Gone"):
    assert t in listed, t
for t in ("Unpublished", "Drafted"):
    assert t not in listed, t
PY
# the key is the page's data, as written (index.json gives a page's fields)
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || fail "1: check refused the site: $(cat "$TEST_DIR/check.txt")"
assert_not_contains "$TEST_DIR/check.txt" "front-matter/"

# 2
h=$TEST_DIR/h
mkdir -p "$h/content/posts"
printf 'baseURL = "https://hugo.example/"\ntitle = "H"\n' >"$h/hugo.toml"
printf -- '---\ntitle: Now\ndate: 2020-01-01\n---\nx\n' >"$h/content/posts/now.md"
printf -- '---\ntitle: Later\ndate: 2020-01-02\npublishDate: 2999-01-01\n---\nx\n' >"$h/content/posts/later.md"
migrate_and_build hugo "$h" "$TEST_DIR/hout"
assert_not_contains "$h/folio.yaml" "jekyll_rules"
[ -f "$TEST_DIR/hout/posts/now/index.html" ] || fail "2: the Hugo post was not published"
[ ! -e "$TEST_DIR/hout/posts/later/index.html" ] || fail "2: a Hugo publishDate to come was published"
assert_not_contains "$TEST_DIR/hout/posts/index.html" "Later"
printf -- '---\ntitle: Odd\ndate: 2020-01-03\npublishdate: Thursday, March 3, 2011\n---\nx\n' >"$h/content/posts/odd.md"
if "$FOLIO" build --worktree "$h" --out "$TEST_DIR/hout2" >"$TEST_DIR/hbuild.txt" 2>&1; then
	fail "2: a Hugo publishdate folio cannot read was published"
fi
assert_contains "$TEST_DIR/hbuild.txt" "front-matter/format"

# 3
r=$TEST_DIR/repo
repo_of "$j" "$r"
st=$TEST_DIR/state pub=$TEST_DIR/pub
publish "$r" "$pub" "$st" "3: first"
same_as_full "$r" "$pub" "3: first"
sed -i 's/^Text of Release./Release, edited./' "$r/_posts/2013-03-15-release.markdown"
git -C "$r" commit -qam "a post edited"
publish "$r" "$pub" "$st" "3: edit"
same_as_full "$r" "$pub" "3: edit"
post 2018-01-01-added.markdown "Added" "publish_date: Monday, January 1, 2018"
cp "$j/_posts/2018-01-01-added.markdown" "$r/_posts/"
git -C "$r" add -A && git -C "$r" commit -qm "a post added"
publish "$r" "$pub" "$st" "3: add"
assert_contains "$pub/feed.xml" "<title>Added</title>"
same_as_full "$r" "$pub" "3: add"
# a version 9 state, as the folio before wrote it: the posts named by
# publish_date held (status 1, a draft), with no page, output or file
db=$st/state.sqlite
sqlite3 "$db" "UPDATE records SET status = 1, publish_at = NULL WHERE meta LIKE '%\"publish_date\":%';
	DELETE FROM pages WHERE path IN (SELECT path FROM records WHERE status = 1);
	DELETE FROM outputs WHERE path LIKE '20%';
	DROP INDEX outputs_folded; ALTER TABLE outputs DROP COLUMN folded; PRAGMA user_version = 9;" || fail "3: cannot take the state back to version 9"
rm -rf "$pub/2011" "$pub/2013" "$pub/2018"
mkdir -p "$r/css" && echo "body{}" >"$r/css/site.css"
git -C "$r" add -A && git -C "$r" commit -qm "a static file"
publish "$r" "$pub" "$st" "3: after the migration"
[ "$(sqlite3 "$db" 'PRAGMA user_version')" -ge 10 ] || fail "3: the state was not migrated"
[ -f "$pub/2011/03/03/blog-revived.html" ] || fail "3: the migrated state kept the post held"
same_as_full "$r" "$pub" "3: after the migration"
# and a version 9 state with no such key is kept: the fast path goes on
k=$TEST_DIR/k
mkdir -p "$k/_posts"
printf 'url: https://plain.example\n' >"$k/_config.yml"
printf -- '---\ntitle: Plain\n---\nx\n' >"$k/_posts/2020-01-01-plain.md"
"$FOLIO" init --from jekyll "$k" >/dev/null 2>&1 || fail "3: init of the plain site failed"
repo_of "$k" "$TEST_DIR/krepo"
publish "$TEST_DIR/krepo" "$TEST_DIR/kpub" "$TEST_DIR/kstate" "3: plain"
sqlite3 "$TEST_DIR/kstate/state.sqlite" "DROP INDEX outputs_folded; ALTER TABLE outputs DROP COLUMN folded; PRAGMA user_version = 9;"
echo "p{}" >"$TEST_DIR/krepo/x.css"
git -C "$TEST_DIR/krepo" add -A && git -C "$TEST_DIR/krepo" commit -qm "a static file"
"$FOLIO" build --repo "$TEST_DIR/krepo" --rev HEAD --out "$TEST_DIR/kpub" --state "$TEST_DIR/kstate" \
	>"$TEST_DIR/kpublish.txt" 2>&1 || fail "3: plain, migrated: publish failed: $(cat "$TEST_DIR/kpublish.txt")"
assert_contains "$TEST_DIR/kpublish.txt" "fast path"
same_as_full "$TEST_DIR/krepo" "$TEST_DIR/kpub" "3: plain, migrated"
echo ok

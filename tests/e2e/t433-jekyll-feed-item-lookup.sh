#!/bin/bash
# A Liquid feed that looks up one item of a data file inside its loop
# ({% assign person = site.data.people[post.author] %}, for the author's
# name) still lists what its loop names, site.posts: NeoMutt's feed.xml.
# init read the lookup as a source the feed lists, named site.data.people
# no dated collection and kept no feed at /feed.xml, so the links to
# /feed.xml were refused. A loop over a data file is still not kept.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts" "$j/_data" "$j/_distro"
printf 'title: Mail\nurl: https://mail.example\npermalink: /:year/:month/:day/:title\ncollections:\n  distro:\n    output: true\n' >"$j/_config.yml"
printf 'flatcap:\n  name: Rich\n' >"$j/_data/people.yml"
cat >"$j/feed.xml" <<'XML'
---
layout: null
---
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>{{ site.title | xml_escape }}</title>
    {% for post in site.posts limit:4 %}
      <item>
        <title>{{ post.title | xml_escape }}</title>
        {% assign person = site.data.people[post.author] %}
        <author>{{ person.name }}</author>
        <link>{{ site.url }}{{ post.url }}</link>
      </item>
    {% endfor %}
  </channel>
</rss>
XML
printf -- '---\ntitle: News\nauthor: flatcap\n---\nText.\n' >"$j/_posts/2016-04-08-news.md"
printf -- '---\ntitle: Fedora\n---\nWatch [the news feed](https://mail.example/feed.xml).\n' >"$j/_distro/fedora.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_not_contains "$TEST_DIR/init.txt" "it lists site.data.people"
assert_contains "$out/feed.xml" '<rss'
assert_contains "$out/feed.xml" '/2016/04/08/news.html'
grep -q '^    size: 4$' "$j/folio.yaml" || fail "the loop's limit is not the feed's size"

# a feed whose loop reads a data file is not kept, as before
sed -i 's/for post in site.posts limit:4/for post in site.data.people/' "$j/feed.xml"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$TEST_DIR/init2.txt" 'feed.xml: its feed is not kept at /feed.xml: it lists site.data.people'
echo "ok"

#!/bin/bash
# Beautiful Jekyll's feed.xml, an RSS feed of site.posts in Liquid, opens
# its loop with {% assign excerpt_length = site.excerpt_length | default: 50 %},
# a number the items' descriptions read. init took that assign for the
# list the loop goes over, found no dated collection "excerpt_length",
# and kept no feed: /feed.xml, which a French hiking association's pages
# link, was a 404 on folio's site. An assign is the loop's source only
# when a loop goes over its variable ({% assign news = site.posts %}
# then {% for post in news %}, still read).
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts"
printf 'title: Amis du Salève\nurl: https://amis.example\nlang: fr\npermalink: /:year-:month-:day-:title/\n' >"$j/_config.yml"
cat >"$j/feed.xml" <<'XML'
---
layout: null
---
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>{{ site.title | xml_escape }}</title>
    {% assign excerpt_length = site.excerpt_length | default: 50 %}
    {% for post in site.posts limit:20 %}
      <item>
        <title>{{ post.title | xml_escape }}</title>
        <description>{{ post.content | strip_html | truncatewords: excerpt_length }}</description>
        <link>{{ post.url | absolute_url }}</link>
      </item>
    {% endfor %}
  </channel>
</rss>
XML
printf -- '---\ntitle: Rapport annuel 2024\n---\nLes randonnées de l’année.\n' >"$j/_posts/2025-01-15-rapport-annuel-2024.md"
printf -- '---\ntitle: Rapport annuel 2023\n---\nUne belle saison.\n' >"$j/_posts/2024-02-29-rapport-annuel-2023.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_not_contains "$TEST_DIR/init.txt" 'site.excerpt_length'
[ -f "$out/feed.xml" ] || fail "no /feed.xml: $(grep -F feed "$TEST_DIR/init.txt")"
grep -qF '<rss' "$out/feed.xml" || fail "/feed.xml is not RSS, as the site's"
for u in 2025-01-15-rapport-annuel-2024 2024-02-29-rapport-annuel-2023; do
	grep -qF "https://amis.example/$u/" "$out/feed.xml" || fail "the feed lacks /$u/"
done

# an assign a loop does go over is still the feed's source
k=$TEST_DIR/site2
cp -r "$j" "$k"
sed -i 's|{% assign excerpt_length = site.excerpt_length \| default: 50 %}|{% assign billets = site.billets %}|; s|{% for post in site.posts limit:20 %}|{% for post in billets limit:20 %}|' "$k/feed.xml"
"$FOLIO" init --force --from jekyll "$k" >"$TEST_DIR/init2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$TEST_DIR/init2.txt" 'it lists site.billets'
echo "ok"

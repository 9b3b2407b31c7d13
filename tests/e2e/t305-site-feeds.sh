#!/bin/bash
# The feeds of a whole site, kept at the addresses subscribers know:
# jekyll-feed's /feed.xml (posts, posts_limit), a feed a Liquid file at the
# top made (Lanyon's atom.xml, an rss.xml), Hugo's RSS of the home page
# (/index.xml: every dated section merged by date, rssLimit, each language).
# folio wrote a feed per collection only, so a migrated blog's subscribers
# lost theirs and links to /feed.xml were broken. Read by a real feed
# parser; published from a state as a full build writes it; folio.yaml's
# feeds: refuses addresses outside the site or taken.
. "$(dirname "$0")/lib.sh"

need_feedparser

# ---- Jekyll with jekyll-feed
jk=$TEST_DIR/jekyll
mkdir -p "$jk/_posts" "$jk/_layouts"
cat >"$jk/_config.yml" <<'YAML'
title: Notes
url: https://notes.example
plugins:
  - jekyll-feed
feed:
  posts_limit: 2
YAML
printf '<html>{{ content }}</html>' >"$jk/_layouts/default.html"
printf -- '---\ntitle: First\n---\nOne.\n' >"$jk/_posts/2024-01-05-first.md"
printf -- '---\ntitle: Second\n---\nTwo.\n' >"$jk/_posts/2024-02-05-second.md"
printf -- '---\ntitle: Third\n---\nThree.\n' >"$jk/_posts/2024-03-05-third.md"
printf -- '---\ntitle: About\n---\nSubscribe to [the feed](/feed.xml).\n' >"$jk/about.md"
jout=$TEST_DIR/jekyll-out
migrate_and_build jekyll "$jk" "$jout"
assert_contains "$jk/folio.yaml" 'url: "/feed.xml"'
assert_contains "$jk/folio.yaml" 'size: 2'
feed_check atom "$jout/feed.xml" >"$TEST_DIR/jfeed.txt" || fail "/feed.xml is not a valid Atom feed"
cat "$TEST_DIR/jfeed.txt"
[ "$(cut -d'|' -f1 "$TEST_DIR/jfeed.txt" | tr '\n' ' ')" = "Third Second " ] ||
	fail "/feed.xml holds not the two newest posts, newest first: $(cat "$TEST_DIR/jfeed.txt")"
assert_contains "$jout/feed.xml" '<link rel="self" type="application/atom+xml" href="https://notes.example/feed.xml"/>'
"$FOLIO" check --worktree "$jk" >"$TEST_DIR/jcheck.txt" 2>&1 || fail "a link to /feed.xml is refused: $(cat "$TEST_DIR/jcheck.txt")"

# the plugin's path: is the pusher's: outside the site, or taken by a file
# of the site, it is named and not written
cp -r "$jk" "$TEST_DIR/jk-out"
rm -rf "$TEST_DIR/jk-out/folio.yaml" "$TEST_DIR/jk-out/schemas" "$TEST_DIR/jk-out/templates"
printf 'title: Notes\nurl: https://notes.example\nplugins: [jekyll-feed]\nfeed:\n  path: ../../../tmp/x.xml\n' >"$TEST_DIR/jk-out/_config.yml"
"$FOLIO" init --from jekyll "$TEST_DIR/jk-out" >"$TEST_DIR/jk-out.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/jk-out.txt")"
assert_contains "$TEST_DIR/jk-out.txt" "jekyll-feed's /../../../tmp/x.xml is not kept: a feed's address is a site path ending in .xml"
assert_not_contains "$TEST_DIR/jk-out/folio.yaml" 'feeds:'
cp -r "$jk" "$TEST_DIR/jk-file"
rm -rf "$TEST_DIR/jk-file/folio.yaml" "$TEST_DIR/jk-file/schemas" "$TEST_DIR/jk-file/templates"
printf '<feed/>\n' >"$TEST_DIR/jk-file/feed.xml"
"$FOLIO" init --from jekyll "$TEST_DIR/jk-file" >"$TEST_DIR/jk-file.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/jk-file.txt")"
assert_contains "$TEST_DIR/jk-file.txt" "jekyll-feed's /feed.xml is not kept: a file of the site stands at its address"
assert_not_contains "$TEST_DIR/jk-file/folio.yaml" 'feeds:'

# ---- Jekyll without the plugin: feeds that Liquid files at the top made
ly=$TEST_DIR/lanyon
mkdir -p "$ly/_posts" "$ly/_layouts"
printf 'title: Lanyon\nurl: https://lanyon.example\n' >"$ly/_config.yml"
printf '<html>{{ content }}</html>' >"$ly/_layouts/default.html"
printf -- '---\nlayout: null\n---\n<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">{%% for post in site.posts %%}{%% endfor %%}</feed>\n' >"$ly/atom.xml"
printf -- '---\nlayout: null\n---\n<?xml version="1.0"?>\n<rss version="2.0"><channel>{%% for post in site.posts %%}{%% endfor %%}</channel></rss>\n' >"$ly/rss.xml"
printf -- '---\ntitle: Hello\n---\nHello, see [the feed](/atom.xml).\n' >"$ly/_posts/2024-05-01-hello.md"
# a Liquid feed where folio writes its own (the posts' Atom) is named, not
# written into a folio.yaml that folio check would refuse
mkdir -p "$ly/posts"
printf -- '---\nlayout: null\n---\n<feed>{%% for post in site.posts %%}{%% endfor %%}</feed>\n' >"$ly/posts/atom.xml"
lout=$TEST_DIR/lanyon-out
migrate_and_build jekyll "$ly" "$lout"
assert_contains "$TEST_DIR/init.txt" 'posts/atom.xml: its feed is not kept at /posts/atom.xml: folio writes a feed of its own there'
feed_check atom "$lout/atom.xml" >"$TEST_DIR/latom.txt" || fail "atom.xml is no valid Atom feed"
grep -q '^Hello|https://lanyon.example/' "$TEST_DIR/latom.txt" || fail "atom.xml does not hold the post"
feed_check rss "$lout/rss.xml" >"$TEST_DIR/lrss.txt" || fail "rss.xml is no valid RSS feed"
grep -q '^Hello|' "$TEST_DIR/lrss.txt" || fail "rss.xml does not hold the post"
assert_not_contains "$lout/atom.xml" 'site.posts'

# F-Droid: the Liquid feed is _pages/feed.xml (include: [_pages]) with
# permalink: /feed.xml; it was published as its Liquid source at
# /_pages/feed.xml and 27 posts' links to /feed.xml were broken
fd=$TEST_DIR/fdroid
mkdir -p "$fd/_posts" "$fd/_pages" "$fd/_layouts"
printf 'title: F-Droid\nurl: https://fdroid.example\ninclude: [_pages]\n' >"$fd/_config.yml"
printf '<html>{{ content }}</html>' >"$fd/_layouts/default.html"
printf -- '---\nlayout: null\npermalink: /feed.xml\n---\n<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">{%% for post in site.posts %%}{%% endfor %%}</feed>\n' >"$fd/_pages/feed.xml"
printf -- '---\nlayout: null\n---\n[{%% for post in site.posts %%}"{{ post.url }}"{%% endfor %%}]\n' >"$fd/_pages/search.json"
printf -- '---\ntitle: About\npermalink: /about/\n---\nAbout.\n' >"$fd/_pages/about.md"
printf -- '---\ntitle: TWIF 22\n---\nSubscribe to [the feed](/feed.xml).\n' >"$fd/_posts/2018-09-21-twif-22.md"
fout=$TEST_DIR/fdroid-out
migrate_and_build jekyll "$fd" "$fout"
assert_contains "$TEST_DIR/init.txt" '_pages/search.json (a file Jekyll renders with Liquid) is not published'
feed_check atom "$fout/feed.xml" >"$TEST_DIR/ffeed.txt" || fail "/feed.xml is no valid Atom feed"
grep -q '^TWIF 22|' "$TEST_DIR/ffeed.txt" || fail "/feed.xml does not hold the post"
[ ! -e "$fout/_pages/feed.xml" ] && [ ! -e "$fout/_pages/search.json" ] ||
	fail "a Liquid file is published as its source: $(ls "$fout/_pages")"

# US-RSE's /feeds/events.xml loops over site.events, crystal's /feed.xml over
# releases and posts: each feed lists what its Liquid listed; one of
# _data (site.data.jobs) is named and not kept
ev=$TEST_DIR/events
mkdir -p "$ev/_posts" "$ev/_events" "$ev/_layouts" "$ev/feeds"
printf 'title: RSE\nurl: https://rse.example\ncollections:\n  events:\n    output: true\n' >"$ev/_config.yml"
printf '<html>{{ content }}</html>' >"$ev/_layouts/default.html"
printf -- '---\ntitle: A post\n---\nPost.\n' >"$ev/_posts/2024-01-02-post.md"
printf -- '---\ntitle: A meetup\ndate: 2024-03-01\n---\nMeetup.\n' >"$ev/_events/meetup.md"
printf -- '---\nlayout: null\npermalink: /feeds/events.xml\n---\n{%% assign events = site.events | sort: "date" %%}<rss version="2.0"><channel>{%% for e in events %%}{%% endfor %%}</channel></rss>\n' >"$ev/feeds/events.xml"
printf -- '---\nlayout: null\n---\n<feed xmlns="http://www.w3.org/2005/Atom">{%% for p in site.events %%}{%% endfor %%}{%% for p in site.posts %%}{%% endfor %%}</feed>\n' >"$ev/feed.xml"
printf -- '---\nlayout: null\npermalink: /feeds/jobs.xml\n---\n<rss version="2.0">{%% for j in site.data.jobs %%}{%% endfor %%}</rss>\n' >"$ev/feeds/jobs.xml"
eout=$TEST_DIR/events-out
migrate_and_build jekyll "$ev" "$eout"
feed_check rss "$eout/feeds/events.xml" >"$TEST_DIR/evfeed.txt" || fail "/feeds/events.xml is no valid RSS"
[ "$(cut -d'|' -f1 "$TEST_DIR/evfeed.txt")" = "A meetup" ] || fail "/feeds/events.xml does not list the events alone: $(cat "$TEST_DIR/evfeed.txt")"
feed_check atom "$eout/feed.xml" >"$TEST_DIR/allfeed.txt" || fail "/feed.xml is no valid Atom"
[ "$(cut -d'|' -f1 "$TEST_DIR/allfeed.txt" | tr '\n' ' ')" = "A meetup A post " ] || fail "/feed.xml does not list both: $(cat "$TEST_DIR/allfeed.txt")"
assert_contains "$TEST_DIR/init.txt" 'feeds/jobs.xml: its feed is not kept at /feeds/jobs.xml: it lists site.data.jobs'
[ ! -e "$eout/feeds/jobs.xml" ] || fail "the jobs feed's Liquid source is published"

# ---- Hugo: the home page's RSS, every dated section, each language
hu=$TEST_DIR/hugo
mkdir -p "$hu/content/posts" "$hu/content/events" "$hu/content/docs" "$hu/layouts"
cat >"$hu/hugo.toml" <<'TOML'
baseURL = "https://hugo.example/"
title = "Hugo site"
defaultContentLanguage = "en"
rssLimit = 3
[languages.en]
weight = 1
[languages.fr]
weight = 2
TOML
printf '<html></html>' >"$hu/layouts/baseof.html"
printf -- '---\ntitle: Post A\ndate: 2024-01-01\n---\nA.\n' >"$hu/content/posts/a.md"
printf -- '---\ntitle: Billet A\ndate: 2024-01-01\n---\nA.\n' >"$hu/content/posts/a.fr.md"
printf -- '---\ntitle: Post B\ndate: 2024-03-01\n---\nB, [the feed](/index.xml).\n' >"$hu/content/posts/b.md"
printf -- '---\ntitle: Event C\ndate: 2024-02-01\n---\nC.\n' >"$hu/content/events/c.md"
printf -- '---\ntitle: Event D\ndate: 2024-04-01\n---\nD.\n' >"$hu/content/events/d.md"
printf -- '---\ntitle: Guide\n---\nUndated.\n' >"$hu/content/docs/guide.md"
hout=$TEST_DIR/hugo-out
migrate_and_build hugo "$hu" "$hout"
assert_contains "$hu/folio.yaml" 'url: "/index.xml"'
feed_check rss "$hout/index.xml" >"$TEST_DIR/hfeed.txt" || fail "/index.xml is not a valid RSS feed"
cat "$TEST_DIR/hfeed.txt"
[ "$(cut -d'|' -f1 "$TEST_DIR/hfeed.txt" | tr '\n' ' ')" = "Event D Post B Event C " ] ||
	fail "/index.xml is not the three newest pages of both sections: $(cat "$TEST_DIR/hfeed.txt")"
feed_check rss "$hout/fr/index.xml" >"$TEST_DIR/hfr.txt" || fail "/fr/index.xml is no valid RSS feed"
grep -q '^Billet A|https://hugo.example/fr/posts/a/' "$TEST_DIR/hfr.txt" || fail "/fr/index.xml does not hold the French page"

# no home RSS in Hugo, none in folio
nr=$TEST_DIR/norss
cp -r "$hu" "$nr" && rm -f "$nr/folio.yaml" && rm -rf "$nr/schemas" "$nr/templates"
printf 'disableKinds = ["RSS"]\n' | cat - "$hu/hugo.toml" >"$nr/hugo.toml"
"$FOLIO" init --from hugo "$nr" >/dev/null 2>&1 || fail "init refused a site without RSS"
assert_not_contains "$nr/folio.yaml" 'feeds:'

# ---- published from a state, as a full build writes it
repo=$TEST_DIR/repo
repo_of "$hu" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
printf -- '---\ntitle: Event E\ndate: 2024-06-01\n---\nE.\n' >"$repo/content/events/e.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a newer event"
publish "$repo" "$pub" "$st" "an event added"
feed_check rss "$pub/index.xml" >"$TEST_DIR/pfeed.txt" || fail "/index.xml published from the state is no valid RSS"
head -1 "$TEST_DIR/pfeed.txt" | grep -q '^Event E|' || fail "the added event is not first in /index.xml"
same_as_full "$repo" "$pub" "an event added"
git -C "$repo" rm -q content/events/e.md content/posts/b.md
git -C "$repo" commit -qm "two pages removed"
publish "$repo" "$pub" "$st" "pages removed"
same_as_full "$repo" "$pub" "pages removed"
assert_not_contains "$pub/index.xml" 'Event E'

# ---- a pusher's feeds: nothing outside the site, nothing folio writes
bad=$TEST_DIR/bad
cp -r "$hu" "$bad"
# init's feeds: replaced by the pusher's
sed -i '/^feeds:/,/^[a-z]/{/^feeds:/d;/^ /d;/^#/d}' "$bad/folio.yaml"
assert_not_contains "$bad/folio.yaml" 'index.xml'
cat >>"$bad/folio.yaml" <<'YAML'
feeds:
  - url: /../../etc/x.xml
  - url: /.well-known/f.xml
  - url: /posts/index.xml
  - {url: /f.xml, collections: [docs]}
YAML
rc=0
"$FOLIO" check --worktree "$bad" >"$TEST_DIR/bad.txt" 2>&1 || rc=$?
cat "$TEST_DIR/bad.txt"
[ "$rc" -ne 0 ] || fail "bad feeds were accepted"
n=$(grep -c '^folio.yaml:[0-9]*:[0-9]*: error: .*\[config/syntax\]' "$TEST_DIR/bad.txt")
[ "$n" -ge 4 ] || fail "expected four findings with their line, got $n"
assert_contains "$TEST_DIR/bad.txt" 'not "/../../etc/x.xml"'
assert_contains "$TEST_DIR/bad.txt" 'not "/.well-known/f.xml"'
assert_contains "$TEST_DIR/bad.txt" 'feed url "/posts/index.xml" is an address folio already writes'
assert_contains "$TEST_DIR/bad.txt" 'has no date_field'
# a collection without a name at the root, beside a feed: folio.yaml's
# errors, not a crash (the fuzzer's find: the feed's address was compared
# with that collection's folder, which it has none of)
nameless=$TEST_DIR/nameless
mkdir -p "$nameless"
printf 'title: T\nbase_url: https://t.example\ncollections:\n  - name: posts\n    date_field: date\n  - folder: "."\n    url: "/"\nfeeds:\n  - url: /feed.xml\n' \
	>"$nameless/folio.yaml"
r=0; "$FOLIO" check --worktree "$nameless" >"$TEST_DIR/nameless.txt" 2>&1 || r=$?
[ "$r" -eq 1 ] || fail "a nameless collection beside a feed: exit $r, not 1: $(cat "$TEST_DIR/nameless.txt")"
assert_contains "$TEST_DIR/nameless.txt" 'missing required setting "name"'
echo "ok"

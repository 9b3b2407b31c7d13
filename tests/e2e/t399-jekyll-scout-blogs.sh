#!/bin/bash
# Scouts' round on long-running blogs:
# 1. a post's excerpt: (Jekyll) or summary: (Hugo) is its summary, in the
#    feeds, index.json and its description (mincong's 190 posts showed
#    their first paragraph);
# 2. init's schema takes categories: and tags: as a text or a list, as
#    both generators read them (mincong wrote categories: java, then
#    [java]: every later commit was refused);
# 3. jekyll-archives' settings (Chirpy's) give taxonomies: a page per tag
#    and category at its permalink, and no index of terms (init wrote
#    none: every tag and category page was missing).
. "$(dirname "$0")/lib.sh"

# 1 and 2
a=$TEST_DIR/a
mkdir -p "$a/_posts"
printf 'title: Blog\nurl: https://blog.example\nplugins: [jekyll-feed]\n' >"$a/_config.yml"
printf -- '---\ntitle: Shards\ncategories: java\nexcerpt: >\n  Curious about how a decision system works?\n---\nShard allocation plays a role.\n' \
	>"$a/_posts/2021-12-27-shards.md"
printf -- '---\ntitle: Heap\ncategories: java\n---\nThe heap, first.\n' >"$a/_posts/2021-12-28-heap.md"
migrate_and_build jekyll "$a" "$TEST_DIR/out-a"
python3 - "$TEST_DIR/out-a/index.json" <<'PY' || fail "index.json's summaries"
import json, sys
pages = {p["title"]: p for p in json.load(open(sys.argv[1]))["pages"]}
assert pages["Shards"]["summary"] == "Curious about how a decision system works?", pages["Shards"]
assert pages["Heap"]["summary"] == "The heap, first.", pages["Heap"]
PY
assert_contains "$TEST_DIR/out-a/feed.xml" "Curious about how a decision system works?"
assert_contains "$(find "$TEST_DIR/out-a" -path '*shards*' -name '*.html' | head -1)" '<meta name="description" content="Curious about how a decision system works?">'
repo=$TEST_DIR/repo out=$TEST_DIR/out st=$TEST_DIR/st
repo_of "$a" "$repo"
publish "$repo" "$out" "$st" "first"
sed -i 's/^categories: java$/categories: [java, jvm]/' "$repo/_posts/2021-12-28-heap.md"
git -C "$repo" commit -qam "categories as a list"
publish "$repo" "$out" "$st" "list"
same_as_full "$repo" "$out" "list"

# 3
c=$TEST_DIR/c
mkdir -p "$c/_posts"
cat >"$c/_config.yml" <<'Y'
title: Notes
url: https://notes.example
theme: jekyll-theme-chirpy
jekyll-archives:
  enabled: [categories, tags]
  permalinks:
    tag: /tags/:name/
    category: /categories/:name/
Y
printf -- '---\ntitle: Simple\ncategories: [Linux]\ntags: [oracle, cron]\n---\nText.\n' >"$c/_posts/2006-11-06-simple.md"
migrate_and_build jekyll "$c" "$TEST_DIR/out-c"
for x in tags/oracle tags/cron categories/linux; do
	[ -f "$TEST_DIR/out-c/$x/index.html" ] || fail "/$x/ is missing"
done
[ ! -e "$TEST_DIR/out-c/tags/index.html" ] || fail "an index of tags, which jekyll-archives does not write"
echo "ok"

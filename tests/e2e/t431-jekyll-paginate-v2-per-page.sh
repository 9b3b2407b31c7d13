#!/bin/bash
# jekyll-paginate-v2 cuts its lists at pagination: per_page: (10 when the
# key is missing): OpenTTD's _config.yml has enabled: true, per_page: 5
# and its news archive's /news/page/2/ to /news/page/65/. init read only
# jekyll-paginate's paginate: and wrote no page_size:, so folio cut the
# list at its own 20: /news/page/17/ and on held nothing.
# And a link to OpenTTD's /contact (pages/contact.html, a page of HTML and
# Liquid init leaves out, at /contact.html, which its server serves at
# /contact) said it pointed to no page; it names the file left out, as a
# link to /contact.html does.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts" "$j/pages"
cat >"$j/_config.yml" <<'YAML'
title: Game
url: https://game.example
collections:
  posts:
    permalink: /news/:year/:month/:day/:title.html
pagination:
  enabled: true
  collection: "posts"
  per_page: 3
  permalink: "/page/:num/"
  sort_field: "date"
  sort_reverse: true
YAML
printf -- '---\ntitle: News\npermalink: /news\npagination:\n  enabled: true\n---\nThe news.\n' >"$j/pages/news.md"
for d in 01 02 03 04 05 06 07 08 09 10; do
	printf -- '---\ntitle: Release %s\n---\nText.\n' "$d" >"$j/_posts/2024-05-$d-release-$d.md"
done
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
grep -q '^page_size: 3$' "$j/folio.yaml" || fail "per_page is not the page size: $(grep -n page_size "$j/folio.yaml")"
[ -f "$out/news/page/3/index.html" ] || fail "/news/page/3/ is not written"
[ ! -e "$out/news/page/5/index.html" ] || fail "/news/page/5/ is written"

# without per_page: the plugin's 10; without enabled: true, no page size from it
sed -i '/per_page/d' "$j/_config.yml"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init2.txt")"
grep -q '^page_size: 10$' "$j/folio.yaml" || fail "the plugin default is not the page size"
sed -i 's/enabled: true/enabled: false/' "$j/_config.yml"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init3.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init3.txt")"
! grep -q '^page_size:' "$j/folio.yaml" || fail "a disabled paginator gave a page size"

# the link to /contact names the page left out
printf -- '---\ntitle: Contact\npermalink: /contact.html\n---\n{%% include contact.html %%}\n' >"$j/pages/contact.html"
printf -- '---\ntitle: Steam\n---\nWrite [to us](/contact) or [here](/contact.html).\n' >"$j/_posts/2024-06-01-steam.md"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init4.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init4.txt")"
rc=0
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ "$rc" = 1 ] || fail "links to a page left out passed (rc $rc)"
assert_contains "$TEST_DIR/check.txt" '_posts/2024-06-01-steam.md:4:15: error: link to "/contact" points to pages/contact.html, which folio.yaml'
assert_contains "$TEST_DIR/check.txt" '_posts/2024-06-01-steam.md:4:35: error: link to "/contact.html" points to pages/contact.html, which folio.yaml'
echo "ok"

#!/bin/bash
# digital.gov writes its permalinks as Hugo allows, without the leading
# '/': news: ":year/:month/:day/:slug/", events: "event/:year/...". init
# said neither could be expressed, and every link to a post's address was
# broken. They are read from the root now, and the events list stays at
# /events/, as Hugo applies permalinks: to pages only; Hugo 0.119's
# [permalinks.section] moves a list, and is read too. A section whose
# only date is its _index.md's is not sorted by a date its pages' schema
# lacks (init wrote a folio.yaml that check refused). And a query may hold
# { } \ | ^ as browsers send them (latex.codecogs.com/svg.image?t_{i});
# in a path they are still refused.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/news" "$site/content/events" "$site/content/images"
cat >"$site/config.yml" <<'YAML'
baseURL: https://gov.example
title: Gov
permalinks:
  news: ":year/:month/:day/:slug/"
  events: "event/:year/:month/:day/:slug/"
YAML
printf -- '---\ntitle: A post\ndate: 2024-08-01\nslug: a-post\n---\nSee ![t](https://latex.codecogs.com/svg.image?t_{i}\\eta) and [the event](/event/2024/09/02/meetup/).\n' \
	>"$site/content/news/a-post.md"
printf -- '---\ntitle: Meetup\ndate: 2024-09-02\n---\nAfter [the post](/2024/08/01/a-post/), see [all events](/events/).\n' \
	>"$site/content/events/meetup.md"
printf -- '---\ntitle: Images\ndate: 2020-01-01\n---\n' >"$site/content/images/_index.md"
printf 'png' >"$site/content/images/a.png"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'permalink: "/:year/:month/:day/:slug/"'
assert_contains "$site/folio.yaml" $'url: "/events/"\n    permalink: "/event/:year/:month/:day/:slug/"'
if grep -q 'cannot be expressed' "$site/folio.yaml"; then fail "a permalink without its '/' was not kept"; fi
[ -f "$out/2024/08/01/a-post/index.html" ] || fail "the post is not at its Hugo address"
[ -f "$out/event/2024/09/02/meetup/index.html" ] || fail "the event is not at its Hugo address"
[ -f "$out/events/index.html" ] || fail "the events list moved from /events/"

# Hugo 0.119's form: [permalinks.page] for the pages, [permalinks.section]
# for the list, both without their '/'
site2=$TEST_DIR/site2
mkdir -p "$site2/content/posts"
printf 'baseURL = "https://blog.example"\ntitle = "Blog"\n[permalinks.page]\nposts = "articles/:year/:slug/"\n[permalinks.section]\nposts = "articles"\n' \
	>"$site2/hugo.toml"
printf -- '---\ntitle: Hello\ndate: 2024-02-03\n---\nSee [all articles](/articles/).\n' >"$site2/content/posts/hello.md"
migrate_and_build hugo "$site2" "$TEST_DIR/out2"
assert_contains "$site2/folio.yaml" $'url: "/articles/"\n    permalink: "/articles/:year/:slug/"'
[ -f "$TEST_DIR/out2/articles/2024/hello/index.html" ] || fail "the post is not at its [permalinks.page] address"
[ -f "$TEST_DIR/out2/articles/index.html" ] || fail "the list is not at its [permalinks.section] address"

# { } in a path is still refused
printf -- '---\ntitle: Template\ndate: 2024-08-02\n---\nGet [it](https://unpkg.com/uswds@{VERSION}/dist/).\n' >"$site/content/news/template.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a '{' in a link's path passes (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'link "https://unpkg.com/uswds@{VERSION}/dist/" contains characters that must be percent-encoded'
if grep -q 'codecogs' "$TEST_DIR/check.txt"; then fail "the query's braces are refused"; fi
echo "ok"

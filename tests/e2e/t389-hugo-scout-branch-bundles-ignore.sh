#!/bin/bash
# Three Hugo readings the fourth scout round of December 6 found wrong
# (docs/migrating.md, seventeenth pass), each checked against Hugo 0.111:
# 1. a dated branch bundle's _index.md (news/hello/_index.md) is a section:
#    Hugo's permalinks are for pages, so it stays at /news/hello/ with its
#    files (jakarta.ee's 24 news posts moved to /news/2022/03/21/hello/,
#    and links to their images broke); a leaf bundle's index.md follows;
# 2. ignoreFiles matches folders too (keptn's old docs versions: 389 pages
#    Hugo never publishes);
# 3. a taxonomy whose name folio.yaml cannot hold (jakarta.ee's
#    "news/tags") is named and left out, where init wrote it and folio
#    refused its own folio.yaml: the whole site.
# A publish from the state after an edit of the branch bundle is a full
# build's.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w hugo.toml 'baseURL = "https://jakarta.example/"
title = "Jakarta"
ignoreFiles = ["^(.*/docs/0.1.0/*)$"]
[permalinks]
  news = "/:sections/:year/:month/:day/:slug/"
[taxonomies]
  tag = "tags"
  news_tag = "news/tags"
'
w content/news/hello/_index.md '---
title: Hello
date: 2022-03-21
---
The survey: ![survey](/news/hello/survey.jpg)
'
printf 'jpg' >"$s/content/news/hello/survey.jpg"
w content/news/leaf/index.md '---
title: Leaf
date: 2022-03-22
tags: [release]
news/tags: [jakarta-ee]
---
See [hello](/news/hello/).
'
w content/docs/_index.md '---
title: Docs
---
Docs.
'
w content/docs/1.0.x/setup.md '---
title: Setup
---
Set up.
'
w content/docs/0.1.0/setup.md '---
title: Old setup
---
See [a page gone](../missing/).
'
migrate_and_build hugo "$s" "$TEST_DIR/out"
o=$TEST_DIR/out
[ -f "$o/news/hello/index.html" ] && [ -f "$o/news/hello/survey.jpg" ] ||
	fail "the branch bundle moved: $(cd "$o" && find news | sort)"
[ ! -e "$o/news/2022/03/21" ] || fail "the branch bundle followed the pages' permalink"
[ -f "$o/news/2022/03/22/leaf/index.html" ] || fail "the leaf bundle left its permalink"
[ ! -e "$o/docs/0.1.0" ] || fail "ignoreFiles' folder was published"
[ -f "$o/docs/1.0.x/setup/index.html" ] || fail "the docs left in were not published"
assert_contains "$TEST_DIR/init.txt" 'taxonomy "news/tags" is not kept'
assert_not_contains "$s/folio.yaml" '"news/tags"'
[ -f "$o/tags/release/index.html" ] || fail "the tags taxonomy was lost"

repo=$TEST_DIR/repo
repo_of "$s" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "first"
sed -i 's/The survey:/The survey, closed:/' "$repo/content/news/hello/_index.md"
git -C "$repo" commit -qam "The branch bundle edited"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "branch bundle edit"
assert_contains "$TEST_DIR/pub/news/hello/index.html" "The survey, closed:"
same_as_full "$repo" "$TEST_DIR/pub" "branch bundle edit"
echo "t389: ok"

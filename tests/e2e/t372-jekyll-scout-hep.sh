#!/bin/bash
# Four Jekyll rules a HEP software community's site and a microscopy
# project's site showed folio reading wrongly (a scout's pass, docs/migrating.md):
# 1. a folder's index.md under a permalink of pages at x.html
#    (/gsoc/:path/ with ugly_urls: pages) is at the folder, /gsoc/2024/, as
#    Jekyll writes an index page (folio wrote gsoc/2024.html);
# 2. a redirect_from with "../" is cleaned as Jekyll's URL cleans it:
#    "../analyze/" is /analyze/ (folio refused it, slug/invalid);
# 3. the folders above _posts are the posts' first categories, in lower
#    case, each once: News/_posts with categories: News is /news/2020/…
#    (folio wrote /News/news/2020/…);
# 4. a date Ruby's Time.parse reads ("02.12.2020", "October 04, 2022") is
#    that day (folio refused both, date/invalid), everywhere the same.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w _config.yml 'title: T
url: https://t.example
plugins:
  - jekyll-redirect-from
collections:
  props:
    output: true
    permalink: /gsoc/:path.html
'
w index.md '---
title: Home
---
The [2024 season](/gsoc/2024/), [its proposal](/gsoc/2024/p1.html), [analysis](/analyze/),
[a](/news/2020/01/02/a.html), [b](/news/2020/01/03/b.html), [blog](/blog/2020/12/02/dots.html)
and [another](/blog/2022/10/04/named.html).
'
w gsoc/faq.md '---
title: Faq
---
Questions.
'
w gsoc/2024/index.md '---
title: The 2024 season
---
Projects.
'
w _props/2024/p1.md '---
title: P1
---
A proposal.
'
w features/analyze/index.md '---
title: Analyze
redirect_from:
  - ../analyze/
  - ../../../escaped-folio/
---
Text.
'
w News/_posts/2020-01-02-a.md '---
title: A
---
a
'
w News/_posts/2020-01-03-b.md '---
title: B
categories: News
---
b
'
w _posts/2020-01-01-dots.md '---
title: Dots
date: 02.12.2020
categories: blog
---
Written on the second of December.
'
w _posts/2020-01-01-named.md '---
title: Named
date: October 04, 2022
categories: blog
---
Written in October.
'
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
o=$TEST_DIR/out
[ -f "$o/gsoc/2024/index.html" ] && [ ! -e "$o/gsoc/2024.html" ] || fail "1: the folder's index page is not at /gsoc/2024/"
[ -f "$o/gsoc/faq.html" ] || fail "1: the folder's other page is not at /gsoc/faq.html"
grep -q 'features/analyze/' "$o/analyze/index.html" || fail "2: no redirect at /analyze/ to the page"
# a pusher's "../" climbs no higher than the site's root
[ -f "$o/escaped-folio/index.html" ] && [ ! -e "$TEST_DIR/escaped-folio" ] && [ ! -e "$(dirname "$TEST_DIR")/escaped-folio" ] ||
	fail "2: a redirect_from climbing with ../ was not kept inside the site"
assert_contains "$s/folio.yaml" 'categories: ["News"]'
[ -f "$o/news/2020/01/02/a.html" ] && [ -f "$o/news/2020/01/03/b.html" ] || fail "3: the posts of News/_posts are not under /news/"
[ ! -e "$o/News/2020" ] && [ ! -e "$o/news/news" ] || fail "3: a post was written under /News/ or /news/news/"
[ -f "$o/blog/2020/12/02/dots.html" ] || fail "4: 02.12.2020 is not 2 December 2020"
[ -f "$o/blog/2022/10/04/named.html" ] || fail "4: October 04, 2022 is not 4 October 2022"
grep -rqF '"date_published": "2020-12-02T00:00:00Z"' "$o" || fail "4: the feeds do not have 2020-12-02"
# a publish from the state reads the stubs' dates as the full build does
git -C "$s" init -q
git -C "$s" add -A
git -C "$s" -c user.name=t -c user.email=t@t commit -qm one
publish "$s" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
printf '\nOne more line.\n' >>"$s/gsoc/faq.md"
w _posts/2023-01-01-iso.md '---
title: Iso
date: 2023-01-01
categories: blog
---
New.
'
git -C "$s" add -A
git -C "$s" -c user.name=t -c user.email=t@t commit -qm two
publish "$s" "$TEST_DIR/pub" "$TEST_DIR/state" "a post added"
same_as_full "$s" "$TEST_DIR/pub" "a post added"
[ -f "$TEST_DIR/pub/blog/2020/12/02/dots.html" ] || fail "4: the stub's date moved its page"
# what is no date stays refused
w _posts/2020-01-01-bad.md '---
title: Bad
date: 31.02.2020
---
No.
'
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "31.02.2020 passed"
assert_contains "$TEST_DIR/check.txt" '_posts/2020-01-01-bad.md:3:7: error: field "date" is not a date: "31.02.2020"'
echo "ok: index pages, redirect_from with ../, path categories and Ruby's dates read as Jekyll reads them"

#!/bin/bash
# Four Hugo settings a fourth scout round found folio reading wrongly
# (docs/migrating.md, sixteenth pass), each checked against Hugo 0.111:
# 1. languageCode = "de_DE" is language: de-DE (init copied it, and folio
#    refused its own folio.yaml: the whole site);
# 2. a permalink's :sections is the section, /blog/2021/03/x/ (folio read
#    :section then "s": /blogs/…);
# 3. [frontmatter] date = ["publishDate", …]: a page's date is its
#    publishDate (its posts dated by it alone lost their dated addresses);
# 4. an alias with another extension than .html (/uploads/1.pdf) is a
#    folder, /uploads/1.pdf/index.html, as Hugo writes it (folio wrote an
#    HTML page named 1.pdf, which a server sends as a PDF).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w hugo.toml "baseURL = 'https://x.example/'
title = 'Verein'
languageCode = 'de_DE'
[frontmatter]
  date = ['publishDate', 'date', 'lastmod']
[permalinks]
  blog = '/:sections/:year/:month/:filename/'
"
w content/blog/linux-basics.md '---
title: Linux
publishDate: 2021-03-05
aliases: [/uploads/7/1.pdf, /alt-linux]
---
Text.
'
w content/blog/other.md '---
title: Other
publishDate: 2021-04-05
---
See [linux](/blog/2021/03/linux-basics/) and [the old file](/uploads/7/1.pdf/).
'
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
o=$TEST_DIR/out
assert_contains "$s/folio.yaml" 'language: "de-DE"'
assert_contains "$s/folio.yaml" 'date_field: publishDate'
assert_contains "$o/index.html" 'lang="de-DE"'
[ -f "$o/blog/2021/03/linux-basics/index.html" ] && [ -f "$o/blog/2021/04/other/index.html" ] ||
	fail "the posts are not at /blog/:year/:month/: $(cd "$o" && find . -name index.html | sort | tr '\n' ' ')"
[ ! -e "$o/blogs" ] || fail "/blogs/ was written"
[ -f "$o/uploads/7/1.pdf/index.html" ] || fail "the .pdf alias is not a folder"
grep -q 'blog/2021/03/linux-basics/' "$o/uploads/7/1.pdf/index.html" || fail "the .pdf alias leads nowhere"
[ -f "$o/alt-linux/index.html" ] || fail "the plain alias is missing"
echo "ok: languageCode de_DE, :sections, frontmatter date and .pdf aliases as Hugo reads them"

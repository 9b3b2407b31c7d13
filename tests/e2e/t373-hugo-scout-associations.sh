#!/bin/bash
# Six Hugo rules a scout's pass on association and research sites (a
# data-for-good association's, an open-source community's, a medical
# reference site, a HugoBlox project's) showed folio reading wrongly
# (docs/migrating.md), each checked against Hugo 0.111:
# 1. a number or true as a term ("categories: [News, 2022]") is a term,
#    /categories/2022/, as Hugo casts it (folio dropped it, no finding);
# 2. on Blackfriday (markup.defaultMarkdownHandler), raw HTML is kept:
#    allow_html: true (folio wrote false and dropped the HTML);
# 3. a taxonomy whose _index.md cascades build.render: never has no page
#    (folio published /authors/ and each /authors/<x>/);
# 4. with autolinks: goldmark a bare URL ends at a backslash
#    ("http://is.gd/ca\_x" links http://is.gd/ca, then "_x"), where folio
#    took the backslash in and refused the page;
# 5. a file name's signs Hugo does not keep are dropped, those it keeps
#    kept (summit-d&i.md at /summit-di/, c++.md at /c++/; folio made
#    each a dash);
# 6. the site's own figure shortcode that reads no src (image=) is not
#    Hugo's: own_shortcodes: [figure], a warning (folio refused the page,
#    "figure has no src").
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w config.toml 'baseURL = "https://example.org/"
title = "t"
[markup]
  defaultMarkdownHandler = "blackfriday"
[taxonomies]
  category = "categories"
  tag = "tags"
  author = "authors"
'
w content/blog/year.md '---
title: Unser Jahr
date: 2022-12-19
categories: [News, 2022]
tags: [2023, true]
authors: [ada]
---
See <a href="https://example.org/rapport.pdf">the report</a> and http://is.gd/ca\_streetfootball aus.
'
w content/blog/other.md '---
title: Other
date: 2022-12-18
categories: [News]
---
{{< figure image="/images/a.png" title="Conduite" >}}
'
w content/authors/_index.md '---
_build:
  render: never
cascade:
  _build:
    render: never
    list: always
---
'
w content/authors/ada/_index.md '---
title: Ada
---
'
w 'content/events/summit-d&i.md' '---
title: Summit
---
Diversity.
'
w 'content/events/c++.md' '---
title: C++
---
A language.
'
w layouts/shortcodes/figure.html '<figure><img src="{{ .Get "image" }}"><figcaption>{{ .Get "title" }}</figcaption></figure>'
w static/images/a.png 'png'
"$FOLIO" init --from hugo "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$s/folio.yaml" "allow_html: true"
assert_contains "$s/folio.yaml" "own_shortcodes: [figure]"
sed -n '/^taxonomies:/,/^[a-z]/p' "$s/folio.yaml" >"$TEST_DIR/taxonomies.txt"
assert_contains "$TEST_DIR/taxonomies.txt" "tags"
assert_not_contains "$TEST_DIR/taxonomies.txt" "authors"
"$FOLIO" build --worktree "$s" --out "$TEST_DIR/out" >"$TEST_DIR/build.txt" 2>&1 ||
	fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
o=$TEST_DIR/out
for t in categories/2022 categories/news tags/2023 tags/true; do
	[ -f "$o/$t/index.html" ] || fail "1: no term page /$t/"
done
grep -q 'Unser Jahr' "$o/categories/2022/index.html" || fail "1: the page is not listed under /categories/2022/"
grep -q '<a href="https://example.org/rapport.pdf">the report</a>' "$o/blog/year/index.html" ||
	fail "2: the raw HTML link was dropped"
[ ! -e "$o/authors" ] || fail "3: /authors/ was published"
grep -qF '<a href="http://is.gd/ca">http://is.gd/ca</a>_streetfootball' "$o/blog/year/index.html" ||
	fail "4: the bare URL was not cut at its backslash"
[ -f "$o/events/summit-di/index.html" ] && [ -f "$o/events/c++/index.html" ] ||
	fail "5: the file names' addresses are not Hugo's: $(cd "$o/events" && ls)"
assert_contains "$TEST_DIR/build.txt" 'unknown shortcode "figure"'
echo "ok: numeric terms, Blackfriday's HTML, unrendered taxonomies, backslash autolinks, file-name signs, the site's own figure"

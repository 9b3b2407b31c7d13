#!/bin/bash
# Four readings a third scout round of December 6 found wrong
# (docs/migrating.md, seventeenth pass):
# 1. Jekyll: {% comment %} ... {% endcomment %} is dropped, as Liquid drops
#    it (vda-lab's withdrawn job offer was published);
# 2. Jekyll: a folder's index.md with permalink: / is the home page's text
#    (transformation-cluster's pages/index.md was at /pages/);
# 3. Hugo: defaultContentLanguageInSubdir on a site of one language puts
#    nothing below /en/, as Hugo (MEDomics: 126 redirect pages);
# 4. Hugo: a term's folder whose _index.md no page names (an author
#    without posts) has its term page at the taxonomy's permalink
#    (/author/john-roe/), not at its folder's address (/authors/john-roe/).
# Each publish from the state after an edit is a full build's.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/jekyll
w() { mkdir -p "$(dirname "$j/$1")"; printf '%s' "$2" >"$j/$1"; }
w _config.yml 'title: Cluster
url: https://cluster.example.org
'
w pages/index.md '---
title: Home
permalink: /
---
Welcome to the cluster.
'
w pages/contact.md '---
title: Contact
permalink: /contact/
---
Write to us.

{% comment %}
## Vacancy (withdrawn)
This offer must not be published.
{% endcomment %}
Thank you.
'
migrate_and_build jekyll "$j" "$TEST_DIR/out-j"
assert_contains "$TEST_DIR/out-j/index.html" "Welcome to the cluster."
[ ! -e "$TEST_DIR/out-j/pages/index.html" ] || fail "the home text was also published at /pages/"
assert_contains "$TEST_DIR/out-j/contact/index.html" "Thank you."
assert_not_contains "$TEST_DIR/out-j/contact/index.html" "must not be published"
assert_not_contains "$TEST_DIR/out-j/index.json" "must not be published"

rj=$TEST_DIR/repo-j
repo_of "$j" "$rj"
publish "$rj" "$TEST_DIR/pub-j" "$TEST_DIR/st-j" "jekyll first"
sed -i 's/Welcome to the cluster./Welcome back./' "$rj/pages/index.md"
git -C "$rj" commit -qam "Home text edited"
publish "$rj" "$TEST_DIR/pub-j" "$TEST_DIR/st-j" "jekyll home edit"
assert_contains "$TEST_DIR/pub-j/index.html" "Welcome back."
same_as_full "$rj" "$TEST_DIR/pub-j" "jekyll home edit"

h=$TEST_DIR/hugo
w() { mkdir -p "$(dirname "$h/$1")"; printf '%s' "$2" >"$h/$1"; }
w hugo.toml 'baseURL = "https://lab.example/"
title = "Lab"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
[languages.en]
  weight = 1
[taxonomies]
  author = "authors"
  tag = "tags"
[permalinks]
  authors = "/author/:slug/"
'
w content/post/a.md '---
title: A paper
authors: [jane-doe]
---
See [Jane](/author/jane-doe/) and [John](/author/john-roe/).
'
w content/about.md '---
title: About
---
About the lab.
'
w content/authors/jane-doe/_index.md '---
title: Jane Doe
---
Jane writes.
'
w content/authors/john-roe/_index.md '---
title: John Roe
---
John has written nothing yet.
'
migrate_and_build hugo "$h" "$TEST_DIR/out-h"
assert_not_contains "$h/folio.yaml" "language_subdir"
[ ! -e "$TEST_DIR/out-h/en" ] || fail "a site of one language got /en/: $(ls "$TEST_DIR/out-h/en" | head)"
assert_contains "$TEST_DIR/out-h/author/john-roe/index.html" "John has written nothing yet."
assert_contains "$TEST_DIR/out-h/author/jane-doe/index.html" "Jane writes."
[ ! -e "$TEST_DIR/out-h/authors/john-roe/index.html" ] || fail "John's text was published at its folder too"

rh=$TEST_DIR/repo-h
repo_of "$h" "$rh"
publish "$rh" "$TEST_DIR/pub-h" "$TEST_DIR/st-h" "hugo first"
sed -i 's/John has written nothing yet./John joined the lab./' "$rh/content/authors/john-roe/_index.md"
git -C "$rh" commit -qam "John's text edited"
publish "$rh" "$TEST_DIR/pub-h" "$TEST_DIR/st-h" "hugo term text edit"
assert_contains "$TEST_DIR/pub-h/author/john-roe/index.html" "John joined the lab."
same_as_full "$rh" "$TEST_DIR/pub-h" "hugo term text edit"
printf -- '---\ntitle: B paper\nauthors: [john-roe]\n---\nB.\n' >"$rh/content/post/b.md"
git -C "$rh" add -A && git -C "$rh" commit -qm "John's first paper"
publish "$rh" "$TEST_DIR/pub-h" "$TEST_DIR/st-h" "hugo term gets a page"
assert_contains "$TEST_DIR/pub-h/author/john-roe/index.html" "B paper"
same_as_full "$rh" "$TEST_DIR/pub-h" "hugo term gets a page"
echo "t387: ok"

#!/bin/bash
# Jekyll readings the scout round of December 6's second half found wrong
# (docs/migrating.md, seventeenth pass):
# 1. a jekyll-polyglot translation with permalink: / (academicpages'
#    _pages/home.en.md) is its language's home page text, at /en/, as the
#    site language's is at / (folio refused the whole site: output/clash);
#    and a publish from the state after an edit of it is a full build's;
# 2. a post named with a one-digit month or day (2020-05-5-ey.md) is a post
#    of that day, as Jekyll's pattern \d{2,4}-\d{1,2}-\d{1,2} reads it (init
#    excluded it as a file Jekyll does not read);
# 3. a file include: names whose name opens with '_' (Netlify's _headers)
#    is copied, as a hidden one (.well-known) was.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w _config.yml 'title: Lab
url: "https://lab.example.org"
permalink: pretty
include: [_pages, _headers]
plugins: [jekyll-polyglot]
languages: ["es", "en"]
default_lang: "es"
'
w _headers '/*
  X-Frame-Options: DENY
'
w _pages/home.md '---
permalink: /
lang: es
title: Inicio
---
Hola.
'
w _pages/home.en.md '---
permalink: /
lang: en
title: Home
---
Hello.
'
w _pages/contact.md '---
title: Contacto
lang: es
---
Escríbenos. [Oferta](/2020/05/05/ey/)
'
w _pages/contact.en.md '---
title: Contact
lang: en
---
Write to us.
'
w _posts/2020-05-5-ey.md '---
title: Oferta
---
Trabajo.
'
w _posts/2020-5-07-fest.md '---
title: Fiesta
---
Fiesta.
'
migrate_and_build jekyll "$s" "$TEST_DIR/out"
o=$TEST_DIR/out
assert_contains "$o/en/index.html" "Hello."
assert_contains "$o/index.html" "Hola."
[ ! -e "$o/en/home/index.html" ] || fail "the English home text was also published as a page"
[ -f "$o/2020/05/05/ey/index.html" ] || fail "2020-05-5-ey.md is not the post of 2020-05-05"
[ -f "$o/2020/05/07/fest/index.html" ] || fail "2020-5-07-fest.md is not the post of 2020-05-07"
assert_not_contains "$s/folio.yaml" "2020-05-5-ey.md"
cmp -s "$s/_headers" "$o/_headers" || fail "_headers, which include: names, was not copied"

# the English home text edited, published from the state: a full build's
repo=$TEST_DIR/repo
repo_of "$s" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "first publish"
printf -- '---\npermalink: /\nlang: en\ntitle: Home\n---\nHello again.\n' >"$repo/_pages/home.en.md"
git -C "$repo" commit -qam "English home edited"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "home edit"
assert_contains "$TEST_DIR/pub/en/index.html" "Hello again."
same_as_full "$repo" "$TEST_DIR/pub" "home edit"
printf -- '---\ntitle: Nueva\n---\nNueva.\n' >"$repo/_posts/2021-1-2-nueva.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "A post named with one-digit month and day"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "add"
[ -f "$TEST_DIR/pub/2021/01/02/nueva/index.html" ] || fail "2021-1-2-nueva.md published from the state is not at 2021/01/02"
same_as_full "$repo" "$TEST_DIR/pub" "add"
echo "t385: ok"

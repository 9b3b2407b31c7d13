#!/bin/bash
# Three Jekyll rules two Freifunk communities' sites showed folio reading
# wrongly (docs/migrating.md, sixteenth pass, fourth round):
# 1. a posts permalink ending in :slug.html, :slug:output_ext or :slug
#    without '/' writes each post at x.html, as :title's forms did
#    (bremen's 126 posts were at /posts/<name>/, 8 of them clashing);
# 2. categories: written as one text is a list of words, as Jekyll splits
#    it ("freifunk infrastruktur": /freifunk/infrastruktur/2026/…);
# 3. languages: and default_lang: without jekyll-polyglot loaded are a
#    theme's (a JavaScript language switcher): no /en/ lists or feeds;
# 4. :slug keeps a name's letters beyond ASCII, in lower case, and makes
#    '_' a '-', as Jekyll's slugify does (slug_letters: keep): the site's
#    links name /2016/08/09/breminale-r%C3%BCckblick.html (folio wrote
#    breminale-ruckblick, and kept the '_').
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w _config.yml 'title: T
url: https://example.org
permalink: /:categories/:year/:month/:day/:slug.html
default_lang: de
languages: [de, en]
'
w _posts/2017-06-13-neue-testing-firmware.md '---
title: Neue Firmware
---
Siehe [Störung](/freifunk/infrastruktur/2026/05/05/denic-stoerung.html).
'
w _posts/2026-05-05-denic-stoerung.md '---
title: DENIC
categories: freifunk infrastruktur
---
Störung.
'
w _posts/2016-08-09-Breminale-Rückblick.md '---
title: Breminale
---
Zurück: [Umstellung](/2020/02/25/warnung-umstellung-11s.html).
'
w _posts/2020-02-25-warnung_umstellung_11s.md '---
title: Warnung
---
Siehe [Breminale](/2016/08/09/breminale-r%C3%BCckblick.html).
'
w _posts/2026-05-07-plain.md '---
title: Plain
category: news
---
One category.
'
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
o=$TEST_DIR/out
[ -f "$o/2017/06/13/neue-testing-firmware.html" ] || fail "1: the post is not at x.html: $(cd "$o" && find . -name '*.html' | sort | tr '\n' ' ')"
[ -f "$o/freifunk/infrastruktur/2026/05/05/denic-stoerung.html" ] || fail "2: the categories were not split"
[ -f "$o/news/2026/05/07/plain.html" ] || fail "2: category: is one"
[ ! -e "$o/en" ] || fail "3: /en/ was written without jekyll-polyglot"
assert_contains "$s/folio.yaml" "slug_letters: keep"
assert_not_contains "$s/folio.yaml" "slug_underscores: keep"
[ -f "$o/2016/08/09/breminale-rückblick.html" ] && [ -f "$o/2020/02/25/warnung-umstellung-11s.html" ] ||
	fail "4: the names are not Jekyll's slugs: $(cd "$o" && find . -name '*.html' | sort | tr '\n' ' ')"
assert_not_contains "$s/folio.yaml" "languages:"
echo "ok: :slug.html, categories as words, languages without polyglot"

#!/bin/bash
# Hugo readings a scout round of December 6's second half found wrong
# (docs/migrating.md, seventeenth pass), each checked against Hugo 0.111:
# 1. JSON front matter ({ "title": ... } at the top), which Hugo reads:
#    folio showed it as the body (datenanfragen's 239 pages);
# 2. static/404.html is the site's error page: folio's own clashed with it
#    and nothing was written (ic.ufrj.br);
# 3. an HTML file without front matter in a folder only a translation has
#    (a redirect) made init write a collection whose list clashed with it:
#    nothing written (digital-canada); it is left out and named now;
# 4. permalinks set under the default language are the site's
#    (digital-canada's 326 posts at /blog/x/ instead of /2018/02/11/x/);
# 5. taxonomies: [] turns them off, as Hugo does;
# 6. init infers no enum of translationKey, which names a page's versions;
# 7. a link to an internationalized host (https://graduação.ufrj.br/) is
#    valid, as a browser follows it.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w config.yaml 'baseURL: https://digital.example.ca/
title: Digital
defaultContentLanguage: en
taxonomies: []
languages:
  en:
    contentDir: content/en
    weight: 1
    paginate: 2
    permalinks:
      blog: /:year/:month/:day/:filename/
  fr:
    contentDir: content/fr
    weight: 2
    permalinks:
      blog: /:year/:month/:day/:filename/
'
w static/404.html '<!doctype html><title>Página não encontrada</title><h1>404</h1>
'
w content/fr/rejoindre/index.html '<meta http-equiv="refresh" content="0; url=/fr/carrieres/">
'
for i in 1 2 3 4 5 6; do
	w content/en/blog/post-$i.md "{
  \"title\": \"Post $i\",
  \"date\": \"2018-02-1${i}T10:00:00-05:00\",
  \"translationKey\": \"post-$i\",
  \"tags\": [\"a\"]
}

Text of post $i, see [the calendar](https://graduação.ufrj.br/calendario).
"
	w content/fr/blog/billet-$i.md "---
title: Billet $i
date: 2018-02-1${i}
translationKey: post-$i
---
Texte du billet $i.
"
done
w content/en/blog/links.md '{ "title": "Links", "date": "2018-01-01" }
See [the first post](/2018/02/11/post-1/).
'
migrate_and_build hugo "$s" "$TEST_DIR/out"
o=$TEST_DIR/out
[ -f "$o/2018/02/11/post-1/index.html" ] || fail "post-1 is not at /2018/02/11/post-1/: $(cd "$o" && find . -name index.html | sort | head -20)"
[ -f "$o/fr/2018/02/11/billet-1/index.html" ] || fail "billet-1 is not at /fr/2018/02/11/billet-1/"
assert_contains "$o/2018/02/11/post-1/index.html" "Post 1"
assert_not_contains "$o/2018/02/11/post-1/index.html" '"translationKey"'
assert_contains "$o/2018/01/01/links/index.html" "the first post"
cmp -s "$s/static/404.html" "$o/404.html" || fail "static/404.html is not the site's 404.html"
assert_contains "$TEST_DIR/init.txt" "content/fr/rejoindre/index.html: an HTML file without front matter that no section holds"
assert_contains "$TEST_DIR/init.txt" "move it to static/fr/rejoindre/index.html"
[ ! -e "$o/tags" ] || fail "taxonomies: [] still made /tags/"
assert_not_contains "$s/folio.yaml" "taxonomies:"
python3 - "$s/schemas" <<'PY' || fail "init wrote an enum of translationKey"
import json, os, sys
for f in os.listdir(sys.argv[1]):
    p = json.load(open(os.path.join(sys.argv[1], f))).get("properties", {})
    assert "enum" not in p.get("translationKey", {}), f
PY
echo "t386: ok"

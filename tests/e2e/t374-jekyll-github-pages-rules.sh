#!/bin/bash
# A GitHub Pages site (the github-pages gem: jekyll-optional-front-matter,
# so no front_matter_pages:) is read with Jekyll's rules all the same
# (jekyll_rules: true, which init writes for every Jekyll site): folio
# read them only with front_matter_pages, and published such a site's
# "{{ page.title }}" as written, with no finding. Jekyll's entry filter
# leaves out files named _x, .x or x~, and its post reader a file in
# _posts whose name has no date, even added after init (a jamstatic-fr
# commit had _posts/_default.md, which folio refused: front-matter/type).
# A front-matter key that is a sequence ("[//]: # (a note)", which Ruby's
# YAML reads) is left out with a warning (HSF's posts; a locked error).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w _config.yml 'title: Le site
url: https://t.example
'
w Gemfile 'source "https://rubygems.org"
gem "github-pages", group: :jekyll_plugins
'
w index.md '---
title: Accueil
---
Bienvenue sur {{ page.title }} de {{ site.title }}. Voir [le billet](/2020/01/02/a.html).
'
w _posts/2020-01-02-a.md '---
title: A
[//]: # (photo: a.jpg, a Markdown comment in the front matter)
---
Un billet.
'
w docs/guide.md '---
title: Guide
---
Le guide.
'
w old.md '---
title: Ancienne page
redirect_to: /docs/guide.html
---
'
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$s/folio.yaml" "jekyll_rules: true"
assert_not_contains "$s/folio.yaml" "front_matter_pages"
assert_contains "$s/folio.yaml" "front-matter/key: warning"
# written after init: none of them is read by Jekyll
w _posts/_default.md '---
title:
layout: post
---
'
w _posts/template.md '---
title: [un modèle]
---
Pas un billet.
'
w docs/_sidebar.md '---
title: [barre]
---
'
w 'docs/guide.md~' 'une copie de sauvegarde'
"$FOLIO" build --worktree "$s" --out "$TEST_DIR/out" >"$TEST_DIR/build.txt" 2>&1 ||
	fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
o=$TEST_DIR/out
# a key Ruby's YAML reads and Jekyll ignores: left out, a warning (it was a locked error)
assert_contains "$TEST_DIR/build.txt" "_posts/2020-01-02-a.md:3:1: warning: a key that is a sequence is no field"
grep -q 'Un billet' "$o/2020/01/02/a.html" || fail "the post with a [//]: # key is not published"
grep -q 'Bienvenue sur Accueil de Le site' "$o/index.html" || fail "{{ page.title }} was not read: $(grep -o 'Bienvenue[^<]*' "$o/index.html")"
grep -q 'docs/guide.html' "$o/old.html" "$o/old/index.html" 2>/dev/null || fail "redirect_to made no redirect"
for f in _default template _sidebar; do
	! grep -rlq "$f" "$o" --include='*.html' || fail "a page of $f was published"
done
[ ! -e "$o/docs/guide.md~" ] || fail "the backup file was published"
echo "ok: a GitHub Pages site is read with Jekyll's rules"

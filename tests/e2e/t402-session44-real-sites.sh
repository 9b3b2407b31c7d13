#!/bin/bash
# Faults two scouts found on real Hugo and Jekyll sites (docs/migrating.md,
# "Twentieth pass"):
# 1. Hugo Blox: a plain term named as a profile's title ("Nelson
#    Bighetti", the profile admin's) is merged into the profile's term;
#    the merged term's slug was freed while searches still read it (ASan:
#    heap-use-after-free on every check of a lab's site). Both terms'
#    pages are at /author/nelson-bighetti/, a later profile at its own.
# 2. A section written in HTML whose _index.html says draft: true
#    (hugegraph's about/) is not published, nor its files, as Hugo.
# 3. Osuny's sites give their baseURL and language in
#    config/production/ over an empty config/_default/config.yaml: init
#    read neither (a French site was English at example.org, with
#    tags and categories for its own taxonomies).
# 4. languages.en.buildFuture: true (every Osuny site): future events are
#    published; init held them.
# 5. Hugo's urlize keeps a term's "/": events_categories:
#    ["summits/workshops"] is at /events_categories/summits/workshops/,
#    where its text (content/events_categories/summits/workshops/_index.md)
#    is; folio wrote /events_categories/summitsworkshops/ and published the
#    text apart. A term's ".." segments are dropped. Edits of the text and
#    an added event publish from the state as a full build does.
# 6. Jekyll: a Liquid feed comparing site values (polyglot's atom.xml:
#    {% if site.active_lang != site.default_lang %}) was read as listing
#    site.default_lang, and init dropped the feed: /atom.xml was missing
#    and every post linking it was refused.
# 7. A folder's index.md at the address of another collection's list (a
#    conference theme's talks/index.md beside _talks) was a page "_index"
#    at /talks/_index/: it is left out, said, and /talks/ is the list.
# 8. {{ site.baseurl | prepend: site.url }}assets/x.jpg (a French
#    association's 56 member photos) is /assets/x.jpg below the site's
#    path, checked; a destination holding Liquid folio does not run is
#    left as written, never made a path below _posts/.
# 9. jekyll-polyglot's relativized URLs: a French post's /about/ is
#    /fr/about/ once about.fr.md exists; the French version added later
#    rewrites the post from the state as a full build does.
# 10. init --baseline on a site of two pages at one address (an Osuny lab's
#    since one commit; Hugo publishes one of them): the page output/clash
#    names is left out (exclude:, said), the other errors made warnings
#    on their pages as before, and the site builds; it was refused whole,
#    output/clash being a locked rule.
# 11. A Decap (Netlify) CMS's admin/ (index.html loading the CMS's script,
#    config.yml naming its backend) is left out, said: init made it a
#    collection that html/active refused (jamstatic-fr).
# 12. (a second round) A Hugo content file written in HTML is HTML whatever
#    allow_html says: Osuny's app/maintenance.html was published as
#    "raw HTML omitted" with a warning; a script in one is still refused
#    (html/active), and left out of the page.
# 13. Osuny's aliases /../fr/accueil/ are /fr/accueil/ (t271 has the rest).
# 14. A GitHub Pages site whose pages/index.md says permalink: / beside a
#    README.md: jekyll-readme-index makes README no page, so init leaves
#    it out (the site was refused, output/clash at index.html); the home
#    text without title: is titled by the site, not "_index".
# 15. Under defaultContentLanguageInSubdir (language_subdir:), a section's
#    url: /fr/agenda/ in the site's language is its list at /agenda/,
#    /fr/agenda/ a redirect, the English list at /en/agenda/: init wrote
#    the url as it was, and the English list was at /en/fr/agenda/.
# 16. A Hugo section named with accents (content/catégorie/) is at
#    /catégorie/, as Hugo's urlize keeps letters: init put it at
#    /categorie/, every old address moved without a redirect.
# 17. A folder added beside content/ after init (a test report's
#    backstop_data/html_report/index.html, docs/notes.md) is none of a
#    Hugo site, as Hugo reads pages in content/ only: folio refused the
#    site (collection/unknown); a page file at the top is still said.
# 18. (a third round) init writes format: isbn for a key named isbn: a
#    small publisher's ten ISBNs, all hyphenated wrongly, passed check
#    after init (the inferred schema said string).
# 19. A Hugo section whose _index.md says published: false (Hugo's older
#    draft: true) is left out with its pages, as Hugo writes none of it.
. "$(dirname "$0")/lib.sh"

# 1
w=$TEST_DIR/w
mkdir -p "$w/content/authors/admin" "$w/content/authors/zed" "$w/content/post"
cat >"$w/hugo.toml" <<'TOML'
baseURL = "https://lab.example/"
title = "Lab"
[taxonomies]
  author = "authors"
[permalinks]
  authors = "/author/:slug/"
TOML
printf -- '---\ntitle: Nelson Bighetti\n---\nNelson.\n' >"$w/content/authors/admin/_index.md"
printf -- '---\ntitle: Other Person\n---\nOther.\n' >"$w/content/authors/zed/_index.md"
printf -- '---\ntitle: P1\ndate: 2024-01-01\nauthors: [admin, zed]\n---\nOne.\n' >"$w/content/post/p1.md"
printf -- '---\ntitle: P2\ndate: 2024-01-02\nauthors: ["Nelson Bighetti"]\n---\nTwo.\n' >"$w/content/post/p2.md"
migrate_and_build hugo "$w" "$TEST_DIR/out-w"
assert_contains "$TEST_DIR/out-w/author/nelson-bighetti/index.html" 'href="/post/p1/"'
assert_contains "$TEST_DIR/out-w/author/nelson-bighetti/index.html" 'href="/post/p2/"'
assert_contains "$TEST_DIR/out-w/author/other-person/index.html" 'href="/post/p1/"'
[ ! -e "$TEST_DIR/out-w/author/admin" ] || fail "the profile is at its key"

# 2
d=$TEST_DIR/d
mkdir -p "$d/content/about" "$d/content/docs"
printf 'baseURL = "https://d.example/"\ntitle = "D"\n' >"$d/hugo.toml"
printf -- '---\ntitle: About\ndraft: true\n---\n<p>A draft.</p>\n' >"$d/content/about/_index.html"
printf 'JPEG' >"$d/content/about/featured.jpg"
printf -- '---\ntitle: Docs\n---\nDocs.\n' >"$d/content/docs/_index.md"
printf -- '---\ntitle: Page\ndate: 2024-01-01\n---\nA page.\n' >"$d/content/docs/p.md"
migrate_and_build hugo "$d" "$TEST_DIR/out-d"
[ -f "$TEST_DIR/out-d/docs/p/index.html" ] || fail "the docs page is missing"
[ ! -e "$TEST_DIR/out-d/about" ] || fail "a draft section is published: $(cd "$TEST_DIR/out-d" && find about)"

# 3
o=$TEST_DIR/o
mkdir -p "$o/config/_default" "$o/config/production" "$o/config/development" "$o/content/fr/posts"
: >"$o/config/_default/config.yaml"
printf 'baseURL: https://www.asso.example/\ndefaultContentLanguage: fr\n' >"$o/config/production/config.yaml"
printf 'baseURL: http://localhost:1313/\n' >"$o/config/development/config.yaml"
printf 'fr:\n  title: Mon association\n  contentDir: content/fr\n  taxonomies:\n    theme: themes\n' \
	>"$o/config/_default/languages.yaml"
printf 'params:\n  color: red\n' >"$o/config/_default/params.yaml"
printf -- '---\ntitle: Actualités\n---\n' >"$o/content/fr/posts/_index.md"
printf -- '---\ntitle: Assemblée générale\ndate: 2024-05-01\nthemes: [vie-associative]\n---\nTexte.\n' \
	>"$o/content/fr/posts/ag.md"
migrate_and_build hugo "$o" "$TEST_DIR/out-o"
assert_contains "$o/folio.yaml" 'base_url: "https://www.asso.example"'
assert_contains "$o/folio.yaml" 'language: "fr"'
assert_contains "$o/folio.yaml" 'title: "Mon association"'
assert_contains "$TEST_DIR/init.txt" "config/production/ is read over the rest"
assert_contains "$TEST_DIR/out-o/themes/vie-associative/index.html" 'href="/posts/ag/"'

# 4
f=$TEST_DIR/f
mkdir -p "$f/config/_default" "$f/content/en/events"
printf 'baseURL: https://f.example/\ndefaultContentLanguage: en\n' >"$f/config/_default/config.yaml"
printf 'en:\n  title: Lab\n  contentDir: content/en\n  buildFuture: true\n' >"$f/config/_default/languages.yaml"
printf -- '---\ntitle: Events\n---\n' >"$f/content/en/events/_index.md"
printf -- '---\ntitle: Workshop 2031\ndate: 2031-03-01T10:00:00+01:00\n---\nUpcoming.\n' >"$f/content/en/events/workshop.md"
migrate_and_build hugo "$f" "$TEST_DIR/out-f"
assert_not_contains "$f/folio.yaml" "hold_future: true"
[ -f "$TEST_DIR/out-f/events/workshop/index.html" ] || fail "a future event is held"

# 5
c=$TEST_DIR/c
mkdir -p "$c/content/events" "$c/content/events_categories/summits/workshops"
printf 'baseURL: https://c.example/\ntitle: Lab\ntaxonomies:\n  events_category: events_categories\n' >"$c/hugo.yaml"
printf -- '---\ntitle: Events\n---\n' >"$c/content/events/_index.md"
printf -- '---\ntitle: Modelling\ndate: 2023-11-23\nevents_categories: ["summits/workshops", "../../etc/x"]\n---\nBody.\n' \
	>"$c/content/events/modelling.md"
printf -- '---\ntitle: Summits\n---\nSummits.\n' >"$c/content/events_categories/summits/_index.md"
printf -- '---\ntitle: Workshops\n---\nAll our workshops.\n' >"$c/content/events_categories/summits/workshops/_index.md"
migrate_and_build hugo "$c" "$TEST_DIR/out-c"
t=$TEST_DIR/out-c/events_categories/summits/workshops/index.html
assert_contains "$t" 'All our workshops.'
assert_contains "$t" 'href="/events/modelling/"'
assert_contains "$TEST_DIR/out-c/events/modelling/index.html" 'href="/events_categories/summits/workshops/"'
assert_contains "$TEST_DIR/out-c/events/modelling/index.html" 'href="/events_categories/etc/x/"'
[ -f "$TEST_DIR/out-c/events_categories/summits/index.html" ] || fail "the parent term's text is not published"
[ ! -e "$TEST_DIR/out-c/events_categories/summitsworkshops" ] || fail "the term lost its /"
[ -z "$(find "$TEST_DIR" -name x -path '*etc*' -not -path "$TEST_DIR/out-c/*" -not -path "$TEST_DIR/c/*")" ] || fail "a term's .. climbed"
repo_of "$c" "$TEST_DIR/rc"
G="git -C $TEST_DIR/rc"
publish "$TEST_DIR/rc" "$TEST_DIR/pc" "$TEST_DIR/sc" "first"
echo "More workshops." >>"$TEST_DIR/rc/content/events_categories/summits/workshops/_index.md" && $G commit -qam text
publish "$TEST_DIR/rc" "$TEST_DIR/pc" "$TEST_DIR/sc" "the term's text edited"
assert_contains "$TEST_DIR/pc/events_categories/summits/workshops/index.html" 'More workshops.'
same_as_full "$TEST_DIR/rc" "$TEST_DIR/pc" "the term's text edited"
printf -- '---\ntitle: Second\ndate: 2024-01-10\nevents_categories: ["summits/workshops"]\n---\nB.\n' \
	>"$TEST_DIR/rc/content/events/second.md" && $G add -A && $G commit -qm add
publish "$TEST_DIR/rc" "$TEST_DIR/pc" "$TEST_DIR/sc" "an added event"
assert_contains "$TEST_DIR/pc/events_categories/summits/workshops/index.html" 'href="/events/second/"'
same_as_full "$TEST_DIR/rc" "$TEST_DIR/pc" "an added event"

# 6
p=$TEST_DIR/p
mkdir -p "$p/_posts"
printf 'title: Poly\nurl: https://p.example\nplugins: [jekyll-polyglot]\nlanguages: ["en", "fr"]\ndefault_lang: "en"\n' >"$p/_config.yml"
cat >"$p/atom.xml" <<'XML'
---
layout: null
permalink: /atom.xml
---
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="{{ site.url }}{% if site.active_lang != site.default_lang %}/{{ site.active_lang }}{% endif %}/atom.xml" rel="self"/>
  {% for post in site.posts limit: 10 %}<entry><title>{{ post.title }}</title></entry>{% endfor %}
</feed>
XML
printf -- '---\ntitle: News\n---\nSubscribe to [the feed](/atom.xml).\n' >"$p/_posts/2024-01-02-news.md"
migrate_and_build jekyll "$p" "$TEST_DIR/out-p"
assert_contains "$p/folio.yaml" 'url: "/atom.xml"'
[ -f "$TEST_DIR/out-p/atom.xml" ] || fail "the posts' feed is missing"

# 7
k=$TEST_DIR/k
mkdir -p "$k/_talks" "$k/talks"
printf 'title: Conf\nurl: https://k.example\ncollections:\n  talks:\n    output: true\n    permalink: /:collection/:title/\n' >"$k/_config.yml"
printf -- '---\nlayout: talk-overview\n---\n' >"$k/talks/index.md"
printf -- '---\nname: First talk\n---\nA talk.\n' >"$k/_talks/talk1.md"
migrate_and_build jekyll "$k" "$TEST_DIR/out-k"
assert_contains "$TEST_DIR/init.txt" "talks/index.md: its address /talks/ is the list folio writes of another collection"
[ ! -e "$TEST_DIR/out-k/talks/_index" ] || fail "talks/index.md is a page _index"
assert_contains "$TEST_DIR/out-k/talks/index.html" 'href="/talks/talk1/"'
assert_not_contains "$TEST_DIR/out-k/sitemap.xml" "_index"

# 8
a=$TEST_DIR/asso
mkdir -p "$a/_posts" "$a/assets/images"
printf 'title: Asso\nurl: https://asso.example\nbaseurl: /asso/\n' >"$a/_config.yml"
printf 'JPEG' >"$a/assets/images/alex.jpg"
cat >"$a/_posts/2024-09-22-alex.md" <<'MD'
---
title: Alex
---
![Alex]({{ site.baseurl | prepend: site.url }}assets/images/alex.jpg)

![Again]({{site.baseurl}}assets/images/alex.jpg) and ![Later]({{ page.photo }}images/alex.jpg)
MD
migrate_and_build jekyll "$a" "$TEST_DIR/out-asso"
post=$(find "$TEST_DIR/out-asso" -path '*alex*' -name '*.html' | head -1)
[ -n "$post" ] || fail "the post is missing"
[ "$(grep -o 'src="/asso/assets/images/alex.jpg"' "$post" | wc -l)" = 2 ] || fail "the photos are not at the site's path: $(grep -o 'src="[^"]*"' "$post")"
assert_not_contains "$post" "_posts"
mv "$a/assets/images/alex.jpg" "$a/assets/images/other.jpg"
"$FOLIO" check --worktree "$a" >"$TEST_DIR/check-asso.txt" 2>&1 && fail "a missing photo passed"
assert_contains "$TEST_DIR/check-asso.txt" "[link/broken]"

# 9
g=$TEST_DIR/g
mkdir -p "$g/_posts/fr"
printf 'title: Demo\nurl: https://g.example\nplugins: [jekyll-polyglot]\nlanguages: ["en", "fr"]\ndefault_lang: "en"\npermalink: pretty\n' >"$g/_config.yml"
printf -- '---\ntitle: About\n---\nAbout us.\n' >"$g/about.md"
printf -- '---\ntitle: News\n---\nSee [about](/about/).\n' >"$g/_posts/2024-01-02-news.md"
printf -- '---\ntitle: Nouvelles\nlang: fr\n---\nVoir [à propos](/about/).\n' >"$g/_posts/fr/2024-01-02-news.md"
migrate_and_build jekyll "$g" "$TEST_DIR/out-g"
fr=$TEST_DIR/out-g/fr/2024/01/02/news/index.html
assert_contains "$fr" 'href="/about/"'
repo_of "$g" "$TEST_DIR/rg"
publish "$TEST_DIR/rg" "$TEST_DIR/pg" "$TEST_DIR/sg" "first"
printf -- '---\ntitle: À propos\nlang: fr\n---\nNous.\n' >"$TEST_DIR/rg/about.fr.md"
git -C "$TEST_DIR/rg" add -A && git -C "$TEST_DIR/rg" commit -qm "French about"
publish "$TEST_DIR/rg" "$TEST_DIR/pg" "$TEST_DIR/sg" "a French version added"
assert_contains "$TEST_DIR/pg/fr/2024/01/02/news/index.html" 'href="/fr/about/"'
assert_contains "$TEST_DIR/pg/2024/01/02/news/index.html" 'href="/about/"'
same_as_full "$TEST_DIR/rg" "$TEST_DIR/pg" "a French version added"

# 10
b=$TEST_DIR/b
mkdir -p "$b/content/events"
printf 'baseURL = "https://b.example/"\ntitle = "B"\n' >"$b/hugo.toml"
printf -- '---\ntitle: A\nurl: /same/\n---\nA.\n' >"$b/content/events/a.md"
printf -- '---\ntitle: B\nurl: /same/\n---\nB.\n' >"$b/content/events/b.md"
printf -- '---\ntitle: C\n---\nSee [nothing](/nowhere/).\n' >"$b/content/events/c.md"
"$FOLIO" init --from hugo --baseline "$b" >"$TEST_DIR/b.txt" 2>&1 || fail "init --baseline failed: $(cat "$TEST_DIR/b.txt")"
assert_contains "$TEST_DIR/b.txt" "baseline: content/events/b.md has the address of another page"
assert_contains "$TEST_DIR/b.txt" "baseline: link/broken is a warning on 1 page"
assert_contains "$b/folio.yaml" '  - "content/events/b.md" # folio init --baseline'
"$FOLIO" build --worktree "$b" --out "$TEST_DIR/out-b" >"$TEST_DIR/b-build.txt" 2>&1 || fail "the baselined site is refused: $(cat "$TEST_DIR/b-build.txt")"
assert_contains "$TEST_DIR/out-b/same/index.html" "A."

# 11
n=$TEST_DIR/cms
mkdir -p "$n/admin" "$n/_posts"
printf 'title: C\nurl: https://c.example\n' >"$n/_config.yml"
printf -- '---\n---\n<html><script src="https://unpkg.com/decap-cms@^3.0.0/dist/decap-cms.js"></script></html>\n' >"$n/admin/index.html"
printf 'backend:\n  name: git-gateway\nmedia_folder: img\n' >"$n/admin/config.yml"
printf -- '---\ntitle: P\n---\nHi.\n' >"$n/_posts/2024-01-01-p.md"
migrate_and_build jekyll "$n" "$TEST_DIR/out-cms"
assert_contains "$TEST_DIR/init.txt" "admin/: the admin page of a Decap (Netlify) CMS"
[ ! -e "$TEST_DIR/out-cms/admin" ] || fail "the CMS's admin page is published"

# 12
m=$TEST_DIR/m
mkdir -p "$m/content/app"
printf 'baseURL = "https://m.example/"\ntitle = "M"\n' >"$m/hugo.toml"
printf -- '---\ntitle: Maintenance\nurl: /app/maintenance.html\n---\n\nNous revenons.\n<hr>\n<i>We are back soon.</i>\n' \
	>"$m/content/app/maintenance.html"
printf -- '---\ntitle: Old\ndate: 2024-01-01\naliases: [/../fr/accueil/]\n---\nOld.\n' >"$m/content/app/old.md"
migrate_and_build hugo "$m" "$TEST_DIR/out-m"
assert_contains "$m/folio.yaml" "allow_html: false"
assert_contains "$TEST_DIR/out-m/app/maintenance.html" "<i>We are back soon.</i>"
assert_not_contains "$TEST_DIR/build.txt" "html/raw"
assert_contains "$TEST_DIR/out-m/fr/accueil/index.html" "/app/old/"
printf -- '---\ntitle: Bad\n---\n<p>Hi <img src=x onerror="alert(1)"></p>\n' >"$m/content/app/bad.html"
"$FOLIO" build --worktree "$m" --out "$TEST_DIR/out-m2" >"$TEST_DIR/m2.txt" 2>&1 && fail "a script in an HTML page passed"
assert_contains "$TEST_DIR/m2.txt" "[html/active]"

# 14
g=$TEST_DIR/ghp
mkdir -p "$g/pages"
printf 'title: The Site\nurl: "https://g.example"\n' >"$g/_config.yml"
printf 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n' >"$g/Gemfile"
printf -- '---\nlayout: page\npermalink: /\n---\n\nHome text.\n' >"$g/pages/index.md"
printf -- '---\ntitle: About\npermalink: /about/\n---\nAbout text.\n' >"$g/pages/about.md"
printf -- '---\ntitle: Contact\n---\nContact text.\n' >"$g/contact.md"
printf '# The Repo Readme\n\nHow to build this site.\n' >"$g/README.md"
migrate_and_build jekyll "$g" "$TEST_DIR/out-ghp"
assert_contains "$TEST_DIR/init.txt" "README.md: a page's permalink: takes its folder's address"
assert_contains "$TEST_DIR/out-ghp/index.html" "Home text."
assert_not_contains "$TEST_DIR/out-ghp/index.html" "_index"
assert_contains "$TEST_DIR/out-ghp/index.html" "<h1>The Site"
[ -z "$(grep -rl "The Repo Readme" "$TEST_DIR/out-ghp")" ] || fail "README is published as a page"

# 15
l=$TEST_DIR/ml
mkdir -p "$l/content/fr/events" "$l/content/en/events"
cat >"$l/hugo.yaml" <<'YAML'
baseURL: https://ml.example/
title: t
defaultContentLanguage: fr
defaultContentLanguageInSubdir: true
languages:
  fr: {contentDir: content/fr, weight: 1}
  en: {contentDir: content/en, weight: 2}
YAML
printf -- '---\ntitle: Agenda\nurl: /fr/agenda/\n---\n' >"$l/content/fr/events/_index.md"
printf -- '---\ntitle: Events\nurl: /en/agenda/\n---\n' >"$l/content/en/events/_index.md"
printf -- '---\ntitle: Conf\ndate: 2024-01-01\nurl: /fr/agenda/2024/conf/\n---\nx\n' >"$l/content/fr/events/conf.md"
printf -- '---\ntitle: Conf EN\ndate: 2024-01-01\nurl: /en/agenda/2024/conf/\n---\nx\n' >"$l/content/en/events/conf.md"
migrate_and_build hugo "$l" "$TEST_DIR/out-ml"
assert_contains "$l/folio.yaml" 'url: "/agenda/"'
assert_contains "$TEST_DIR/out-ml/agenda/index.html" 'href="/agenda/2024/conf/"'
assert_contains "$TEST_DIR/out-ml/en/agenda/index.html" 'href="/en/agenda/2024/conf/"'
[ ! -e "$TEST_DIR/out-ml/en/fr" ] || fail "an English list below /en/fr/"

# 16
a=$TEST_DIR/acc
mkdir -p "$a/content/catégorie" "$a/content/posts"
printf 'baseURL = "https://acc.example/"\ntitle = "A"\n' >"$a/hugo.toml"
printf -- '---\ntitle: Cat\n---\n' >"$a/content/catégorie/_index.md"
printf -- '---\ntitle: Élan\ndate: 2024-01-01\n---\nx\n' >"$a/content/catégorie/élan.md"
printf -- '---\ntitle: Other\ndate: 2024-01-01\n---\n[cat](/catégorie/) [e](/catégorie/élan/)\n' >"$a/content/posts/o.md"
migrate_and_build hugo "$a" "$TEST_DIR/out-acc"
[ -f "$TEST_DIR/out-acc/catégorie/index.html" ] && [ -f "$TEST_DIR/out-acc/catégorie/élan/index.html" ] ||
	fail "the section is not at its accented address: $(cd "$TEST_DIR/out-acc" && find . -name index.html | sort)"

# 17
o=$TEST_DIR/nc
mkdir -p "$o/content/posts"
printf 'baseURL = "https://nc.example/"\ntitle = "N"\n' >"$o/hugo.toml"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\nx\n' >"$o/content/posts/a.md"
"$FOLIO" init --from hugo "$o" >/dev/null 2>&1 || fail "init of the site"
mkdir -p "$o/backstop_data/html_report" "$o/docs"
echo '<html><body>report</body></html>' >"$o/backstop_data/html_report/index.html"
printf '# Notes\nhello\n' >"$o/docs/notes.md"
"$FOLIO" build --worktree "$o" --out "$TEST_DIR/out-nc" >"$TEST_DIR/nc.txt" 2>&1 || fail "a folder beside content/ refused the site: $(cat "$TEST_DIR/nc.txt")"
[ ! -e "$TEST_DIR/out-nc/docs" ] && [ ! -e "$TEST_DIR/out-nc/backstop_data" ] || fail "a folder beside content/ is published"

# 18
i=$TEST_DIR/isbn
mkdir -p "$i/content/livres"
printf 'baseURL = "https://i.example/"\ntitle = "I"\n' >"$i/hugo.toml"
printf -- '---\ntitle: A\nisbn: "978-2-07-036822-8"\n---\nx\n' >"$i/content/livres/a.md"
printf -- '---\ntitle: B\nisbn: "978-10-735-2698-7"\n---\nx\n' >"$i/content/livres/b.md"
"$FOLIO" init --from hugo "$i" >/dev/null 2>&1 || fail "init of the catalogue"
assert_contains "$i/schemas/livres.json" '"format": "isbn"'
"$FOLIO" check --worktree "$i" >"$TEST_DIR/isbn.txt" 2>&1 && fail "a wrongly hyphenated ISBN passed"
assert_contains "$TEST_DIR/isbn.txt" 'content/livres/b.md:3:7: error: ISBN "978-10-735-2698-7" is hyphenated wrongly [isbn/hyphenation]'

# 19
u=$TEST_DIR/unpub
mkdir -p "$u/content/part-1" "$u/content/part-2"
printf 'baseURL: "https://u.example/"\ntitle: Livre\n' >"$u/config.yml"
printf -- '---\ntitle: Partie 1\n---\n' >"$u/content/part-1/_index.md"
printf -- '---\ntitle: Chapitre\ndate: 2018-01-01\n---\nText.\n' >"$u/content/part-1/chapitre.md"
printf -- '---\ntitle: Partie 2\npublished: false\n---\n' >"$u/content/part-2/_index.md"
printf -- '---\ntitle: Suite\ndate: 2018-01-02\n---\nText.\n' >"$u/content/part-2/suite.md"
migrate_and_build hugo "$u" "$TEST_DIR/out-unpub"
[ -f "$TEST_DIR/out-unpub/part-1/chapitre/index.html" ] || fail "the published section is missing"
[ ! -e "$TEST_DIR/out-unpub/part-2" ] || fail "a section of published: false is published"

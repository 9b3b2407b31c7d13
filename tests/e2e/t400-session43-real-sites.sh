#!/bin/bash
# Faults of real sites left from the eighteenth pass:
# 1. Jekyll's :path of a post keeps the date its file's name starts with:
#    under permalink: /posts/:path/, _posts/2020-04-16-Hello-World.md is at
#    /posts/2020-04-16-Hello-World/ (folio put it at /posts/Hello-World/,
#    and every link to it was broken); a publish from the state after an
#    added post is a full build's.
# 2. Hugo's :slug of a term is its page's slug: or title: under Wowchemy's
#    permalinks authors = "/author/:slug/", content/authors/admin/_index.md
#    titled "Nelson Bighetti" is the term admin's page, at
#    /author/nelson-bighetti/ (folio put it at /author/admin/, and every
#    old address of an author changed). init writes slug_from: title; pages
#    link there; a body edit, the text retitled and a post added publish
#    from the state as a full build does; slug_from: takes name or title.
# 3. jekyll-polyglot reads a page's language from its lang: and links the
#    versions of a page by their permalink: (about-en.md and about-de.md,
#    both permalink: /about/): folio refused the whole site (output/clash).
#    init writes language_field: lang; the German versions are below /de/,
#    each linked to the other by hreflang; edits, an added and a deleted
#    version, and a page moved to another language publish from the state
#    as a full build does, and check --state finds what check finds.
# 4. Hugo links a page's versions by their file, whatever their slug: or
#    titles make of their addresses: about.md and about.fr.md with slug:
#    a-propos, and (xHain's blog, a contentDir each, /blog/:slug/ naming
#    pages by their titles) content/de/blog/x.md and content/en/blog/x.md;
#    folio linked versions by their address's name, so none of these had
#    hreflang links. Edits, a retitle that moves a version, an added and a
#    deleted version publish from the state as a full build does.
# 5. A relative link without a last '/' ("../research", a lab's join page)
#    is read from the page's address, where a browser reads it, and written
#    as the address of the page it finds (/research/): that answer is the
#    site's, so the page is written again when the page it names comes or
#    goes (with link/broken a warning, a publish from the state kept
#    href="/research" after content/research/index.md was added).
# 6. A multilingual al-folio: jekyll-polyglot's lang_from_path: true puts
#    _pages/pt-br/cv.md (no lang:) in pt-br, at /pt-br/cv/, the version of
#    _pages/en-us/cv.md (folio refused the site: output/clash at /cv/);
#    Jekyll's :title is a document's own name, without its sub-folder
#    (_news/en-us/announcement_1.md at /news/announcement_1/ under
#    /:collection/:title/, folio kept /news/en-us/...); posts of one address
#    in two languages are versions of each other.
# 7. A lab's profile page (content/authors/jmao/index.md, titled "Jie
#    Mao", under /author/:slug/) at the address of the term "Jie Mao" a
#    publication gives: output/clash named folio.yaml, no page; now the
#    profile's file, which is what to move.
# 8. A Hugo section whose _index.md says _build: {render: always} and
#    cascades _build: {render: never} is its list alone, as Hugo publishes
#    it (/moods/ and its feed); folio left the whole section out (only the
#    build: spelling was read), and a link to /moods/ was refused.
# 9. Jekyll 4's {% post_url 2018-12-22-distill %} finds a post in a
#    sub-folder of _posts (_posts/en-us/...) by its name, as its deprecated
#    fallback does: folio refused the page (link/broken).
# 10. A body edit of a Jekyll page at the top (about.md, a page of the
#    root's collection) or of a post written x.markdown takes the fast
#    path (issue 14: it loaded the whole site, as every top-level file was
#    taken for no page), and is a full build's; the top's index.md (the
#    home page's text) still loads the site.
# 11. jekyll-polyglot's home translated by a file named apart (index-en.md,
#    lang: en, permalink: /, beside the French index.md) is the English
#    home page's text at /en/ (folio refused the site: output/clash); home
#    pages and lists link their versions (hreflang), as Hugo's
#    .AllTranslations does (a language's list once it has pages), and a
#    publish from the state that adds the first English post relinks the
#    French list.
# 12. Jekyll's :title of a name with spaces or signs keeps its capitals and
#    its ._~!$&'()+,;=@ (slugify's pretty mode): 2018-11-05-My DApp.md at
#    /2018/11/05/My-DApp.html, C++11 Rvalue Reference at
#    /2019/01/01/C++11-Rvalue-Reference.html (folio wrote my-dapp and
#    c-11-rvalue-reference, and the site's links to them were broken); on
#    a Hugo site of disablePathToLower, urlize keeps the capitals too.
# 13. (a last scout round) a list links no version in a language that has
#    none of its pages (/docs/ linked the empty /en/docs/, which Hugo
#    does not write), and nothing when it is the only one;
# 14. a plain term with the address a term's text gives ("Min-Yen Kan"
#    written by a page, beside the profile min titled so) is that term:
#    one /author/min-yen-kan/ listing both terms' pages, where folio left
#    the profile at /author/min/ for 181 pages of a lab's site;
# 15. a bundle named for its folder's language too
#    (content/en/project/example/index.en.md) is that language's version
#    of the bundle, at /en/project/example/, not /en/project/example/index.en/.
# 16. {{< ref "/post/b.en.md" >}} on a site of a folder per language is the
#    English page content/en/post/b.md, and "/post/b.zh.md" the site
#    language's, as Hugo's GetPage reads a file name's language: folio
#    refused both links (link/broken).
. "$(dirname "$0")/lib.sh"

# 1
a=$TEST_DIR/a
mkdir -p "$a/_posts/notes"
printf 'title: T\nurl: https://t.example\npermalink: /posts/:path/\n' >"$a/_config.yml"
printf -- '---\ntitle: Home\n---\nSee [x](/posts/2020-04-16-Hello-World/) and [y](/posts/notes/2021-01-02-deep/).\n' >"$a/index.md"
printf -- '---\ntitle: Hello\n---\nHi.\n' >"$a/_posts/2020-04-16-Hello-World.md"
printf -- '---\ntitle: Deep\n---\nDeep.\n' >"$a/_posts/notes/2021-01-02-deep.md"
migrate_and_build jekyll "$a" "$TEST_DIR/out-a"
assert_contains "$a/folio.yaml" 'permalink: "/posts/:path/"'
for f in posts/2020-04-16-Hello-World/index.html posts/notes/2021-01-02-deep/index.html; do
	[ -f "$TEST_DIR/out-a/$f" ] || fail "$f is missing: $(cd "$TEST_DIR/out-a" && find . -type f | sort)"
done
repo_of "$a" "$TEST_DIR/ra"
publish "$TEST_DIR/ra" "$TEST_DIR/pa" "$TEST_DIR/sa" "first"
printf -- '---\ntitle: Later\n---\nSee [hello](/posts/2020-04-16-Hello-World/).\n' >"$TEST_DIR/ra/_posts/2022-03-04-later.md"
git -C "$TEST_DIR/ra" add -A && git -C "$TEST_DIR/ra" commit -qm later
publish "$TEST_DIR/ra" "$TEST_DIR/pa" "$TEST_DIR/sa" "an added post"
[ -f "$TEST_DIR/pa/posts/2022-03-04-later/index.html" ] || fail "the added post is not at its dated path"
same_as_full "$TEST_DIR/ra" "$TEST_DIR/pa" "an added post"

# 2
w=$TEST_DIR/w
mkdir -p "$w/content/authors/admin" "$w/content/authors/jdoe" "$w/content/post"
cat >"$w/config.toml" <<'TOML'
baseURL = "https://lab.example/"
title = "Lab"
[taxonomies]
  author = "authors"
  tag = "tags"
[permalinks]
  authors = "/author/:slug/"
TOML
printf -- '---\ntitle: Nelson Bighetti\n---\nNelson works here.\n' >"$w/content/authors/admin/_index.md"
printf -- '---\ntitle: Jane Doe\nslug: jane\n---\nJane too.\n' >"$w/content/authors/jdoe/_index.md"
printf -- '---\ntitle: First\ndate: 2024-01-02\nauthors: [admin, jdoe, nobody]\ntags: [x]\n---\nSee [Nelson](/author/nelson-bighetti/).\n\n<!--more-->\n\nThe rest.\n' \
	>"$w/content/post/p1.md"
migrate_and_build hugo "$w" "$TEST_DIR/out-w"
assert_contains "$w/folio.yaml" "slug_from: title"
for d in author/nelson-bighetti author/jane author/nobody; do
	[ -f "$TEST_DIR/out-w/$d/index.html" ] && [ -f "$TEST_DIR/out-w/$d/index.xml" ] || fail "/$d/ is missing"
done
[ ! -e "$TEST_DIR/out-w/author/admin" ] && [ ! -e "$TEST_DIR/out-w/author/jdoe" ] || fail "a term is at its key"
assert_contains "$TEST_DIR/out-w/post/p1/index.html" 'href="/author/nelson-bighetti/"'
assert_contains "$TEST_DIR/out-w/post/p1/index.html" 'href="/author/jane/"'
assert_contains "$TEST_DIR/out-w/post/p1/index.html" 'href="/author/nobody/"'
assert_contains "$TEST_DIR/out-w/author/nelson-bighetti/index.html" 'Nelson works here.'
assert_contains "$TEST_DIR/out-w/sitemap.xml" 'https://lab.example/author/nelson-bighetti/</loc>'
repo_of "$w" "$TEST_DIR/rw"
G="git -C $TEST_DIR/rw"
publish "$TEST_DIR/rw" "$TEST_DIR/pw" "$TEST_DIR/sw" "first"
echo "More." >>"$TEST_DIR/rw/content/post/p1.md" && $G commit -qam body
publish "$TEST_DIR/rw" "$TEST_DIR/pw" "$TEST_DIR/sw" "a body edit"
same_as_full "$TEST_DIR/rw" "$TEST_DIR/pw" "a body edit"
sed -i 's/^title: Nelson Bighetti/title: Nelson Bighetti Jr/' "$TEST_DIR/rw/content/authors/admin/_index.md" && $G commit -qam retitle
publish "$TEST_DIR/rw" "$TEST_DIR/pw" "$TEST_DIR/sw" "the text retitled"
[ -f "$TEST_DIR/pw/author/nelson-bighetti-jr/index.html" ] && [ ! -e "$TEST_DIR/pw/author/nelson-bighetti" ] \
	|| fail "the term did not move with its title"
assert_contains "$TEST_DIR/pw/post/p1/index.html" 'href="/author/nelson-bighetti-jr/"'
same_as_full "$TEST_DIR/rw" "$TEST_DIR/pw" "the text retitled"
printf -- '---\ntitle: Second\ndate: 2024-02-03\nauthors: [admin]\ntags: [y]\n---\nTwo.\n' >"$TEST_DIR/rw/content/post/p2.md"
$G add -A && $G commit -qm add
publish "$TEST_DIR/rw" "$TEST_DIR/pw" "$TEST_DIR/sw" "a post added"
assert_contains "$TEST_DIR/pw/post/p2/index.html" 'href="/author/nelson-bighetti-jr/"'
same_as_full "$TEST_DIR/rw" "$TEST_DIR/pw" "a post added"
sed -i 's/slug_from: title/slug_from: heading/' "$w/folio.yaml"
"$FOLIO" check --worktree "$w" >"$TEST_DIR/w.txt" 2>&1 && fail "slug_from: heading passed"
assert_contains "$TEST_DIR/w.txt" 'folio.yaml:'
assert_contains "$TEST_DIR/w.txt" '"slug_from" is "heading", neither name nor title'

# 3
g=$TEST_DIR/g
mkdir -p "$g/_posts"
printf 'title: Poly\nurl: https://poly.example\nplugins: [jekyll-polyglot]\nlanguages: ["en", "de"]\ndefault_lang: "en"\npermalink: pretty\n' \
	>"$g/_config.yml"
printf -- '---\ntitle: About\nlang: en\npermalink: /about/\n---\nAbout us, [auf Deutsch](/de/about/).\n' >"$g/about-en.md"
printf -- '---\ntitle: Über uns\nlang: de\npermalink: /about/\n---\nÜber uns.\n' >"$g/about-de.md"
printf -- '---\ntitle: Home\nlang: en\npermalink: /\n---\nWelcome, [about](/about/).\n' >"$g/index-en.md"
printf -- '---\ntitle: Start\nlang: de\npermalink: /\n---\nWillkommen.\n' >"$g/index-de.md"
printf -- '---\ntitle: Hello\nlang: en\npermalink: /hello/\n---\nHi.\n' >"$g/_posts/2024-01-02-hello-en.md"
printf -- '---\ntitle: Hallo\nlang: de\npermalink: /hello/\n---\nHallo.\n' >"$g/_posts/2024-01-02-hello-de.md"
migrate_and_build jekyll "$g" "$TEST_DIR/out-g"
assert_contains "$g/folio.yaml" "language_field: lang"
for f in about/index.html de/about/index.html hello/index.html de/hello/index.html index.html de/index.html; do
	[ -f "$TEST_DIR/out-g/$f" ] || fail "$f is missing: $(cd "$TEST_DIR/out-g" && find . -name '*.html' | sort)"
done
assert_contains "$TEST_DIR/out-g/de/about/index.html" 'Über uns.'
assert_contains "$TEST_DIR/out-g/about/index.html" 'hreflang="de" href="https://poly.example/de/about/"'
assert_contains "$TEST_DIR/out-g/de/hello/index.html" 'hreflang="en" href="https://poly.example/hello/"'
assert_contains "$TEST_DIR/out-g/de/index.html" 'Willkommen.'
repo_of "$g" "$TEST_DIR/rg"
G="git -C $TEST_DIR/rg"
publish "$TEST_DIR/rg" "$TEST_DIR/pg" "$TEST_DIR/sg" "first"
step() { # step LABEL: commit all, check with and without the state, publish, compare
	$G add -A && $G commit -qm "$1"
	local a=0 b=0
	"$FOLIO" check --repo "$TEST_DIR/rg" HEAD >"$TEST_DIR/c1.txt" 2>&1 || a=$?
	"$FOLIO" check --repo "$TEST_DIR/rg" --state "$TEST_DIR/sg" HEAD >"$TEST_DIR/c2.txt" 2>&1 || b=$?
	[ "$a" = "$b" ] || fail "$1: check says $a, check --state $b: $(cat "$TEST_DIR/c1.txt" "$TEST_DIR/c2.txt")"
	publish "$TEST_DIR/rg" "$TEST_DIR/pg" "$TEST_DIR/sg" "$1"
	same_as_full "$TEST_DIR/rg" "$TEST_DIR/pg" "$1"
}
echo "Mehr." >>"$TEST_DIR/rg/about-de.md"; step "a body edit"
printf '\n<!--more-->\n\nThe rest.\n' >>"$TEST_DIR/rg/about-en.md"; step "a summary cut"
echo "More of the rest." >>"$TEST_DIR/rg/about-en.md"; step "a body edit past the summary"
printf -- '---\ntitle: Contact\nlang: en\npermalink: /contact/\n---\nWrite.\n' >"$TEST_DIR/rg/contact-en.md"
printf -- '---\ntitle: Kontakt\nlang: de\npermalink: /contact/\n---\nSchreiben.\n' >"$TEST_DIR/rg/contact-de.md"
step "two versions added"
[ -f "$TEST_DIR/pg/de/contact/index.html" ] || fail "the added German version is not at /de/contact/"
sed -i 's/^title: Über uns/title: Wer wir sind/' "$TEST_DIR/rg/about-de.md"; step "a version retitled"
$G rm -q about-de.md
$G commit -qm "a version deleted, its link left"
refused_like_full "$TEST_DIR/rg" "$TEST_DIR/pg" "$TEST_DIR/sg" "a version deleted, its link left" 'link to "/de/about/" points to no page'
$G rm -q about-de.md 2>/dev/null || true
sed -i 's|, \[auf Deutsch\](/de/about/)||' "$TEST_DIR/rg/about-en.md"; step "a version deleted"
[ ! -e "$TEST_DIR/pg/de/about" ] || fail "the deleted version is still published"
assert_not_contains "$TEST_DIR/pg/about/index.html" 'hreflang="de"'
sed -i 's/^lang: en/lang: de/; s/^title: Hello/title: Hallo!/' "$TEST_DIR/rg/_posts/2024-01-02-hello-en.md"
$G rm -q _posts/2024-01-02-hello-de.md; step "a page moved to the other language"
[ -f "$TEST_DIR/pg/de/hello/index.html" ] && [ ! -e "$TEST_DIR/pg/hello" ] || fail "the moved page is not at /de/hello/ alone"
sed -i 's/^language_field: lang/language_field: "la ng"/' "$g/folio.yaml"
"$FOLIO" check --worktree "$g" >"$TEST_DIR/g.txt" 2>&1 && fail "language_field: \"la ng\" passed"
assert_contains "$TEST_DIR/g.txt" '"language_field" is "la ng", not a front-matter key'

# 4
h=$TEST_DIR/h
mkdir -p "$h/content/de/blog" "$h/content/en/blog" "$h/content/de/seiten"
cat >"$h/config.toml" <<'TOML'
baseURL = "https://hack.example/"
title = "Hack"
defaultContentLanguage = "de"
[permalinks]
  blog = "/blog/:slug/"
[languages.de]
  weight = 1
  contentDir = "content/de"
[languages.en]
  weight = 2
  contentDir = "content/en"
TOML
printf -- '---\ntitle: Offene Werkstatt\ndate: 2024-03-01\n---\nJeden Dienstag.\n\n<!--more-->\n\nMehr.\n' >"$h/content/de/blog/werkstatt.md"
printf -- '---\ntitle: Open Workshop\ndate: 2024-03-01\n---\nEvery Tuesday.\n\n<!--more-->\n\nMore.\n' >"$h/content/en/blog/werkstatt.md"
printf -- '---\ntitle: Über uns\n---\nWir.\n' >"$h/content/de/seiten/about.md"
printf -- '---\ntitle: About\nslug: about-us\n---\nUs.\n' >"$h/content/en/seiten/about.md" 2>/dev/null \
	|| { mkdir -p "$h/content/en/seiten"; printf -- '---\ntitle: About\nslug: about-us\n---\nUs.\n' >"$h/content/en/seiten/about.md"; }
migrate_and_build hugo "$h" "$TEST_DIR/out-h"
for f in blog/offene-werkstatt/index.html en/blog/open-workshop/index.html seiten/about/index.html en/seiten/about-us/index.html; do
	[ -f "$TEST_DIR/out-h/$f" ] || fail "$f is missing: $(cd "$TEST_DIR/out-h" && find . -name '*.html' | sort)"
done
assert_contains "$TEST_DIR/out-h/blog/offene-werkstatt/index.html" 'hreflang="en" href="https://hack.example/en/blog/open-workshop/"'
assert_contains "$TEST_DIR/out-h/en/blog/open-workshop/index.html" 'hreflang="de" href="https://hack.example/blog/offene-werkstatt/"'
assert_contains "$TEST_DIR/out-h/seiten/about/index.html" 'hreflang="en" href="https://hack.example/en/seiten/about-us/"'
repo_of "$h" "$TEST_DIR/rh"
G="git -C $TEST_DIR/rh"
publish "$TEST_DIR/rh" "$TEST_DIR/ph" "$TEST_DIR/sh" "first"
hstep() { # hstep LABEL: commit all, publish, compare
	$G add -A && $G commit -qm "$1"
	publish "$TEST_DIR/rh" "$TEST_DIR/ph" "$TEST_DIR/sh" "$1"
	same_as_full "$TEST_DIR/rh" "$TEST_DIR/ph" "$1"
}
echo "Noch mehr." >>"$TEST_DIR/rh/content/de/blog/werkstatt.md"; hstep "a body edit past the summary"
sed -i 's/^title: Open Workshop/title: Open Lab/' "$TEST_DIR/rh/content/en/blog/werkstatt.md"; hstep "a version retitled"
assert_contains "$TEST_DIR/ph/blog/offene-werkstatt/index.html" 'hreflang="en" href="https://hack.example/en/blog/open-lab/"'
printf -- '---\ntitle: Repair Café\ndate: 2024-04-01\n---\nFix.\n' >"$TEST_DIR/rh/content/en/blog/repair.md"; hstep "a page added"
printf -- '---\ntitle: Reparatur-Café\ndate: 2024-04-01\n---\nReparieren.\n' >"$TEST_DIR/rh/content/de/blog/repair.md"; hstep "its version added"
assert_contains "$TEST_DIR/ph/en/blog/repair-café/index.html" 'hreflang="de" href="https://hack.example/blog/reparatur-café/"'
$G rm -q content/en/seiten/about.md; hstep "a version deleted"
assert_not_contains "$TEST_DIR/ph/seiten/about/index.html" 'hreflang="en"'

# 5
l=$TEST_DIR/l
mkdir -p "$l/content"
printf 'title = "Lab"\nbaseURL = "https://lab.example.org/"\n' >"$l/config.toml"
printf -- '---\ntitle: Join\ndate: 2020-01-01\n---\nSee our [research page](../research) first.\n' >"$l/content/join.md"
printf -- '---\ntitle: About\ndate: 2020-01-01\n---\nAbout us.\n' >"$l/content/about.md"
"$FOLIO" init --from hugo "$l" >/dev/null 2>&1 || fail "init of the lab"
sed -i 's|^rules:|rules:\n  link/broken: warning|' "$l/folio.yaml"
grep -q 'link/broken: warning' "$l/folio.yaml" || printf 'rules:\n  link/broken: warning\n' >>"$l/folio.yaml"
repo_of "$l" "$TEST_DIR/rl"
G="git -C $TEST_DIR/rl"
publish "$TEST_DIR/rl" "$TEST_DIR/pl" "$TEST_DIR/sl" "a broken link kept as a warning"
assert_contains "$TEST_DIR/pl/join/index.html" 'href="/research"'
mkdir -p "$TEST_DIR/rl/content/research"
printf -- '---\ntitle: Our Research\ndate: 2021-01-01\n---\nWhat we do.\n' >"$TEST_DIR/rl/content/research/index.md"
$G add -A && $G commit -qm "the page it names"
publish "$TEST_DIR/rl" "$TEST_DIR/pl" "$TEST_DIR/sl" "the page it names added"
assert_contains "$TEST_DIR/pl/join/index.html" 'href="/research/"'
same_as_full "$TEST_DIR/rl" "$TEST_DIR/pl" "the page it names added"
$G rm -rq content/research && $G commit -qm "gone again"
publish "$TEST_DIR/rl" "$TEST_DIR/pl" "$TEST_DIR/sl" "the page it names deleted"
assert_contains "$TEST_DIR/pl/join/index.html" 'href="/research"'
same_as_full "$TEST_DIR/rl" "$TEST_DIR/pl" "the page it names deleted"

# 6
f=$TEST_DIR/f
mkdir -p "$f/_pages/en-us" "$f/_pages/pt-br" "$f/_posts/en-us" "$f/_posts/pt-br" "$f/_news/en-us" "$f/_news/pt-br"
cat >"$f/_config.yml" <<'YML'
title: lab
url: https://lab.example
permalink: /blog/:year/:title/
include: ["_pages"]
plugins: [jekyll-polyglot]
languages: ["en-us", "pt-br"]
default_lang: "en-us"
lang_from_path: true
collections:
  news:
    output: true
    permalink: /:collection/:title/
YML
printf -- '---\nlayout: page\ntitle: cv\npermalink: /cv/\n---\nMy CV.\n' >"$f/_pages/en-us/cv.md"
printf -- '---\nlayout: page\ntitle: cv\npermalink: /cv/\n---\nMeu CV.\n' >"$f/_pages/pt-br/cv.md"
printf -- '---\nlayout: post\ntitle: hello\n---\nHello.\n' >"$f/_posts/en-us/2024-01-02-hello.md"
printf -- '---\nlayout: post\ntitle: ola\n---\nOla.\n' >"$f/_posts/pt-br/2024-01-02-hello.md"
printf -- '---\ntitle: First news\ndate: 2015-10-22\n---\nNews, [cv](/cv/).\n' >"$f/_news/en-us/announcement_1.md"
printf -- '---\ntitle: Primeira\ndate: 2015-10-22\n---\nNotícia.\n' >"$f/_news/pt-br/announcement_1.md"
migrate_and_build jekyll "$f" "$TEST_DIR/out-f"
assert_contains "$f/folio.yaml" "language_from_path: true"
for x in cv/index.html pt-br/cv/index.html blog/2024/hello/index.html pt-br/blog/2024/hello/index.html \
	news/announcement_1/index.html pt-br/news/announcement_1/index.html; do
	[ -f "$TEST_DIR/out-f/$x" ] || fail "$x is missing: $(cd "$TEST_DIR/out-f" && find . -name index.html | sort)"
done
[ ! -e "$TEST_DIR/out-f/news/en-us" ] || fail "the news kept its sub-folder"
assert_contains "$TEST_DIR/out-f/pt-br/cv/index.html" 'Meu CV.'
assert_contains "$TEST_DIR/out-f/cv/index.html" 'hreflang="pt-br" href="https://lab.example/pt-br/cv/"'
assert_contains "$TEST_DIR/out-f/blog/2024/hello/index.html" 'hreflang="pt-br" href="https://lab.example/pt-br/blog/2024/hello/"'
repo_of "$f" "$TEST_DIR/rf"
publish "$TEST_DIR/rf" "$TEST_DIR/pf" "$TEST_DIR/sf" "first"
printf -- '---\ntitle: Second\ndate: 2016-01-02\n---\nMore.\n' >"$TEST_DIR/rf/_news/pt-br/second.md"
git -C "$TEST_DIR/rf" add -A && git -C "$TEST_DIR/rf" commit -qm "a news item"
publish "$TEST_DIR/rf" "$TEST_DIR/pf" "$TEST_DIR/sf" "a news item added"
[ -f "$TEST_DIR/pf/pt-br/news/second/index.html" ] || fail "the added item is not at /pt-br/news/second/"
same_as_full "$TEST_DIR/rf" "$TEST_DIR/pf" "a news item added"

# 7
k=$TEST_DIR/k
mkdir -p "$k/config/_default" "$k/content/authors/jmao" "$k/content/publication/p1"
printf 'title: Lab\nbaseURL: https://lab.example.org/\ntaxonomies: {author: authors}\npermalinks:\n  authors: /author/:slug/\n' \
	>"$k/config/_default/hugo.yaml"
printf -- '---\ntitle: Jie Mao\nauthors: [jmao]\n---\nJie studies MRI.\n' >"$k/content/authors/jmao/index.md"
printf -- '---\ntitle: Paper\ndate: 2020-01-01\nauthors:\n- Ana Lee\n- Jie Mao\n---\nText.\n' >"$k/content/publication/p1/index.md"
"$FOLIO" init --from hugo "$k" >/dev/null 2>&1 || fail "init of the lab"
"$FOLIO" check --worktree "$k" >"$TEST_DIR/k.txt" 2>&1 && fail "a page at a term's address passed"
assert_contains "$TEST_DIR/k.txt" 'content/authors/jmao/index.md: error: output "author/jie-mao/index.html" is also a page folio makes'
assert_not_contains "$TEST_DIR/k.txt" 'folio.yaml: error'

# 8
for key in build _build; do
	m=$TEST_DIR/m$key
	mkdir -p "$m/content/moods" "$m/content/posts"
	printf 'title = "S"\nbaseURL = "https://s.example.org/"\n' >"$m/config.toml"
	printf -- "---\ntitle: Moods\n$key:\n  render: always\ncascade:\n  $key:\n    render: never\n---\nAll my moods.\n" \
		>"$m/content/moods/_index.md"
	printf -- '---\ntitle: Happy\ndate: 2022-01-01\n---\nHappy.\n' >"$m/content/moods/happy.md"
	printf -- '---\ntitle: Post\ndate: 2022-01-01\n---\nSee [moods](/moods/).\n' >"$m/content/posts/p.md"
	migrate_and_build hugo "$m" "$TEST_DIR/out-m$key"
	assert_contains "$TEST_DIR/out-m$key/moods/index.html" 'All my moods.'
	[ -f "$TEST_DIR/out-m$key/moods/index.xml" ] || fail "$key: the section's feed is missing"
	[ ! -e "$TEST_DIR/out-m$key/moods/happy" ] || fail "$key: a page of render: never was published"
done

# 9
j=$TEST_DIR/j
mkdir -p "$j/_posts/en-us"
printf 'title: blog\nurl: https://b.example\npermalink: /blog/:year/:title/\n' >"$j/_config.yml"
printf -- '---\nlayout: post\ntitle: distill\n---\nA distill post.\n' >"$j/_posts/en-us/2018-12-22-distill.md"
printf -- '---\nlayout: post\ntitle: bib\n---\nSee the [distill post]({%% post_url 2018-12-22-distill %%}).\n' \
	>"$j/_posts/en-us/2023-07-12-bib.md"
migrate_and_build jekyll "$j" "$TEST_DIR/out-j"
assert_contains "$TEST_DIR/out-j/blog/2023/bib/index.html" 'href="/blog/2018/distill/"'
printf -- '---\ntitle: x\n---\nSee [none]({%% post_url 2018-12-23-none %%}).\n' >"$j/_posts/en-us/2023-07-13-x.md"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/j.txt" 2>&1 && fail "a post_url naming no post passed"
assert_contains "$TEST_DIR/j.txt" '_posts/en-us/2023-07-13-x.md:4:'

# 10
q=$TEST_DIR/q
mkdir -p "$q/_posts"
printf 'title: P\nurl: https://p.example\npermalink: pretty\n' >"$q/_config.yml"
printf -- '---\ntitle: About\npermalink: /about/\n---\nAbout us.\n\n<!--more-->\n\nRest.\n' >"$q/about.md"
printf -- '---\ntitle: Home\n---\nHome.\n' >"$q/index.md"
printf -- '---\ntitle: Long\n---\nFirst.\n\n<!--more-->\n\nRest.\n' >"$q/_posts/2020-05-05-long.markdown"
"$FOLIO" init --from jekyll "$q" >/dev/null 2>&1 || fail "init of q"
repo_of "$q" "$TEST_DIR/rq"
G="git -C $TEST_DIR/rq"
publish "$TEST_DIR/rq" "$TEST_DIR/pq" "$TEST_DIR/sq" "first"
for f in about.md _posts/2020-05-05-long.markdown index.md; do
	echo "More." >>"$TEST_DIR/rq/$f" && $G commit -qam "$f"
	"$FOLIO" build --repo "$TEST_DIR/rq" --rev HEAD --out "$TEST_DIR/pq" --state "$TEST_DIR/sq" >"$TEST_DIR/q.txt" 2>&1 \
		|| fail "$f: $(cat "$TEST_DIR/q.txt")"
	if [ "$f" = index.md ]; then
		assert_not_contains "$TEST_DIR/q.txt" "(fast path)"
	else
		assert_contains "$TEST_DIR/q.txt" "(fast path)"
	fi
	same_as_full "$TEST_DIR/rq" "$TEST_DIR/pq" "$f edited"
done

# 11
h2=$TEST_DIR/h2
mkdir -p "$h2/_posts"
printf 'title: T\nurl: https://t.example\nplugins: [jekyll-polyglot]\nlanguages: ["fr", "en"]\ndefault_lang: "fr"\n' \
	>"$h2/_config.yml"
printf -- '---\ntitle: Accueil\nlang: fr\npermalink: /\n---\nBonjour.\n' >"$h2/index.md"
printf -- '---\ntitle: Home\nlang: en\npermalink: /\n---\nHello.\n' >"$h2/index-en.md"
printf -- '---\ntitle: A\nlang: fr\npermalink: /a/\n---\nA.\n' >"$h2/a.md"
printf -- '---\ntitle: Nouvelle\nlang: fr\n---\nN.\n' >"$h2/_posts/2024-01-02-nouvelle.md"
migrate_and_build jekyll "$h2" "$TEST_DIR/out-h2"
assert_contains "$TEST_DIR/out-h2/en/index.html" 'Hello.'
assert_contains "$TEST_DIR/out-h2/index.html" 'Bonjour.'
assert_contains "$TEST_DIR/out-h2/index.html" 'hreflang="en" href="https://t.example/en/"'
assert_contains "$TEST_DIR/out-h2/en/index.html" 'hreflang="fr" href="https://t.example/"'
assert_not_contains "$TEST_DIR/out-h2/posts/index.html" 'hreflang="en"'
repo_of "$h2" "$TEST_DIR/rh2"
publish "$TEST_DIR/rh2" "$TEST_DIR/ph2" "$TEST_DIR/sh2" "first"
printf -- '---\ntitle: News\nlang: en\n---\nN.\n' >"$TEST_DIR/rh2/_posts/2024-01-03-news.md"
git -C "$TEST_DIR/rh2" add -A && git -C "$TEST_DIR/rh2" commit -qm "an English post"
publish "$TEST_DIR/rh2" "$TEST_DIR/ph2" "$TEST_DIR/sh2" "an English post"
assert_contains "$TEST_DIR/ph2/posts/index.html" 'hreflang="en" href="https://t.example/en/posts/"'
same_as_full "$TEST_DIR/rh2" "$TEST_DIR/ph2" "an English post"

# 12
y=$TEST_DIR/y
mkdir -p "$y/_posts"
printf 'title: b\nurl: https://b.example\n' >"$y/_config.yml"
printf -- '---\ntitle: x\n---\nx\n' >"$y/_posts/2018-11-05-My DApp.md"
printf -- '---\ntitle: y\n---\ny\n' >"$y/_posts/2019-01-01-C++11 Rvalue Reference.md"
printf -- '---\ntitle: z\n---\nSee [a](/2018/11/05/My-DApp.html) and [b](/2019/01/01/C++11-Rvalue-Reference.html).\n' \
	>"$y/_posts/2019-02-02-links.md"
migrate_and_build jekyll "$y" "$TEST_DIR/out-y"
for f in 2018/11/05/My-DApp.html 2019/01/01/C++11-Rvalue-Reference.html; do
	[ -f "$TEST_DIR/out-y/$f" ] || fail "$f is missing: $(cd "$TEST_DIR/out-y" && find . -name '*.html' | sort)"
done
u=$TEST_DIR/u
mkdir -p "$u/content/blog"
printf 'baseURL = "https://u.example/"\ntitle = "U"\ndisablePathToLower = true\n' >"$u/hugo.toml"
printf -- '---\ntitle: V\n---\nv\n' >"$u/content/blog/Velero Backup Guide.md"
migrate_and_build hugo "$u" "$TEST_DIR/out-u"
[ -f "$TEST_DIR/out-u/blog/Velero-Backup-Guide/index.html" ] || fail "Hugo's urlize lowered the capitals: $(cd "$TEST_DIR/out-u" && find . -name index.html | sort)"

# 13
e1=$TEST_DIR/e1
mkdir -p "$e1/content/ja/docs" "$e1/content/ja/post" "$e1/content/en/post"
printf 'baseURL: https://example.org/\ntitle: T\ndefaultContentLanguage: ja\nlanguages:\n  ja: {contentDir: content/ja, weight: 1}\n  en: {contentDir: content/en, weight: 2}\n' \
	>"$e1/hugo.yaml"
printf -- '---\ntitle: 手順\n---\n本文。\n' >"$e1/content/ja/docs/a.md"
printf -- '---\ntitle: 投稿\ndate: 2024-01-01\n---\n本文。\n' >"$e1/content/ja/post/b.md"
printf -- '---\ntitle: Post\ndate: 2024-01-01\n---\nText.\n' >"$e1/content/en/post/b.md"
migrate_and_build hugo "$e1" "$TEST_DIR/out-e1"
assert_not_contains "$TEST_DIR/out-e1/docs/index.html" 'hreflang'
assert_contains "$TEST_DIR/out-e1/post/index.html" 'hreflang="en" href="https://example.org/en/post/"'

# 14
k2=$TEST_DIR/k2
mkdir -p "$k2/config/_default" "$k2/content/authors/min" "$k2/content/publication/p1" "$k2/content/publication/p2"
printf 'title: Lab\nbaseURL: https://lab.example.org/\ntaxonomies: {author: authors}\npermalinks:\n  authors: /author/:slug/\n' \
	>"$k2/config/_default/hugo.yaml"
printf -- '---\ntitle: Min-Yen Kan\n---\nThe head of the lab.\n' >"$k2/content/authors/min/_index.md"
printf -- '---\ntitle: One\ndate: 2020-01-01\nauthors: [min]\n---\nOne.\n' >"$k2/content/publication/p1/index.md"
printf -- '---\ntitle: Two\ndate: 2021-01-01\nauthors: ["Min-Yen Kan"]\n---\nTwo.\n' >"$k2/content/publication/p2/index.md"
migrate_and_build hugo "$k2" "$TEST_DIR/out-k2"
[ ! -e "$TEST_DIR/out-k2/author/min" ] || fail "the profile stayed at its key"
assert_contains "$TEST_DIR/out-k2/author/min-yen-kan/index.html" 'The head of the lab.'
assert_contains "$TEST_DIR/out-k2/author/min-yen-kan/index.html" 'href="/publication/p1/"'
assert_contains "$TEST_DIR/out-k2/author/min-yen-kan/index.html" 'href="/publication/p2/"'
assert_contains "$TEST_DIR/out-k2/publication/p1/index.html" 'href="/author/min-yen-kan/"'
repo_of "$k2" "$TEST_DIR/rk2"
publish "$TEST_DIR/rk2" "$TEST_DIR/pk2" "$TEST_DIR/sk2" "first"
printf -- '---\ntitle: Three\ndate: 2022-01-01\nauthors: ["Min-Yen Kan", min]\n---\nThree.\n' >"$TEST_DIR/rk2/content/publication/p3.md"
git -C "$TEST_DIR/rk2" add -A && git -C "$TEST_DIR/rk2" commit -qm three
publish "$TEST_DIR/rk2" "$TEST_DIR/pk2" "$TEST_DIR/sk2" "a page giving both"
same_as_full "$TEST_DIR/rk2" "$TEST_DIR/pk2" "a page giving both"

# 15
b5=$TEST_DIR/b5
mkdir -p "$b5/content/zh/project/example" "$b5/content/en/project/example"
printf 'baseURL: https://example.org/\ntitle: T\ndefaultContentLanguage: zh\nlanguages:\n  zh: {contentDir: content/zh, weight: 1}\n  en: {contentDir: content/en, weight: 2}\n' \
	>"$b5/hugo.yaml"
printf -- '---\ntitle: Example\n---\nEnglish text.\n' >"$b5/content/en/project/example/index.en.md"
printf -- '---\ntitle: 例子\n---\n中文。\n' >"$b5/content/zh/project/example/index.md"
migrate_and_build hugo "$b5" "$TEST_DIR/out-b5"
assert_contains "$TEST_DIR/out-b5/en/project/example/index.html" 'English text.'
[ ! -e "$TEST_DIR/out-b5/en/project/example/index.en" ] || fail "the English bundle is at index.en/"
assert_contains "$TEST_DIR/out-b5/project/example/index.html" 'hreflang="en" href="https://example.org/en/project/example/"'

# 16
r6=$TEST_DIR/r6
mkdir -p "$r6/content/zh/post" "$r6/content/en/post"
printf 'baseURL: https://example.org/\ntitle: T\ndefaultContentLanguage: zh\nlanguages:\n  zh: {contentDir: content/zh, weight: 1}\n  en: {contentDir: content/en, weight: 2}\n' \
	>"$r6/hugo.yaml"
printf -- '---\ntitle: 文\ndate: 2024-01-01\n---\n中文。\n' >"$r6/content/zh/post/b.md"
printf -- '---\ntitle: B\ndate: 2024-01-01\n---\nText.\n' >"$r6/content/en/post/b.md"
printf -- '---\ntitle: 索引\ndate: 2024-01-02\n---\n[b]({{< ref "/post/b.zh.md" >}})\n' >"$r6/content/zh/post/a.md"
printf -- '---\ntitle: Index\ndate: 2024-01-02\n---\n[b]({{< ref "/post/b.en.md" >}}), [c]({{< ref "/post/b.en.en.md" >}})\n' \
	>"$r6/content/en/post/a.md"
"$FOLIO" init --from hugo "$r6" >/dev/null 2>&1 || fail "init of r6"
"$FOLIO" check --worktree "$r6" >"$TEST_DIR/r6.txt" 2>&1 && fail "a ref of two language suffixes passed"
assert_contains "$TEST_DIR/r6.txt" 'content/en/post/a.md:5:'
assert_not_contains "$TEST_DIR/r6.txt" 'b.en.md"'
assert_not_contains "$TEST_DIR/r6.txt" 'b.zh.md"'
sed -i 's|, \[c\]({{< ref "/post/b.en.en.md" >}})||' "$r6/content/en/post/a.md"
"$FOLIO" build --worktree "$r6" --out "$TEST_DIR/out-r6" >"$TEST_DIR/r6b.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/r6b.txt")"
assert_contains "$TEST_DIR/out-r6/en/post/a/index.html" 'href="/en/post/b/"'
assert_contains "$TEST_DIR/out-r6/post/a/index.html" 'href="/post/b/"'
echo "ok"

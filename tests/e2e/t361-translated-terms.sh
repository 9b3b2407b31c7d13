#!/bin/bash
# A translation's taxonomy terms have pages of their own below its language,
# as Hugo writes them: a French post's tag leads to /fr/tags/<term>/, which
# lists the French posts (and the English term page none of them), with its
# feeds in French; /fr/tags/ lists the French terms, and a language with no
# tag has its empty /de/tags/. A term's text in French
# (content/tags/science/_index.fr.md) names the French term page. Before,
# the French tag led to /tags/données/, which no build wrote. Published
# commit after commit, the output is a full build's.
. "$(dirname "$0")/lib.sh"
need_feedparser

repo=$TEST_DIR/repo out=$TEST_DIR/out state=$TEST_DIR/state
mkdir -p "$repo/content/posts" "$repo/content/tags/science"
cd "$repo"
cat >config.toml <<'TOML'
baseURL = "https://lab.example/"
title = "Lab"
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.fr]
weight = 2
[languages.de]
weight = 3
TOML
printf -- '---\ntitle: Alpha\ndate: 2024-01-02\ntags: [science, Open Data]\n---\n\nHello.\n' >content/posts/a.md
printf -- '---\ntitle: Alpha FR\ndate: 2024-01-02\ntags: [science, données]\n---\n\nBonjour.\n' >content/posts/a.fr.md
printf -- '---\ntitle: Beta FR\ndate: 2024-01-03\ntags: [données]\n---\n\nEn français.\n' >content/posts/b.fr.md
printf -- '---\ntitle: Hallo\ndate: 2024-01-04\n---\n\nOhne Schlagwort.\n' >content/posts/c.de.md
printf -- '---\ntitle: Sciences (FR)\n---\n\nLes sciences.\n' >content/tags/science/_index.fr.md
"$FOLIO" init --from hugo . >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
git init -q && git add -A && git commit -qm site

publish "$repo" "$out" "$state" "the first publish"
same_as_full "$repo" "$out" "the first publish"

# the French post's tags lead to the French term pages, which exist
for href in /fr/tags/science/ /fr/tags/données/; do
	assert_contains "$out/fr/posts/a/index.html" "rel=\"tag\" href=\"$href\""
	[ -f "$out${href}index.html" ] || fail "$href, a French post's tag, has no page"
done
assert_not_contains "$out/fr/posts/a/index.html" 'href="/tags/'
assert_contains "$out/posts/a/index.html" 'rel="tag" href="/tags/science/"'

# each language's term lists its own pages
assert_contains "$out/fr/tags/données/index.html" 'href="/fr/posts/a/"'
assert_contains "$out/fr/tags/données/index.html" 'href="/fr/posts/b/"'
assert_not_contains "$out/fr/tags/données/index.html" 'href="/posts/a/"'
assert_contains "$out/tags/science/index.html" 'href="/posts/a/"'
assert_not_contains "$out/tags/science/index.html" 'href="/fr/posts/'
[ ! -e "$out/tags/données" ] || fail "/tags/données/: no English page gives that term"
[ ! -e "$out/fr/tags/open-data" ] || fail "/fr/tags/open-data/: no French page gives that term"
assert_contains "$out/fr/tags/données/index.html" '<html lang="fr"'
assert_contains "$out/fr/tags/index.html" 'href="/fr/tags/science/"'
assert_not_contains "$out/fr/tags/index.html" 'href="/tags/open-data/"'
[ -f "$out/de/tags/index.html" ] || fail "/de/tags/, which Hugo writes for a language without terms, is missing"
# the French term's text titles its page; the English term keeps its name
assert_contains "$out/fr/tags/science/index.html" 'Sciences (FR)'
assert_contains "$out/fr/tags/science/index.html" 'Les sciences.'
assert_not_contains "$out/tags/science/index.html" 'Sciences (FR)'
[ ! -e "$out/fr/tags/science/_index" ] || fail "the term's text got a page of its own"

# the French term's feeds: in French, the French posts, each feed valid
feed_check atom "$out/fr/tags/données/atom.xml" >"$TEST_DIR/atom.txt" || fail "the French term's Atom is refused"
feed_check rss "$out/fr/tags/données/index.xml" >"$TEST_DIR/rss.txt" || fail "the French term's RSS is refused"
for f in atom rss; do
	assert_contains "$TEST_DIR/$f.txt" 'Beta FR|https://lab.example/fr/posts/b/'
	assert_contains "$TEST_DIR/$f.txt" 'Alpha FR|https://lab.example/fr/posts/a/'
	[ "$(wc -l <"$TEST_DIR/$f.txt")" = 2 ] || fail "the French term's $f feed holds other pages: $(cat "$TEST_DIR/$f.txt")"
done
assert_contains "$out/fr/tags/données/index.json" '"language": "fr"'
assert_contains "$out/fr/tags/données/index.json" '"feed_url": "https://lab.example/fr/tags/donn'
assert_contains "$out/fr/sitemap.xml" '<loc>https://lab.example/fr/tags/science/</loc>'

# a German post gets a tag: its term page comes; the French ones stay
printf -- '---\ntitle: Hallo\ndate: 2024-01-04\ntags: [Wissenschaft]\n---\n\nMit Schlagwort.\n' >content/posts/c.de.md
git commit -qam "a German tag"
publish "$repo" "$out" "$state" "a German tag"
assert_contains "$out/de/posts/c/index.html" 'rel="tag" href="/de/tags/wissenschaft/"'
assert_contains "$out/de/tags/wissenschaft/index.html" 'href="/de/posts/c/"'
assert_contains "$out/de/tags/index.html" 'href="/de/tags/wissenschaft/"'
same_as_full "$repo" "$out" "a German tag"

# the French posts leave a term: its French term page goes, the English stays
printf -- '---\ntitle: Alpha FR\ndate: 2024-01-02\ntags: [science]\n---\n\nBonjour.\n' >content/posts/a.fr.md
printf -- '---\ntitle: Beta FR\ndate: 2024-01-03\ntags: [science]\n---\n\nEn français.\n' >content/posts/b.fr.md
git commit -qam "no French post is about données"
publish "$repo" "$out" "$state" "a French term emptied"
[ ! -e "$out/fr/tags/données/index.html" ] || fail "/fr/tags/données/ stayed without French pages"
assert_not_contains "$out/fr/tags/index.html" 'données'
assert_contains "$out/fr/tags/science/index.html" 'href="/fr/posts/b/"'
[ -f "$out/tags/science/index.html" ] || fail "/tags/science/ went"
same_as_full "$repo" "$out" "a French term emptied"

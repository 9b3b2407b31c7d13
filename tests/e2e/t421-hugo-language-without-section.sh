#!/bin/bash
# A section with no page in a language (MyPaint's site: languages en, es,
# fr, ja; its blog in English only): Hugo 0.111 writes no /es/blog/, nor
# its feeds, unless a page of the section or its _index.es.md is in
# Spanish (then /es/docs/ is written, empty). folio wrote /es/blog/,
# /fr/blog/ ... for every collection in every language.
# 1. init writes empty_language_lists: false, and the outputs in each
#    language are Hugo's: lists (and feeds) where the language has pages or
#    a section page, none elsewhere, nor in the sitemap; the navigation of
#    a Spanish page leads to the English list where Spanish has none, to
#    the Spanish one where it has one.
# 2. Published commit by commit, as a full build: a first Spanish post
#    makes /es/blog/ (and every Spanish page leads there), an edit of a
#    Spanish page's body keeps the rest, deleting the post removes it.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/pages/blog" "$s/pages/news" "$s/pages/docs" "$s/pages/about"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://paint.example/"
title = "Paint"
contentDir = "pages"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
[languages.en]
weight = 1
[languages.es]
weight = 2
[languages.fr]
weight = 3
TOML
page() { printf -- '---\ntitle: %s\ndate: 2020-01-0%s\n---\n%s\n' "$2" "${3:-1}" "$2 text." >"$s/pages/$1"; }
page _index.md Home
page blog/_index.md Blog
page blog/first.md First
page news/item.md Item
page docs/_index.md Docs
page docs/_index.es.md Documentos
page docs/guide.md Guide
page about/_index.md About
page about/team.md Team
page about/team.es.md Equipo
# 1
migrate_and_build hugo "$s" "$TEST_DIR/out"
grep -qx "empty_language_lists: false" "$s/folio.yaml" || fail "1: $(cat "$s/folio.yaml")"
o=$TEST_DIR/out
for there in es/about/index.html es/about/atom.xml es/docs/index.html es/docs/index.xml es/index.html fr/index.html \
	blog/index.html news/index.html blog/atom.xml; do
	[ -f "$o/$there" ] || fail "1: no /$there"
done
for gone in es/blog es/news fr/blog fr/news fr/docs fr/about; do
	[ ! -e "$o/$gone" ] || fail "1: /$gone/ written: $(ls "$o/$gone")"
done
assert_not_contains "$o/es/sitemap.xml" "/es/blog/"
assert_not_contains "$o/fr/sitemap.xml" "/fr/docs/"
assert_contains "$o/es/sitemap.xml" "<loc>https://paint.example/es/docs/</loc>"
assert_contains "$o/es/about/team/index.html" 'href="/blog/"'
assert_contains "$o/es/about/team/index.html" 'href="/es/about/"'
assert_contains "$o/es/about/team/index.html" 'href="/es/docs/"'
assert_not_contains "$o/es/about/team/index.html" 'href="/es/blog/"'
assert_contains "$o/es/index.html" 'href="/blog/"'
assert_contains "$o/fr/index.html" 'href="/about/"'
# 2
# traced LABEL WANT: publish HEAD as publish() does, its trace saying WANT
traced() {
	FOLIO_TRACE=1 "$FOLIO" build --repo "$r" --rev HEAD --out "$pub" --state "$state" \
		>"$TEST_DIR/trace.txt" 2>&1 || fail "$1: publish failed: $(cat "$TEST_DIR/trace.txt")"
	grep -q "$2" "$TEST_DIR/trace.txt" || { cat "$TEST_DIR/trace.txt" >&2; fail "$1: the trace does not say: $2"; }
	same_as_full "$r" "$pub" "$1"
}
r=$TEST_DIR/repo
repo_of "$s" "$r"
pub=$TEST_DIR/pub state=$TEST_DIR/state
publish "$r" "$pub" "$state" "2: first"
same_as_full "$r" "$pub" "2: first"
printf -- '---\ntitle: Primero\ndate: 2020-01-05\n---\nPrimero.\n' >"$r/pages/blog/first.es.md"
git -C "$r" add -A && git -C "$r" commit -qm "a first Spanish post"
traced "2: add" "site model not used: the list of blog in es comes or goes"
assert_contains "$pub/es/blog/index.html" "Primero"
assert_contains "$pub/es/about/team/index.html" 'href="/es/blog/"'
sed -i 's/^Equipo text\./Equipo, otra vez./' "$r/pages/about/team.es.md"
git -C "$r" commit -qam "a Spanish body"
traced "2: body" "from the site model: 1 pages changed"
assert_contains "$pub/es/about/team/index.html" "otra vez"
git -C "$r" rm -q pages/blog/first.es.md && git -C "$r" commit -qm "no Spanish post"
traced "2: delete" "site model not used: the list of blog in es comes or goes"
[ ! -e "$pub/es/blog/index.html" ] || fail "2: /es/blog/ left"
assert_contains "$pub/es/about/team/index.html" 'href="/blog/"'
sed -i 's/^Equipo, otra vez\./Equipo, de nuevo./' "$r/pages/about/team.es.md"
git -C "$r" commit -qam "a Spanish body again"
traced "2: body again" "from the site model: 1 pages changed"
assert_contains "$pub/es/about/team/index.html" 'href="/blog/"'
# 3: a site of folio's own that says empty_language_lists: false, whose
# bodies take the fast path (a partial site, which asks the state which
# lists there are); without it (the default, true), every language has
# every list, as before
f=$TEST_DIR/own
translated_posts "$f"
"$FOLIO" build --worktree "$f" --out "$TEST_DIR/default" >/dev/null 2>&1 || fail "3: default build"
[ -f "$TEST_DIR/default/es/posts/index.html" ] || fail "3: the default has no /es/posts/"
printf '  - name: notes\n    label: Notes\nempty_language_lists: false\n' >>"$f/folio.yaml"
mkdir -p "$f/notes"
printf -- '---\ntitle: Hello\ndate: 2024-01-01\n---\nHello.\n' >"$f/posts/hello.md"
printf -- '---\ntitle: Bonjour\ndate: 2024-01-01\n---\nBonjour.\n\nSuite.\n' >"$f/posts/hello.fr.md"
printf -- '---\ntitle: Other\ndate: 2024-01-02\n---\nOther.\n' >"$f/posts/other.md"
printf -- '---\ntitle: Note\n---\nA note.\n' >"$f/notes/note.md"
r=$TEST_DIR/own-repo pub=$TEST_DIR/own-pub state=$TEST_DIR/own-state
repo_of "$f" "$r"
publish "$r" "$pub" "$state" "3: first"
same_as_full "$r" "$pub" "3: first"
[ -f "$pub/fr/posts/index.html" ] && [ ! -e "$pub/es/posts" ] || fail "3: lists: $(ls "$pub/fr" "$pub/es")"
assert_contains "$pub/es/index.html" 'href="/posts/"'
assert_contains "$pub/fr/posts/hello/index.html" 'href="/fr/posts/"'
assert_contains "$pub/fr/posts/hello/index.html" 'href="/notes/"'
[ ! -e "$pub/fr/notes" ] || fail "3: /fr/notes/ written"
sed -i 's/^Suite\./Suite, le monde./' "$r/posts/hello.fr.md"
git -C "$r" commit -qam "a French body"
traced "3: body" "(fast path)"
assert_contains "$pub/fr/posts/hello/index.html" "le monde"
assert_contains "$pub/fr/posts/hello/index.html" 'href="/notes/"'
printf -- '---\ntitle: Hola\ndate: 2024-01-01\n---\nHola.\n' >"$r/posts/hello.es.md"
git -C "$r" add -A && git -C "$r" commit -qm "a Spanish post"
traced "3: add" "site model not used: the list of posts in es comes or goes"
assert_contains "$pub/es/posts/index.html" "Hola"
assert_contains "$pub/fr/posts/hello/index.html" 'hreflang="es"'
printf -- '---\ntitle: Otra\ndate: 2024-01-02\n---\nOtra.\n' >"$r/posts/other.es.md"
git -C "$r" add -A && git -C "$r" commit -qm "another Spanish post"
traced "3: add another" "from the site model: 1 pages changed"
echo "t421 ok"

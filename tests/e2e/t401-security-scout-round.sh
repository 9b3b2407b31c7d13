#!/bin/bash
# A security scout's round on what pushers write (each refused before with
# no finding, or published):
# 1. with allow_html, an HTML comment a browser ends early ("<!-->",
#    "<!--->", "--!>") hid an <img onerror> from html/active: it ran;
# 2. a page at /.folio-output (url:, an alias) or static/.folio-output
#    replaced the outputs' marker, and its deletion later left an output
#    folio refused to write; refused at its line, the marker kept;
# 3. a page of more terms than the terms budget (each a page listing it):
#    budget/terms at the key's line (3,000 tags took minutes to check);
#    folio.yaml's limits: sets it;
# 4. a name the slug rule makes longer than a file name may be (76 CJK
#    characters, 303 bytes once transliterated), or a long slug:, failed
#    the build with no finding: slug/invalid;
# 5. NUL in a YAML or TOML string ("\u0000") cut the value where readers
#    stop: front-matter/syntax at its line.
# 6. (second round) init wrote a site's schemas through schemas ->
#    ../elsewhere, outside the folder it was given, --force replacing a
#    file there: refused, nothing written outside;
# 7. a pushed template of 99 nested sections made every lookup walk 99
#    context frames, 9 s a page within the 50-million-step budget: each
#    frame is a step now, and the budget 20 million (the check below took
#    33 s for four pages; a second now).
# 8. values this stop reads from pages: a lang: that names no language
#    (../../etc) leaves the page in the site's language, a page's lang: of
#    another language puts nothing outside that language's folder, and a
#    term text's title or slug: that climbs (../../etc, .folio-output) is
#    made one plain name below the taxonomy's folder.
. "$(dirname "$0")/lib.sh"

site() { # site DIR [folio.yaml lines]: a site of one collection, pages
	mkdir -p "$1/pages"
	printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n%s' "${2:-}" >"$1/folio.yaml"
	printf -- '---\ntitle: Home\n---\nHello.\n' >"$1/pages/home.md"
}

# 1
a=$TEST_DIR/a
site "$a" 'allow_html: true
'
printf -- '---\ntitle: X\n---\nText\n\n<!--><img src=x onerror="alert(1)">-->\n' >"$a/pages/x.md"
printf -- '---\ntitle: Y\n---\nText\n\n<!-- a --!><img src=x onerror="alert(1)">-->\n' >"$a/pages/y.md"
printf -- '---\ntitle: W\n---\nText <!---><img src=x onerror=alert(1)>--> here.\n' >"$a/pages/w.md"
printf -- '---\ntitle: K\n---\nText\n\n<!-- a note -- with dashes, <img onerror=x> as text -->\n' >"$a/pages/k.md"
"$FOLIO" check --worktree "$a" >"$TEST_DIR/a.txt" 2>&1 && fail "the hidden handlers passed"
assert_contains "$TEST_DIR/a.txt" 'pages/x.md:6:17: error: attribute "onerror" of <img> is not allowed [html/active]'
assert_contains "$TEST_DIR/a.txt" 'pages/y.md:6:23: error: attribute "onerror" of <img> is not allowed [html/active]'
assert_contains "$TEST_DIR/a.txt" 'pages/w.md:4:'
assert_not_contains "$TEST_DIR/a.txt" 'pages/k.md'

# 2
b=$TEST_DIR/b
site "$b" 'static_at_root: true
'
repo_of "$b" "$TEST_DIR/rb"
publish "$TEST_DIR/rb" "$TEST_DIR/pb" "$TEST_DIR/sb" "first"
marker=$(cat "$TEST_DIR/pb/.folio-output")
G="git -C $TEST_DIR/rb"
for fm in 'url: /.folio-output' 'url: /.folio-output/' 'aliases: ["/.folio-output"]' 'aliases: [/.FOLIO-OUTPUT/x/]'; do
	printf -- '---\ntitle: M\n%s\n---\nx\n' "$fm" >"$TEST_DIR/rb/pages/m.md"
	$G add -A && $G commit -qm "$fm"
	refused_like_full "$TEST_DIR/rb" "$TEST_DIR/pb" "$TEST_DIR/sb" "$fm" 'pages/m.md:3:'
	[ "$(cat "$TEST_DIR/pb/.folio-output")" = "$marker" ] || fail "$fm: the marker changed"
done
mkdir -p "$TEST_DIR/rb/static" && echo pwned >"$TEST_DIR/rb/static/.folio-output"
$G add -A && $G commit -qm "static marker"
refused_like_full "$TEST_DIR/rb" "$TEST_DIR/pb" "$TEST_DIR/sb" "a static marker" \
	"static/.folio-output: error: tree entry refused: name is '.folio-output', the marker of folio's outputs [tree/path]"
[ "$(cat "$TEST_DIR/pb/.folio-output")" = "$marker" ] || fail "the static file replaced the marker"
echo "Again." >>"$TEST_DIR/rb/pages/home.md" && $G commit -qam "a good commit"
publish "$TEST_DIR/rb" "$TEST_DIR/pb" "$TEST_DIR/sb" "a good commit after"
same_as_full "$TEST_DIR/rb" "$TEST_DIR/pb" "a good commit after"

# 3
c=$TEST_DIR/c
site "$c" 'taxonomies: [tags, categories]
'
{ printf -- '---\ntitle: Many\ncategories: [a]\ntags: ['; seq -s, -f 't%g' 1 3000 | tr -d '\n'; printf ']\n---\nb\n'; } >"$c/pages/many.md"
"$FOLIO" check --worktree "$c" >"$TEST_DIR/c.txt" 2>&1 && fail "3,000 tags passed"
assert_contains "$TEST_DIR/c.txt" 'pages/many.md:4:1: error: the page gives more than 1000 terms in its taxonomies, the terms limit [budget/terms]'
rm "$c/pages/many.md"
printf 'limits:\n  terms: 3\n' >>"$c/folio.yaml"
printf -- '---\ntitle: Three\ntags: [a, b]\ncategories: [c]\n---\nb\n' >"$c/pages/three.md"
"$FOLIO" check --worktree "$c" >"$TEST_DIR/c2.txt" 2>&1 || fail "three terms refused: $(cat "$TEST_DIR/c2.txt")"
printf -- '---\ntitle: Four\ntags: [a, b]\ncategories: [c, d]\n---\nb\n' >"$c/pages/four.md"
"$FOLIO" check --worktree "$c" >"$TEST_DIR/c3.txt" 2>&1 && fail "four terms passed a limit of 3"
assert_contains "$TEST_DIR/c3.txt" 'pages/four.md:4:1: error: the page gives more than 3 terms'

# 4
d=$TEST_DIR/d
site "$d"
long=$(python3 -c "print('\u3400' * 76)")
printf -- '---\ntitle: L\n---\nb\n' >"$d/pages/$long.md"
"$FOLIO" check --worktree "$d" >"$TEST_DIR/d.txt" 2>&1 && fail "a 303-byte address passed"
assert_contains "$TEST_DIR/d.txt" "pages/$long.md: error: its address cannot be written: /pages/qiu-qiu-"
assert_contains "$TEST_DIR/d.txt" 'name longer than 234 bytes [slug/invalid]'
rm "$d/pages/$long.md"
printf -- '---\ntitle: L\nslug: %s\n---\nb\n' "$(printf 'a%.0s' $(seq 300))" >"$d/pages/x.md"
"$FOLIO" check --worktree "$d" >"$TEST_DIR/d2.txt" 2>&1 && fail "a 300-byte slug passed"
assert_contains "$TEST_DIR/d2.txt" 'pages/x.md:3:7: error: its address cannot be written'
"$FOLIO" build --worktree "$d" --out "$TEST_DIR/out-d" >"$TEST_DIR/d3.txt" 2>&1 && fail "the build wrote it"
assert_contains "$TEST_DIR/d3.txt" '[slug/invalid]'

# 5
e=$TEST_DIR/e
site "$e"
printf -- '---\ntitle: X\naliases: ["/x\\u0000/../../y"]\n---\nb\n' >"$e/pages/x.md"
printf '+++\ntitle = "Y"\naliases = ["/y\\u0000/z"]\n+++\nb\n' >"$e/pages/y.md"
"$FOLIO" check --worktree "$e" >"$TEST_DIR/e.txt" 2>&1 && fail "a NUL passed"
assert_contains "$TEST_DIR/e.txt" 'pages/x.md:3:11: error: a value holds a NUL character [front-matter/syntax]'
assert_contains "$TEST_DIR/e.txt" 'pages/y.md:3:15: error: a value holds a NUL character (\u0000) [front-matter/syntax]'
# 6
f=$TEST_DIR/f
mkdir -p "$f/site/content/blog" "$f/victim"
echo "the operator's file" >"$f/victim/blog.json"
ln -s ../victim "$f/site/schemas"
printf 'baseURL = "https://x.example/"\ntitle = "X"\n' >"$f/site/config.toml"
printf -- '---\ntitle: B\n---\nb\n' >"$f/site/content/blog/b.md"
"$FOLIO" init --from hugo "$f/site" >"$TEST_DIR/f.txt" 2>&1 && fail "init wrote through schemas -> ../victim"
assert_contains "$TEST_DIR/f.txt" "$f/site/schemas/blog.json already exists; nothing was written"
"$FOLIO" init --force --from hugo "$f/site" >"$TEST_DIR/f.txt" 2>&1 && fail "init --force wrote through schemas -> ../victim"
assert_contains "$TEST_DIR/f.txt" "cannot create $f/site/schemas/blog.json: Too many levels of symbolic links"
[ "$(cat "$f/victim/blog.json")" = "the operator's file" ] || fail "init wrote outside its folder"
rm "$f/victim/blog.json"
"$FOLIO" init --force --from hugo "$f/site" >"$TEST_DIR/f.txt" 2>&1 && fail "init --force wrote through the link to a folder without the file"
[ ! -e "$f/victim/blog.json" ] || fail "init wrote a new file outside its folder" 

# 7
g=$TEST_DIR/g
site "$g"
mkdir -p "$g/templates"
python3 -c "
o='{{#page.meta.one}}'*90 + '{{#page.meta.l}}'*9 + '{{^zz.a.b}}{{/zz.a.b}}' + '{{/page.meta.l}}'*9 + '{{/page.meta.one}}'*90
open('$g/templates/page.mustache','w').write('<p>'+o+'{{{page.content}}}</p>')"
for i in 1 2 3 4; do printf -- '---\ntitle: P%s\none: [1]\nl: [1,2,3,4,5,6,7,8,9,10]\n---\nHello.\n' $i >"$g/pages/p$i.md"; done
"$FOLIO" check --worktree "$g" >"$TEST_DIR/g.txt" 2>&1 && fail "a template past the steps budget passed"
assert_contains "$TEST_DIR/g.txt" 'rendering takes more than 20000000 steps'
assert_contains "$TEST_DIR/g.txt" '[budget/template-output]'
# 8
h=$TEST_DIR/h
mkdir -p "$h"
printf 'title: P\nurl: https://p.example\nplugins: [jekyll-polyglot]\nlanguages: ["en", "de"]\ndefault_lang: "en"\npermalink: pretty\n' \
	>"$h/_config.yml"
printf -- '---\ntitle: A\nlang: ../../etc\npermalink: /a/\n---\nA.\n' >"$h/a.md"
printf -- '---\ntitle: B\nlang: de\npermalink: /../b/\n---\nB.\n' >"$h/b.md"
"$FOLIO" init --from jekyll "$h" >/dev/null 2>&1 || fail "init of h"
"$FOLIO" check --worktree "$h" >"$TEST_DIR/h.txt" 2>&1 && fail "a climbing permalink passed"
assert_contains "$TEST_DIR/h.txt" 'b.md:4:'
sed -i 's|permalink: /../b/|permalink: /b/|' "$h/b.md"
"$FOLIO" build --worktree "$h" --out "$TEST_DIR/out-h/site" >"$TEST_DIR/h2.txt" 2>&1 || fail "build h: $(cat "$TEST_DIR/h2.txt")"
[ -f "$TEST_DIR/out-h/site/a/index.html" ] && [ -f "$TEST_DIR/out-h/site/de/b/index.html" ] || fail "lang: misplaced a page"
[ -z "$(ls "$TEST_DIR/out-h" | grep -v '^site$')" ] || fail "something was written beside the output"
w=$TEST_DIR/w
mkdir -p "$w/content/authors/x" "$w/content/authors/y" "$w/content/post"
printf 'baseURL = "https://w.example/"\ntitle = "W"\n[taxonomies]\n  author = "authors"\n[permalinks]\n  authors = "/author/:slug/"\n' \
	>"$w/config.toml"
printf -- '---\ntitle: ../../etc\n---\nX.\n' >"$w/content/authors/x/_index.md"
printf -- '---\ntitle: Y\nslug: .folio-output\n---\nY.\n' >"$w/content/authors/y/_index.md"
printf -- '---\ntitle: P\ndate: 2024-01-01\nauthors: [x, y]\n---\nP.\n' >"$w/content/post/p.md"
"$FOLIO" init --from hugo "$w" >/dev/null 2>&1 || fail "init of w"
"$FOLIO" build --worktree "$w" --out "$TEST_DIR/out-w/site" >"$TEST_DIR/w.txt" 2>&1 || fail "build w: $(cat "$TEST_DIR/w.txt")"
[ -z "$(ls "$TEST_DIR/out-w" | grep -v '^site$')" ] || fail "a term's address left the output"
[ -z "$(find "$TEST_DIR/out-w/site/author" -mindepth 1 -maxdepth 1 -name '.*')" ] || fail "a term is a hidden name"
[ "$(ls "$TEST_DIR/out-w/site/author" | wc -l)" = 2 ] || fail "the terms' pages: $(ls "$TEST_DIR/out-w/site/author")"
echo "ok"

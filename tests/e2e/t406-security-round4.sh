#!/bin/bash
# A security scout's fourth round, on output names:
# 1. a term whose slug no file system holds (80 CJK characters made a
#    475-byte name; Hugo's hierarchical terms a path past 1024 bytes), a
#    taxonomy or its permalink: of 300 bytes: folio check passed the
#    commit (and so did the pre-receive hook), every publish then failed
#    "File name too long" without a finding, the daemon retrying for ever;
#    slug/invalid now, at the term's line or at folio.yaml, on a full
#    build and a publish from the state alike;
# 2. a name holding ".tmp-folio-", as the writer's temporary files are
#    named: static/a.tmp-folio-aside was moved over and then removed by
#    the publish that made static/a a folder (the site lacked a file of
#    the commit), and such a folder failed that publish and was removed
#    by the next one's clean-up: tree/path now, and slug/invalid for an
#    address.
. "$(dirname "$0")/lib.sh"

site() { # site DIR [folio.yaml lines]
	mkdir -p "$1/pages"
	printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n%s' "${2:-}" >"$1/folio.yaml"
	printf -- '---\ntitle: Home\n---\nHello.\n' >"$1/pages/home.md"
}
commit() { git -C "$1" add -A && git -C "$1" commit -qm "$2"; }

# 1
a=$TEST_DIR/a
site "$a" 'taxonomies: [tags]
'
repo_of "$a" "$TEST_DIR/ra"
r=$TEST_DIR/ra
publish "$r" "$TEST_DIR/p-ra" "$TEST_DIR/s-ra" "first"
long=$(python3 -c "print('中' * 80)")
printf -- '---\ntitle: X\ntags: [ok, "%s"]\n---\nx\n' "$long" >"$r/pages/x.md"
commit "$r" "a term of 80 CJK characters"
"$FOLIO" check --repo "$r" >"$TEST_DIR/check.txt" 2>&1 && fail "check passed a term no folder can be named"
assert_contains "$TEST_DIR/check.txt" "pages/x.md:3:12: error: term 2 of tags cannot be a folder of the site"
assert_contains "$TEST_DIR/check.txt" "[slug/invalid]"
refused_like_full "$r" "$TEST_DIR/p-ra" "$TEST_DIR/s-ra" "a long term" "term 2 of tags cannot be a folder of the site"
[ -f "$TEST_DIR/p-ra/pages/home/index.html" ] || fail "the last good site is not intact"

h=$TEST_DIR/h
site "$h" 'hugo_links: true
taxonomies: [tags]
'
deep=$(python3 -c "print('/'.join(['a' * 200] * 6))")
printf -- '---\ntitle: X\ntags: ["%s"]\n---\nx\n' "$deep" >"$h/pages/x.md"
repo_of "$h" "$TEST_DIR/rh"
"$FOLIO" build --repo "$TEST_DIR/rh" --out "$TEST_DIR/p-rh" >"$TEST_DIR/b.txt" 2>&1 && fail "a term past 1024 bytes was built"
assert_contains "$TEST_DIR/b.txt" "path longer than 1024 bytes [slug/invalid]"

t=$TEST_DIR/t
long=$(python3 -c "print('a' * 300)")
site "$t" "taxonomies: [{name: tags, permalink: /t/$long/:slug/}]
"
printf -- '---\ntitle: X\ntags: [go]\n---\nx\n' >"$t/pages/x.md"
repo_of "$t" "$TEST_DIR/rt"
"$FOLIO" check --repo "$TEST_DIR/rt" >"$TEST_DIR/check.txt" 2>&1 && fail "check passed a permalink no folder can be named"
assert_contains "$TEST_DIR/check.txt" "folio.yaml: error: output \"t/aaaa"
assert_contains "$TEST_DIR/check.txt" "cannot be written: name longer than 234 bytes [slug/invalid]"
[ "$(grep -c 'cannot be written' "$TEST_DIR/check.txt")" = 1 ] || fail "the permalink is told more than once"

# 2
b=$TEST_DIR/b
site "$b"
mkdir -p "$b/static" && echo old >"$b/static/a"
repo_of "$b" "$TEST_DIR/rb"
r=$TEST_DIR/rb
publish "$r" "$TEST_DIR/p-rb" "$TEST_DIR/s-rb" "first"
echo mine >"$r/static/a.tmp-folio-aside"
commit "$r" "a file named as folio's temporary ones"
refused_like_full "$r" "$TEST_DIR/p-rb" "$TEST_DIR/s-rb" "a .tmp-folio- file" \
	"static/a.tmp-folio-aside: error: tree entry refused: name holds '.tmp-folio-'"
mkdir -p "$r/static/x.tmp-folio-1" && echo mine >"$r/static/x.tmp-folio-1/z"
commit "$r" "a folder named as folio's temporary ones"
refused_like_full "$r" "$TEST_DIR/p-rb" "$TEST_DIR/s-rb" "a .tmp-folio- folder" "name holds '.tmp-folio-'"
printf -- '---\ntitle: X\nurl: /a.tmp-folio-aside/\n---\nx\n' >"$r/pages/x.md"
commit "$r" "an address named as folio's temporary files"
refused_like_full "$r" "$TEST_DIR/p-rb" "$TEST_DIR/s-rb" "a .tmp-folio- url" "is not a path of the site [slug/invalid]"
rm -r "$r/static/a" && mkdir "$r/static/a" && echo new >"$r/static/a/b"
commit "$r" "a file becomes a folder"
publish "$r" "$TEST_DIR/p-rb" "$TEST_DIR/s-rb" "a file becomes a folder"
same_as_full "$r" "$TEST_DIR/p-rb" "a file becomes a folder"

echo "t406: ok"

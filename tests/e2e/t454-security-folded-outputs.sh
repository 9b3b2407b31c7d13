#!/bin/bash
# Outputs compared byte for byte let two pages, or a page and a static
# file, have paths that differ only in case, Unicode form or trailing dots: /About/ and
# /about/, "café" written NFC and NFD, the ligature "ﬁle" and "file", an
# alias /Pages/home/ of the page at /pages/home/, /about./ (Windows drops
# the dots and spaces that end a name). A page's own old URL in another
# case (/Pages/X/ of /pages/x/) is a warning, output/alias-taken: it
# replaces no one else's page, and migrated sites keep such URLs. On a file system that
# folds names (macOS, Windows, some object-store front ends) they are one
# file, so whoever pushes replaces a page another owns. Each is an
# output/clash error naming both now, in folio check, in a full build and
# in a publish from the state, where a page added on the fast path is
# asked against the state's outputs folded (the outputs table's folded
# column, state version 11). 3: terms that keep their case (term_case:
# keep) make term pages that fold onto each other ("GO" and "go"): a page
# added or reshaped that gives such a term is judged the full way.
. "$(dirname "$0")/lib.sh"

site() { # site DIR: a site of one collection and a static file
	mkdir -p "$1/pages" "$1/static"
	printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n' >"$1/folio.yaml"
	printf -- '---\ntitle: Home\n---\nHello.\n' >"$1/pages/home.md"
	printf -- '---\ntitle: About\n---\nWho we are.\n' >"$1/pages/about.md"
	echo notes >"$1/static/Readme.txt"
}
page() { # page FILE URL-LINE: a page of that front matter line
	printf -- '---\ntitle: X\n%s\n---\nMine now.\n' "$2" >"$1"
}

# 1. the whole site checked: each pair named, both files
a=$TEST_DIR/a
site "$a"
page "$a/pages/b.md" 'url: /pages/About/'
page "$a/pages/c.md" "$(printf 'url: /caf\xc3\xa9/')"
page "$a/pages/d.md" "$(printf 'url: /cafe\xcc\x81/')"
page "$a/pages/e.md" "$(printf 'url: /\xef\xac\x81le/')"
page "$a/pages/f.md" 'url: /file/'
page "$a/pages/g.md" 'url: /Docs.html'
page "$a/pages/h.md" 'url: /docs.html/x/'
page "$a/pages/i.md" 'aliases: [/Pages/home/]'
page "$a/pages/j.md" 'url: "/file. /"'
echo theirs >"$a/static/README.txt"
rc=0
"$FOLIO" check --worktree "$a" >"$TEST_DIR/a.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "1: check exit $rc: $(cat "$TEST_DIR/a.txt")"
W='differ only in case, Unicode form or trailing dots [output/clash]'
assert_contains "$TEST_DIR/a.txt" "pages/about.md: error: output \"pages/about/index.html\" and output \"pages/About/index.html\" of \"pages/b.md\" $W"
assert_contains "$TEST_DIR/a.txt" "$(printf 'pages/c.md: error: output "caf\xc3\xa9/index.html" and output "cafe\xcc\x81/index.html" of "pages/d.md"') $W"
assert_contains "$TEST_DIR/a.txt" "$(printf 'pages/e.md: error: output "\xef\xac\x81le/index.html" and output "file/index.html" of "pages/f.md"') $W"
assert_contains "$TEST_DIR/a.txt" "pages/f.md: error: output \"file/index.html\" and output \"file. /index.html\" of \"pages/j.md\" $W"
assert_contains "$TEST_DIR/a.txt" 'pages/h.md: error: output "docs.html/x/index.html" needs "docs.html" as a folder, but output "Docs.html" of "pages/g.md" differs from it only in case, Unicode form or trailing dots [output/clash]'
assert_contains "$TEST_DIR/a.txt" "pages/home.md: error: output \"pages/home/index.html\" and output \"Pages/home/index.html\" of \"pages/i.md\" $W"
assert_contains "$TEST_DIR/a.txt" "static/Readme.txt: error: output \"static/Readme.txt\" and output \"static/README.txt\" of \"static/README.txt\" $W"
"$FOLIO" build --worktree "$a" --out "$TEST_DIR/a-out" >"$TEST_DIR/a-build.txt" 2>&1 && fail "1: the build published them"
assert_contains "$TEST_DIR/a-build.txt" "$W"
# a page's own old URL in another case is its own: a warning, the site builds
o=$TEST_DIR/o
site "$o"
page "$o/pages/x.md" 'aliases: [/Pages/X/, /old/, /OLD/]'
"$FOLIO" build --worktree "$o" --out "$TEST_DIR/o-out" >"$TEST_DIR/o.txt" 2>&1 || fail "1: an own alias refused: $(cat "$TEST_DIR/o.txt")"
assert_contains "$TEST_DIR/o.txt" 'pages/x.md: warning: the redirect page "Pages/X/index.html" of an old URL is the page'"'"'s own "pages/x/index.html" but for case, Unicode form or trailing dots [output/alias-taken]'
assert_not_contains "$TEST_DIR/o.txt" 'old/index.html'
echo "ok check and build refuse outputs that differ only in case, Unicode form or trailing dots"

# 2. from the state: a page added on the fast path, a publish, the hook
s=$TEST_DIR/s
site "$s"
repo_of "$s" "$TEST_DIR/rs"
R=$TEST_DIR/rs G="git -C $TEST_DIR/rs"
publish "$R" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
[ "$(sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT folded FROM outputs WHERE path = 'static/Readme.txt'")" = static/readme.txt ] ||
	fail "2: the state holds no folded path"
before=$(cat "$TEST_DIR/pub/pages/about/index.html")
for fm in 'url: /pages/About/' 'url: /PAGES/ABOUT/' 'url: /static/README.txt' 'url: /static/readme.txt/x/' 'url: /pages/about/index.HTML/x/' 'url: /pages/about./'; do
	page "$R/pages/z.md" "$fm"
	$G add -A && $G commit -qm "$fm"
	rc=0
	"$FOLIO" check --repo "$R" HEAD >"$TEST_DIR/full.txt" 2>&1 || rc=$?
	[ $rc = 1 ] || fail "2 $fm: full check exit $rc"
	rc=0
	"$FOLIO" check --repo "$R" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/fast.txt" 2>&1 || rc=$?
	[ $rc = 1 ] || fail "2 $fm: check --state exit $rc: $(cat "$TEST_DIR/fast.txt")"
	diff "$TEST_DIR/full.txt" "$TEST_DIR/fast.txt" || fail "2 $fm: check --state differs from a full check"
	refused_like_full "$R" "$TEST_DIR/pub" "$TEST_DIR/state" "$fm" "only in case, Unicode form or trailing dots [output/clash]"
	[ "$(cat "$TEST_DIR/pub/pages/about/index.html")" = "$before" ] || fail "2 $fm: the page was replaced"
done
# the pre-receive hook, judging from the daemon's state (git config folio.state)
server=$TEST_DIR/site.git
git clone -q --bare "$R" "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
git -C "$server" config folio.state "$TEST_DIR/state"
git clone -q "$server" "$TEST_DIR/clone"
page "$TEST_DIR/clone/pages/z.md" 'url: /Pages/About/'
git -C "$TEST_DIR/clone" add -A && git -C "$TEST_DIR/clone" commit -qm "pushed over /pages/about/"
git -C "$TEST_DIR/clone" push -q origin HEAD >"$TEST_DIR/push.txt" 2>&1 && fail "2: the hook accepted /Pages/About/"
assert_contains "$TEST_DIR/push.txt" 'pages/about.md: error: output "pages/about/index.html" and output "Pages/About/index.html" of "pages/z.md"'
# two pages added at once, folded onto each other
page "$R/pages/y.md" 'url: /new/'
page "$R/pages/z.md" 'url: /NEW/'
$G add -A && $G commit -qm "two new pages"
rc=0
"$FOLIO" check --repo "$R" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/fast.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "2 two added: check --state exit $rc: $(cat "$TEST_DIR/fast.txt")"
refused_like_full "$R" "$TEST_DIR/pub" "$TEST_DIR/state" "two added" "only in case, Unicode form or trailing dots [output/clash]"
# a page that folds onto nothing is still added on the fast path, and published right
page "$R/pages/z.md" 'url: /pages/about-us/'
$G add -A && $G commit -qm "a new page"
FOLIO_TRACE=1 "$FOLIO" check --repo "$R" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/ok.txt" 2>&1 ||
	fail "2: a good page refused: $(cat "$TEST_DIR/ok.txt")"
assert_not_contains "$TEST_DIR/ok.txt" "not judged from the state"
publish "$R" "$TEST_DIR/pub" "$TEST_DIR/state" "a new page"
same_as_full "$R" "$TEST_DIR/pub" "a new page"
echo "ok check --state and a publish from the state refuse them as a full check does"

# 3. terms that keep their case, from the state
t=$TEST_DIR/t
mkdir -p "$t/pages"
printf 'title: T\nbase_url: https://example.org\nterm_case: keep\ntaxonomies: [tags]\ncollections:\n  - name: pages\n' >"$t/folio.yaml"
page "$t/pages/a.md" 'tags: [GO]'
repo_of "$t" "$TEST_DIR/rt"
R=$TEST_DIR/rt G="git -C $TEST_DIR/rt"
publish "$R" "$TEST_DIR/tpub" "$TEST_DIR/tstate" "3: first"
same() { # same LABEL: check --state says what a full check says, an error
	rc=0
	"$FOLIO" check --repo "$R" HEAD >"$TEST_DIR/full.txt" 2>&1 || rc=$?
	[ $rc = 1 ] || fail "3 $1: full check exit $rc"
	assert_contains "$TEST_DIR/full.txt" 'folio.yaml: error: output "tags/go/index.html" and output "tags/GO/index.html" of "folio.yaml"'
	"$FOLIO" check --repo "$R" --state "$TEST_DIR/tstate" HEAD >"$TEST_DIR/fast.txt" 2>&1 || true
	diff "$TEST_DIR/full.txt" "$TEST_DIR/fast.txt" || fail "3 $1: check --state differs from a full check"
	refused_like_full "$R" "$TEST_DIR/tpub" "$TEST_DIR/tstate" "3 $1" "[output/clash]"
}
page "$R/pages/b.md" 'tags: [go]'
$G add -A && $G commit -qm "an added page, go"
same "added go"
page "$R/pages/a.md" 'tags: [GO, go]'
$G add -A && $G commit -qm "a reshaped page, GO and go"
same "reshaped"
page "$R/pages/b.md" 'tags: [rust]'
$G add -A && $G commit -qm "a term of its own fold"
FOLIO_TRACE=1 "$FOLIO" check --repo "$R" --state "$TEST_DIR/tstate" HEAD >"$TEST_DIR/ok.txt" 2>&1 ||
	fail "3: a good page refused: $(cat "$TEST_DIR/ok.txt")"
echo "ok terms that differ only in case are refused from the state as by a full check"

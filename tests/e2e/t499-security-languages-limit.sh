#!/bin/bash
# languages: is folio.yaml's, so a pusher's: each language has its own
# copy of every list, feed and sitemap, and each list links every
# language's. 4,000 languages (a 20 KB folio.yaml) took 155 s of CPU to
# check, the lists' languages each looked up in the list of them. A
# server limit bounds them now (languages, 200 by default): past it one
# budget/languages error, and the languages after it are left out of the
# load. Duplicates are still named, found by sorting (each tag was
# compared with every one before it).
. "$(dirname "$0")/lib.sh"

langs() { # n: folio.yaml with n languages besides en
	python3 - "$1" >"$site/folio.yaml" <<'PY'
import itertools, string, sys
n = int(sys.argv[1])
tags = ["".join(t) for t in itertools.product(string.ascii_lowercase, repeat=3)][:n]
print("title: T\nbase_url: https://langues.example\nlanguage: en")
print("languages: [" + ", ".join(tags) + "]")
print("collections:\n  - name: pages\n    template: page")
PY
}
site=$TEST_DIR/site
mkdir -p "$site/pages"
printf -- '---\ntitle: Accueil\n---\nBonjour.\n' >"$site/pages/a.md"
printf -- '---\ntitle: Welcome\n---\nHello.\n' >"$site/pages/a.aab.md"

langs 4000
( ulimit -t 20; "$FOLIO" check --worktree "$site" ) >"$TEST_DIR/check.txt" 2>&1 && fail "4,000 languages passed"
assert_contains "$TEST_DIR/check.txt" 'folio.yaml: error: languages: names 4000 languages besides the site'"'"'s, past the languages limit of 200'
assert_contains "$TEST_DIR/check.txt" '[budget/languages]'
"$FOLIO" build --worktree "$site" --out "$TEST_DIR/out" >"$TEST_DIR/build.txt" 2>&1 && fail "4,000 languages built"
[ ! -e "$TEST_DIR/out/index.html" ] || fail "a refused build wrote the site"

# the operator's limit decides: raised, 300 languages build, /aab/ among them
langs 300
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check300.txt" 2>&1 && fail "300 languages passed the default limit"
"$FOLIO" build --limit languages=300 --worktree "$site" --out "$TEST_DIR/out" >"$TEST_DIR/build300.txt" 2>&1 ||
	fail "300 languages with the limit raised: $(cat "$TEST_DIR/build300.txt")"
assert_contains "$TEST_DIR/out/aab/pages/a/index.html" 'Hello.'
FOLIO_LIMIT_LANGUAGES=100 "$FOLIO" check --limit languages=300 --worktree "$site" >"$TEST_DIR/env.txt" 2>&1 ||
	fail "--limit languages=300 with FOLIO_LIMIT_LANGUAGES=100: $(cat "$TEST_DIR/env.txt")"

# a repeated tag is named at its second place, as before
printf 'title: T\nbase_url: https://langues.example\nlanguage: en\nlanguages: [fr, es, fr]\ncollections:\n  - name: pages\n    template: page\n' \
	>"$site/folio.yaml"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/dup.txt" 2>&1 && fail "a repeated language passed"
assert_contains "$TEST_DIR/dup.txt" 'duplicate language "fr"'
assert_contains "$TEST_DIR/dup.txt" 'folio.yaml:4:21: error'
echo "ok"

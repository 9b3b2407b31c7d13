#!/bin/bash
# section_feeds: true on a site with no sub-section (a Wowchemy lab's,
# whose only nested _index.md files are its authors' texts, which are no
# sections): the sections' table was sorted with qsort(NULL, 0, ...),
# undefined behaviour that the UBSan build reports ("null pointer passed
# as argument 1") and, halting on errors, refused the build. Found
# running the twenty-seventh pass's sites under ASan and UBSan; this test
# fails under the sanitizers before the fix, and passes with any build
# after it.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/authors/ada" "$s/content/post"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://lab.example/"
title = "Lab"
[taxonomies]
author = "authors"
TOML
printf -- '---\ntitle: Authors\n---\n' >"$s/content/authors/_index.md"
printf -- '---\ntitle: Ada Lovelace\n---\nNotes.\n' >"$s/content/authors/ada/_index.md"
printf -- '---\ntitle: News\ndate: 2024-01-01\nauthors: [ada]\n---\nA grant.\n' >"$s/content/post/news.md"
"$FOLIO" init --from hugo "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
grep -q '^section_feeds: true' "$s/folio.yaml" || printf 'section_feeds: true\n' >>"$s/folio.yaml"
"$FOLIO" build --worktree "$s" --out "$TEST_DIR/out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
assert_not_contains "$TEST_DIR/build.txt" 'runtime error'
[ -f "$TEST_DIR/out/post/news/index.html" ] || fail "the post is not built"
echo ok

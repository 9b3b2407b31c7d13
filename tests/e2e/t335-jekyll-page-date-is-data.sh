#!/bin/bash
# Jekyll reads a post's date: and refuses one that is none; a page's, in
# a plain folder, is data (a post template holds "date: YYYY-MM-DD", as
# artsy.github.io's does). init made every folder with a date: a dated
# collection and the check refused that page (date/invalid). Such a folder
# is now sorted by title and its pages built; a folder of real dates stays
# dated; a post whose date is none stays refused.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/_posts" "$s/howto" "$s/talks"
printf 'title: T\nurl: "https://example.org"\n' >"$s/_config.yml"
printf -- '---\ntitle: "First"\n---\nHello.\n' >"$s/_posts/2024-01-05-first.md"
printf -- '---\ntitle: "Post template"\ndate: YYYY-MM-DD\n---\nCopy me.\n' >"$s/howto/post-template.md"
printf -- '---\ntitle: "Writing"\ndate: 2023-04-01\n---\nHow to write.\n' >"$s/howto/writing.md"
printf -- '---\ntitle: "Talk A"\ndate: 2022-05-01\n---\nA.\n' >"$s/talks/a.md"
printf -- '---\ntitle: "Talk B"\ndate: 2022-06-01\n---\nB.\n' >"$s/talks/b.md"
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || { cat "$TEST_DIR/init.txt"; fail "init"; }
assert_contains "$TEST_DIR/init.txt" 'collection howto: the date: of 1 of its pages is no date (howto/post-template.md)'
python3 - "$s/folio.yaml" <<'PY' || fail "folio.yaml"
import sys, yaml
cols = {c["name"]: c for c in yaml.safe_load(open(sys.argv[1]))["collections"]}
assert cols["howto"].get("sort") == "title" and "date_field" not in cols["howto"], cols["howto"]
assert cols["talks"].get("date_field") == "date", cols["talks"]
PY
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 || { cat "$TEST_DIR/check.txt"; fail "the template page refused"; }
"$FOLIO" build --quiet --worktree "$s" --out "$TEST_DIR/out" || fail "build"
[ -f "$TEST_DIR/out/howto/post-template.html" ] || fail "the template page not published"

printf -- '---\ntitle: "Bad"\ndate: YYYY-MM-DD\n---\nNo.\n' >"$s/_posts/2024-02-01-bad.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a post whose date is none passed"
assert_contains "$TEST_DIR/check.txt" '_posts/2024-02-01-bad.md:3:7: error: "date" is not a valid date: "YYYY-MM-DD"'
echo ok

#!/bin/bash
# A front-matter key given twice: carpentries.org repeats date: in 1,629 of
# its posts (the same value twice), which Hugo reads, as Jekyll does: the
# last value. folio refused each as front-matter/syntax. Now the last value
# is read and the second key is a finding of front-matter/duplicate-key:
# an error on folio's own sites, a warning on a migrated one (init writes
# it so, as the generator read it).
. "$(dirname "$0")/lib.sh"

# ---- a migrated Hugo site
hu=$TEST_DIR/hugo
mkdir -p "$hu/content/posts" "$hu/layouts"
printf 'baseURL = "https://carpentries.example/"\ntitle = "Carpentries"\n' >"$hu/hugo.toml"
printf '<html></html>' >"$hu/layouts/baseof.html"
printf -- '---\ndate: 2015-01-31\ntitle: "Steering Committee"\ndate: 2015-01-31\n---\nElected.\n' >"$hu/content/posts/sc.md"
printf -- '---\ntitle: Other\ndate: 2015-03-01\n---\nOther.\n' >"$hu/content/posts/other.md"
migrate_and_build hugo "$hu" "$TEST_DIR/hugo-out"
assert_contains "$hu/folio.yaml" 'front-matter/duplicate-key: warning'
assert_contains "$TEST_DIR/hugo-out/posts/sc/index.html" 'Elected.'
assert_contains "$TEST_DIR/build.txt" 'content/posts/sc.md:4:1: warning: key "date" is given twice: the last value is read [front-matter/duplicate-key]'

# ---- folio's own site: an error, and the last value is the one the finding names
site=$TEST_DIR/site
cp -r "$FOLIO_SOURCE_DIR/content" "$site"
f=$(ls "$site/events/"*.md | head -1)
awk 'NR==1{print; print "title: \"First title\""; next} {print}' "$f" >"$f.new" && mv "$f.new" "$f"
rc=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ "$rc" = 1 ] || fail "a repeated title passed on folio's own site (rc $rc)"
grep -q "error: key \"title\" is given twice: the last value is read \[front-matter/duplicate-key\]" "$TEST_DIR/check.txt" ||
	fail "no duplicate-key error named"
echo "ok"

#!/bin/bash
# Hugo publishes a page per term of its taxonomies, tags and categories
# unless its configuration names others, at /tags/<term>/; fluxcd.io's
# posts link to /tags/security/. init --from hugo wrote no taxonomies:, so
# those pages were missing and the links refused. It now writes those that
# pages give terms to: Hugo's own (taxonomies: {singular: plural}), or its
# defaults; none when disableKinds leaves their pages out. One no page
# gives a term to has its list of terms all the same, /categories/, as
# Hugo writes it (a menu links there).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/blog"
printf 'title = "Flow"\nbaseURL = "https://flow.example/"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Patch\ntags: [security]\n---\nPatched.\n' >"$site/content/blog/patch.md"
printf -- '---\ntitle: More\ntags: [security, release]\n---\nRead [all of them](/tags/security/).\n' \
	>"$site/content/blog/more.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'taxonomies:'
assert_contains "$site/folio.yaml" '  - "tags"'
assert_contains "$site/folio.yaml" '  - "categories"'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the link to a term: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/tags/security/index.html" '/blog/patch/'
assert_contains "$out/tags/release/index.html" '/blog/more/'
[ -f "$out/categories/index.html" ] || fail "no /categories/, which Hugo writes with no term"

# Hugo's own taxonomies, by their plural
printf 'title = "Flow"\n[taxonomies]\nseries = "series"\ntopic = "topics"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Patch\ntags: [security]\ntopics: [ops]\n---\nPatched.\n' >"$site/content/blog/patch.md"
rm "$site/content/blog/more.md"
"$FOLIO" init --force --from hugo "$site" >"$TEST_DIR/init2.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$site/folio.yaml" '  - "topics"'
assert_contains "$site/folio.yaml" '  - "series"'
if grep -q '"tags"' "$site/folio.yaml"; then fail "tags is no taxonomy of this site: $(cat "$site/folio.yaml")"; fi

# disableKinds: no term pages, no taxonomies:
printf 'title = "Flow"\ndisableKinds = ["taxonomy", "term"]\n' >"$site/hugo.toml"
"$FOLIO" init --force --from hugo "$site" >"$TEST_DIR/init3.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init3.txt")"
if grep -q '^taxonomies:' "$site/folio.yaml"; then fail "disableKinds leaves the terms out: $(cat "$site/folio.yaml")"; fi
echo "ok"

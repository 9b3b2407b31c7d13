#!/bin/bash
# Jekyll renders a Markdown file only when it opens with front matter; one
# without is copied as it is. choosealicense.com vendors a CSS library in
# assets/vendor/hint.css/ with its README.md: init made assets/ a
# collection of pages and checked that README's links as the site's. A
# folder whose Markdown has no front matter is now copied, as Jekyll does.
# And init --force, run again, no longer lists the folio.yaml it wrote among
# the files to publish.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/assets/vendor/hint" "$site/docs"
printf 'title: Licences\nurl: https://licences.example\npermalink: pretty\n' >"$site/_config.yml"
printf '# Hint\nSee [contributing](./CONTRIBUTING.md).\n' >"$site/assets/vendor/hint/README.md"
printf '.hint { color: red; }\n' >"$site/assets/vendor/hint/hint.css"
printf -- '---\ntitle: Guide\n---\nUse [the style](/assets/vendor/hint/hint.css).\n' >"$site/docs/guide.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
if grep -q 'collection assets' "$TEST_DIR/init.txt"; then fail "assets/ made a collection of pages"; fi
assert_contains "$site/folio.yaml" '  - "assets"'
"$FOLIO" init --force --from jekyll "$site" >"$TEST_DIR/init2.txt" 2>&1 || fail "init --force failed: $(cat "$TEST_DIR/init2.txt")"
if grep -q '"folio.yaml"' "$site/folio.yaml"; then fail "init --force lists its own folio.yaml to publish"; fi
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
cmp "$site/assets/vendor/hint/README.md" "$out/assets/vendor/hint/README.md" || fail "the README is not copied as it is"
[ ! -e "$out/assets/vendor/hint/readme/index.html" ] || fail "the README was made a page"
[ ! -e "$out/folio.yaml" ] || fail "folio.yaml was published"
assert_contains "$out/docs/guide/index.html" 'href="/assets/vendor/hint/hint.css"'
echo "ok"

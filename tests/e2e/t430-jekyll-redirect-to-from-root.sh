#!/bin/bash
# jekyll-redirect-from reads a redirect_to: without a leading / from the
# site's root (its absolute_url filter): the Foundation for Public Code's
# codebases/circulaw.md (redirect_to: codebases/index) sends readers to
# /codebases/index, which GitHub Pages serves from codebases/index.html.
# folio read it from the page's folder (/codebases/codebases/index) and
# refused five such pages with link/broken.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/stewardship" "$j/_layouts"
printf 'title: Foundation\nurl: https://found.example\nplugins: [jekyll-redirect-from]\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Home\n---\nSee [stewardship](/stewardship/).\n' >"$j/index.md"
printf -- '---\ntitle: Stewardship\n---\nThe projects we steward.\n' >"$j/stewardship/index.md"
printf -- '---\ntitle: Mapping\nredirect_to: stewardship/index\n---\n# Mapping\n' >"$j/stewardship/mapping.md"
printf -- '---\ntitle: Law\nredirect_to: stewardship/\n---\n# Law\n' >"$j/stewardship/law.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$out/stewardship/mapping.html" 'url=https://found.example/stewardship/index"'
assert_contains "$out/stewardship/law.html" 'url=https://found.example/stewardship/"'

# a target that names no page is still refused, at its line
printf -- '---\ntitle: Gone\nredirect_to: stewardship/nothing/\n---\n' >"$j/stewardship/gone.md"
rc=0
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ "$rc" = 1 ] || fail "a redirect_to to no page passed (rc $rc)"
assert_contains "$TEST_DIR/check.txt" 'stewardship/gone.md:3:14: error: link to "stewardship/nothing/" points to no page [link/broken]'
rm "$j/stewardship/gone.md"

# published from a state as a full build
repo=$TEST_DIR/repo
repo_of "$j" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
printf -- '---\ntitle: Law\nredirect_to: index\n---\n# Law\n' >"$repo/stewardship/law.md"
git -C "$repo" commit -qam "the redirect goes home"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "redirect changed"
assert_contains "$TEST_DIR/pub/stewardship/law.html" 'url=https://found.example/index"'
same_as_full "$repo" "$TEST_DIR/pub" "redirect changed"
echo "ok"

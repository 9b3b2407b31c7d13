#!/bin/bash
# Hugo's way to rename a page keeps its old address in aliases:; a
# relative link to it ("../steeping/" from /guide/cups/) was refused while
# the same address written whole passed (onweru/compose's
# "../install-theme/#option-2-recommended"). Read from the page's URL, as a
# browser reads it, it names the old address, whose redirect page leads
# on; a body edit of the linking page publishes what a full build does.
. "$(dirname "$0")/lib.sh"

site="$TEST_DIR/site" repo="$TEST_DIR/repo" out="$TEST_DIR/out" st="$TEST_DIR/state"
mkdir -p "$site/content/guide"
printf 'baseURL = "https://tea.example/"\ntitle = "Tea"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Brewing\naliases: ["/guide/steeping/"]\n---\nHot water.\n' >"$site/content/guide/brewing.md"
printf -- '---\ntitle: Cups\n---\nAfter [steeping](../steeping/), or [the same](/guide/steeping/).\n' >"$site/content/guide/cups.md"
printf -- '---\ntitle: Pots\n---\nSee [the old one](../kettles/).\n' >"$site/content/guide/pots.md"
"$FOLIO" init --from hugo "$site" >/dev/null 2>&1 || fail "init"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 && fail "a link to no page and no alias passed"
assert_contains "$TEST_DIR/check.txt" 'content/guide/pots.md:4:'
assert_not_contains "$TEST_DIR/check.txt" 'cups.md'
rm "$site/content/guide/pots.md"
repo_of "$site" "$repo"
publish "$repo" "$out" "$st" "base"
assert_contains "$out/guide/cups/index.html" 'href="/guide/steeping/"'
assert_contains "$out/guide/steeping/index.html" 'url=https://tea.example/guide/brewing/'
printf '\nMore.\n' >>"$repo/content/guide/cups.md"
git -C "$repo" -c user.name=t -c user.email=t@x commit -qam "body edit"
publish "$repo" "$out" "$st" "body edit"
same_as_full "$repo" "$out" "body edit"
echo ok

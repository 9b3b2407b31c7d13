#!/bin/bash
# jekyll-redirect-from's redirect_to: elixir-lang.org's
# getting-started/meta/index.html (layout: redirect, redirect_to: ...) was
# published as an empty page. On a Jekyll site (front_matter_pages) such a
# page's output is a redirect page to its target: an http(s) URL, a site
# path, or a path relative to the page; the target is checked as a link,
# and another scheme is refused. Published from a state as a full build.
. "$(dirname "$0")/lib.sh"

jk=$TEST_DIR/site
mkdir -p "$jk/getting-started/meta" "$jk/_layouts"
printf 'title: Elixir\nurl: https://elixir.example\nplugins: [jekyll-redirect-from]\n' >"$jk/_config.yml"
printf '<html>{{ content }}</html>' >"$jk/_layouts/default.html"
printf -- '---\ntitle: Intro\n---\nIntro.\n' >"$jk/getting-started/introduction.md"
printf -- '---\nlayout: redirect\nredirect_to: /getting-started/introduction.html\n---\n' >"$jk/getting-started/meta/index.md"
printf -- '---\ntitle: Docs\nredirect_to: https://hexdocs.example/elixir/\n---\n' >"$jk/getting-started/docs.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$jk" "$out"
assert_contains "$out/getting-started/meta/index.html" '<meta http-equiv="refresh" content="0; url=https://elixir.example/getting-started/introduction.html">'
assert_contains "$out/getting-started/docs.html" 'url=https://hexdocs.example/elixir/'

# a target that names nothing, or another scheme, is a finding of the page
printf -- '---\ntitle: Gone\nredirect_to: ../nowhere/\n---\n' >"$jk/getting-started/gone.md"
printf -- '---\ntitle: Bad\nredirect_to: "javascript:alert(1)"\n---\n' >"$jk/getting-started/bad.md"
rc=0
"$FOLIO" check --worktree "$jk" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ "$rc" = 1 ] || fail "bad redirect_to targets passed (rc $rc)"
assert_contains "$TEST_DIR/check.txt" 'getting-started/gone.md:3:14: error: link to "../nowhere/" points to no page [link/broken]'
assert_contains "$TEST_DIR/check.txt" 'getting-started/bad.md:3:14: error: redirect_to "javascript:alert(1)" is neither an http(s) address nor a path of the site'
rm "$jk/getting-started/gone.md" "$jk/getting-started/bad.md"

# published from a state: the target moves, the redirect page follows
repo=$TEST_DIR/repo
repo_of "$jk" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
printf -- '---\nlayout: redirect\nredirect_to: /getting-started/docs.html\n---\n' >"$repo/getting-started/meta/index.md"
git -C "$repo" commit -qam "the redirect points elsewhere"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "redirect changed"
assert_contains "$TEST_DIR/pub/getting-started/meta/index.html" 'url=https://elixir.example/getting-started/docs.html'
same_as_full "$repo" "$TEST_DIR/pub" "redirect changed"
echo "ok"

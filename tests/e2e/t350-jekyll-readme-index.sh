#!/bin/bash
# GitHub Pages' jekyll-readme-index: a folder's README.md is its index page
# when it has no index file, the top's the home page (google/styleguide's
# and jekyll-seo-tag's homes were lost; docguide/README.md was published at
# /docguide/README.html). init writes readme_index: true for a site GitHub
# Pages builds; a folder with an index.md keeps it. An index.md
# added later moves the README's page, incrementally as in a full build.
. "$(dirname "$0")/lib.sh"

site="$TEST_DIR/site" repo="$TEST_DIR/repo" out="$TEST_DIR/out" st="$TEST_DIR/state"
mkdir -p "$site/manual" "$site/notes"
printf 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n' >"$site/Gemfile"
printf '# Style guides\n\nStart with [the manual](manual/) or [the notes](notes/).\n' >"$site/README.md"
printf '# Setup\n\nInstall.\n' >"$site/setup.md"
printf '# The manual\n\nSee [usage](usage.md).\n' >"$site/manual/README.md"
printf '# Usage\n\nRun it. Back to [the manual](README.md).\n' >"$site/manual/usage.md"
printf -- '---\ntitle: Notes\n---\nThe notes.\n' >"$site/notes/index.md"
printf '# Monday\n\nMet.\n' >"$site/notes/monday.md"
migrate_and_build jekyll "$site" "$TEST_DIR/built" >/dev/null
assert_contains "$site/folio.yaml" 'readme_index: true'
assert_contains "$TEST_DIR/init.txt" "README.md is the home page's text"
assert_contains "$TEST_DIR/built/index.html" 'Start with'
assert_contains "$TEST_DIR/built/manual/index.html" 'See <a href="/manual/usage.html">usage</a>'
assert_contains "$TEST_DIR/built/manual/usage.html" 'href="/manual/"'
[ ! -e "$TEST_DIR/built/manual/README.html" ] || fail "the manual's README is a page of its own too"
assert_contains "$TEST_DIR/built/notes/index.html" 'The notes.'

repo_of "$site" "$repo"
publish "$repo" "$out" "$st" "base"
printf -- '---\ntitle: Manual\n---\nThe new index.\n' >"$repo/manual/index.md"
git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@x commit -qm "manual gets an index"
publish "$repo" "$out" "$st" "index added"
same_as_full "$repo" "$out" "index added"
assert_contains "$out/manual/index.html" 'The new index.'
echo ok

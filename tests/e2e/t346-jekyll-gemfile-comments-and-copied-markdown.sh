#!/bin/bash
# jekyll new writes '# gem "github-pages", group: :jekyll_plugins' in every
# Gemfile: init read the comment as GitHub Pages (18F's content guide and
# accessibility guide), made a Markdown file without front matter a page
# and, with permalink: pretty, moved every folder's index.md below /pages/
# for a root page guide.md that does not exist. Jekyll 4 copies
# notes/monday.md as it is, and a link to it is valid.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/notes" "$s/guide"
printf 'title: Minutes\nurl: "https://minutes.example"\npermalink: pretty\n' >"$s/_config.yml"
printf 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n# gem "github-pages", group: :jekyll_plugins\n# gem "jekyll-optional-front-matter"\n' >"$s/Gemfile"
printf -- '---\ntitle: Welcome\n---\nSee the [notes](notes/monday.md) and the [guide](guide/).\n' >"$s/index.md"
printf '# Monday\n\nWe met.\n' >"$s/notes/monday.md"
printf -- '---\ntitle: Guide\n---\nStart with [step one](step-one/).\n' >"$s/guide/index.md"
printf -- '---\ntitle: Step one\n---\nFirst.\n' >"$s/guide/step-one.md"
out="$TEST_DIR/out"
migrate_and_build jekyll "$s" "$out" >/dev/null
assert_not_contains "$TEST_DIR/init.txt" 'GitHub Pages builds this site'
assert_not_contains "$TEST_DIR/init.txt" 'the site loads'
assert_not_contains "$TEST_DIR/init.txt" 'guide.md is at /guide/'
cmp "$s/notes/monday.md" "$out/notes/monday.md" || fail "notes/monday.md is not copied as it is"
assert_contains "$out/index.html" 'href="/notes/monday.md"'
[ -f "$out/guide/step-one/index.html" ] || fail "the guide's page moved: $(cd "$out" && find . -path '*guide*')"
assert_contains "$out/guide/index.html" 'Start with'

# GitHub Pages itself, pretty addresses: a folder's index.md stays at its folder
rm -rf "$s/folio.yaml" "$s/schemas" "$out"
printf 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n' >"$s/Gemfile"
migrate_and_build jekyll "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'GitHub Pages builds this site'
assert_not_contains "$TEST_DIR/init.txt" 'guide.md is at /guide/'
assert_contains "$out/guide/index.html" 'Start with'
[ ! -e "$out/pages/guide" ] || fail "the guide moved below /pages/"
echo ok

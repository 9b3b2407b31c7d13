#!/bin/bash
# Homebrew's docs name jekyll-optional-front-matter and
# jekyll-titles-from-headings in _config.yml's plugins: and their Gemfile's
# jekyll_plugins group, without the github-pages gem: init read GitHub
# Pages' defaults only from that gem, so Manpage.md (no front matter) was
# lost with 16 links to it, and each page was titled by its file name.
# Each plugin is now read where the site names it.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s"
printf 'title: Manual\nurl: "https://manual.example"\npermalink: :title\nplugins:\n  - jekyll-optional-front-matter\n  - jekyll-titles-from-headings\n' >"$s/_config.yml"
printf -- '---\ntitle: Setup\n---\n# Getting ready\nSee [the flags](Reference.md#flags) and [the notes](Notes.md).\n' >"$s/Setup.md"
printf '# The reference\n\n## Flags\n\nThey change things.\n' >"$s/Reference.md"
printf -- '---\nlayout: default\n---\n# Release notes\n\nNone yet.\n' >"$s/Notes.md"
out="$TEST_DIR/out"
migrate_and_build jekyll "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'the site loads jekyll-optional-front-matter and jekyll-titles-from-headings'
assert_contains "$s/folio.yaml" 'title_from_heading: true'
[ -f "$out/Reference.html" ] || fail "the page without front matter is not published"
assert_contains "$out/Reference.html" '<title>The reference'
assert_contains "$out/Notes.html" '<title>Release notes'
assert_contains "$out/Setup.html" '<title>Setup'

# the Gemfile alone names one of them: only that one
rm -rf "$s/folio.yaml" "$s/schemas" "$out"
printf 'title: Manual\nurl: "https://manual.example"\npermalink: :title\n' >"$s/_config.yml"
printf 'source "https://rubygems.org"\ngem "jekyll"\ngroup :jekyll_plugins do\n  gem "jekyll-titles-from-headings"\nend\n' >"$s/Gemfile"
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init2.txt" 2>&1 || fail "init"
assert_contains "$TEST_DIR/init2.txt" 'the site loads jekyll-titles-from-headings: titled by its first heading'
assert_contains "$s/folio.yaml" 'title_from_heading: true'
assert_contains "$s/folio.yaml" 'front_matter_pages: true'
"$FOLIO" build --quiet --worktree "$s" --out "$out" 2>"$TEST_DIR/build2.txt" || fail "build2: $(cat "$TEST_DIR/build2.txt")"
[ ! -f "$out/Reference.html" ] || fail "published as a page without the plugin"
# Jekyll copies a Markdown file without front matter as it is: the link
# names that file
[ -f "$out/Reference.md" ] || fail "Reference.md is not copied as it is"
assert_contains "$out/Setup.html" 'href="/Reference.md#flags"'
echo ok

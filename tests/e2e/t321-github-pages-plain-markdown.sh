#!/bin/bash
# A site GitHub Pages builds with its defaults (no Gemfile, or the
# github-pages gem) publishes Markdown files without front matter as pages
# (jekyll-optional-front-matter), titled by their first heading
# (jekyll-titles-from-headings): google/eng-practices is such a site, and
# init refused it ("no folder of Markdown pages"). A title taken from a
# heading is part of the page's signature: a heading changed in case alone
# (its id unchanged) shows in index.json of an incremental publish too.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/guide"
printf 'theme: jekyll-theme-primer\n' >"$s/_config.yml"
printf '# Guide\n\nRead [alpha](alpha.md) and [beta](beta.md).\n' >"$s/guide/index.md"
printf '# Alpha guide\n\nFirst.\n' >"$s/guide/alpha.md"
printf '# Beta\n\nSecond, after [alpha](alpha.md#alpha-guide).\n' >"$s/guide/beta.md"
printf '# The repository\n' >"$s/README.md"
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$TEST_DIR/init.txt" "GitHub Pages builds this site"
assert_contains "$s/folio.yaml" "title_from_heading: true"
alpha=$(find "$TEST_DIR/out/guide" -name 'alpha*' | head -1)
[ -n "$alpha" ] || fail "guide/alpha.md is not published"
alpha_html=$([ -d "$alpha" ] && echo "$alpha/index.html" || echo "$alpha")
assert_contains "$alpha_html" "<title>Alpha guide"

# incremental: the heading's case changes, its id does not
repo_of "$s" "$TEST_DIR/repo"
publish "$TEST_DIR/repo" "$TEST_DIR/inc" "$TEST_DIR/st" "first publish"
sed -i 's/^# Alpha guide/# Alpha Guide/' "$TEST_DIR/repo/guide/alpha.md"
git -C "$TEST_DIR/repo" commit -qam "heading in title case"
publish "$TEST_DIR/repo" "$TEST_DIR/inc" "$TEST_DIR/st" "heading changed"
assert_contains "$TEST_DIR/inc/index.json" '"title": "Alpha Guide"'
assert_contains "$TEST_DIR/inc/${alpha_html#"$TEST_DIR/out/"}" '<title>Alpha Guide'
# guide/index.md is the page at /guide/, as Jekyll has it, not a list
assert_contains "$TEST_DIR/inc/guide/index.html" '<p>Read <a href="'
assert_not_contains "$TEST_DIR/inc/guide/index.html" '>Beta</a>'
same_as_full "$TEST_DIR/repo" "$TEST_DIR/inc" "heading changed"
same_as_full "$TEST_DIR/repo" "$TEST_DIR/inc" "heading changed"

# a Gemfile of its own without github-pages: Jekyll's rule, front matter makes a page
s2="$TEST_DIR/own"
mkdir -p "$s2/guide"
printf 'title: t\n' >"$s2/_config.yml"
printf 'source "https://rubygems.org"\ngem "jekyll"\n' >"$s2/Gemfile"
printf -- '---\ntitle: One\n---\nOne.\n' >"$s2/guide/one.md"
printf '# Two\n\nNo front matter.\n' >"$s2/guide/two.md"
migrate_and_build jekyll "$s2" "$TEST_DIR/out2" >/dev/null
assert_not_contains "$s2/folio.yaml" "title_from_heading"

# the github-pages gem: a repository document with front matter is a page
# all the same (missing-semester's license.md at its permalink /license/)
s3="$TEST_DIR/gem"
mkdir -p "$s3"
printf 'title: t\n' >"$s3/_config.yml"
printf 'source "https://rubygems.org"\ngem "github-pages"\n' >"$s3/Gemfile"
printf -- '---\ntitle: Home\n---\nSee [the license](/license/).\n' >"$s3/index.md"
printf -- '---\ntitle: License\npermalink: /license/\n---\nCC BY-NC-SA.\n' >"$s3/license.md"
printf '# The repository\n' >"$s3/README.md"
migrate_and_build jekyll "$s3" "$TEST_DIR/out3" >/dev/null
assert_contains "$TEST_DIR/out3/license/index.html" "CC BY-NC-SA."
[ ! -e "$TEST_DIR/out3/README/index.html" ] && [ ! -e "$TEST_DIR/out3/readme/index.html" ] ||
	fail "README.md, without front matter, is published"
echo ok

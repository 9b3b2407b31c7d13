#!/bin/bash
# jekyllrb.com links to /showcase/, a page in HTML and Liquid
# (pages/showcase.html, permalink: /showcase/), which init leaves out of the
# site (folio does not run its Liquid) and names in exclude:. The link's
# finding said only "points to no page", which sent the migrator looking
# for a page that is there. It now names the excluded file, found by its
# permalink: or by its path. A link to a page that is nowhere keeps its
# "no page" finding.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/pages" "$site/_docs"
printf 'title: Docs\nurl: https://docs.example\npermalink: pretty\ncollections:\n  docs:\n    output: true\n' >"$site/_config.yml"
liquid='<ul>{%% for s in site.data.showcase %%}<li>{{ s.name }}</li>{%% endfor %%}</ul>'
printf -- "---\ntitle: Showcase\npermalink: /showcase/\n---\n$liquid\n" >"$site/pages/showcase.html"
printf -- "---\ntitle: News\n---\n$liquid\n" >"$site/pages/news.html"
printf -- '---\ntitle: About\n---\nAbout us.\n' >"$site/pages/about.md"
printf -- '---\ntitle: Guide\n---\nSee [the showcase](/showcase/), [the news](/pages/news/) and [nothing](/nowhere/).\n' \
	>"$site/_docs/guide.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" '"pages/showcase.html"'
if "$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1; then fail "check passed three broken links"; fi
cat "$TEST_DIR/check.txt"
excluded="which folio.yaml's exclude: leaves out of the site [link/broken]"
assert_contains "$TEST_DIR/check.txt" "_docs/guide.md:4:20: error: link to \"/showcase/\" points to pages/showcase.html, $excluded"
assert_contains "$TEST_DIR/check.txt" "link to \"/pages/news/\" points to pages/news.html, $excluded"
assert_contains "$TEST_DIR/check.txt" 'link to "/nowhere/" points to no page [link/broken]'
echo "ok"

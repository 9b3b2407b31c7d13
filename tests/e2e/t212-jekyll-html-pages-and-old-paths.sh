#!/bin/bash
# What refused Jekyll's docs without a defect, as jekyll/jekyll's docs/
# lay it out: a link to "/help/", which the redirect of a page's
# redirect_from: "/help/index.html" serves; a relative image link that
# climbs above the site from the file's folder (_tutorials/) but not from
# the page's URL, where a browser reads it ("../../img/x.png" from
# /tutorials/convert/); and pages written in HTML and Liquid (pages/
# showcase.html, pages/index.html), which folio does not render: init
# excludes them, naming each with its permalink, so their source is not
# published and pages/index.html no longer clashes with the list at
# /pages/. A link to such a page is broken in the migrated site, and said
# so; a relative link that names no file either way is still refused.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/_docs" "$site/_tutorials" "$site/img" "$site/pages"
cat >"$site/_config.yml" <<'YML'
title: Lighthouse
url: "https://lighthouse.example"
collections:
  docs:
    output: true
    permalink: /:collection/:path/
  tutorials:
    output: true
    permalink: /:collection/:path/
YML
cat >"$site/_docs/community.md" <<'MD'
---
title: Community
permalink: /docs/community/
redirect_from: "/help/index.html"
---
Ask the keepers.
MD
cat >"$site/_docs/troubleshooting.md" <<'MD'
---
title: Troubleshooting
---
Check out [our other help resources](/help/).
MD
cat >"$site/_tutorials/convert.md" <<'MD'
---
title: Convert
---
![The layout concept](../../img/concept.png)
MD
printf 'PNG' >"$site/img/concept.png"
cat >"$site/pages/team.md" <<'MD'
---
title: Team
---
The keepers, and their [showcase](/showcase/).
MD
cat >"$site/pages/showcase.html" <<'HTML'
---
layout: page
title: Showcase
permalink: /showcase/
---
<ul>{% for entry in site.data.showcase %}<li>{{ entry.name }}</li>{% endfor %}</ul>
HTML
cat >"$site/pages/index.html" <<'HTML'
---
layout: default
permalink: /
---
<section class="intro">{{ site.description }}</section>
HTML
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$TEST_DIR/init.txt" \
	'pages/showcase.html (a page written in HTML and Liquid, at /showcase/) is not published: folio renders Markdown pages; write it in Markdown to keep it'
assert_contains "$TEST_DIR/init.txt" 'pages/index.html (a page written in HTML and Liquid, at /) is not published'
assert_contains "$site/folio.yaml" '  - "pages/showcase.html"'

r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse the link to the page folio does not publish (exit $r)"
assert_contains "$TEST_DIR/check.txt" "pages/team.md:4:35: error: link to \"/showcase/\" points to pages/showcase.html, which folio.yaml's exclude: leaves out of the site [link/broken]"
assert_not_contains "$TEST_DIR/check.txt" '[output/clash]'
assert_not_contains "$TEST_DIR/check.txt" '/help/'
assert_not_contains "$TEST_DIR/check.txt" 'concept.png'

sed -i 's|, and their \[showcase\](/showcase/)||' "$site/pages/team.md"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/docs/troubleshooting/index.html" 'href="/help/"'
[ -f "$out/help/index.html" ] || fail "no redirect page at /help/index.html"
assert_contains "$out/tutorials/convert/index.html" 'src="/img/concept.png"'
[ -f "$out/img/concept.png" ] || fail "the image is not published"
[ -e "$out/pages/showcase.html" ] && fail "the Liquid source of showcase.html is published"
# pages/ is a folder of pages, which Jekyll lists nowhere: its index.html,
# Liquid, is left out, and nothing stands at /pages/
[ ! -e "$out/pages/index.html" ] || fail "a list Jekyll does not write is at /pages/"
assert_contains "$out/pages/team.html" 'Team'

# a relative link that names no file from the page's URL either
printf -- '---\ntitle: Typo\n---\n![Gone](../../img/gone.png)\n' >"$site/_tutorials/typo.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse the missing image (exit $r)"
assert_contains "$TEST_DIR/check2.txt" '_tutorials/typo.md:4:9: error: link to "../../img/gone.png"'
echo "ok"

#!/bin/bash
# A Jekyll site as jekyll/jekyll's docs/ lay it out: a collection's own
# index.md is its list's page (at the list's URL, as Jekyll serves
# "_docs/index.md" with permalink: /docs/), its redirect_from: and a
# permalink: other than the list's are redirects to the list, and links to
# them are valid; init lists the hosts of the pages' iframes in embeds:;
# irc://, tel: and the like are external links accepted
# unchecked, a malformed irc: one is refused. folio init --from jekyll then
# check and build, the content unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_initfrom.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/_docs/guide" "$site/_tutorials"
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
cat >"$site/_docs/index.md" <<'MD'
---
title: Quickstart
permalink: /docs/
redirect_from:
  - /docs/home/
  - /docs/quickstart/
---
Lighthouse keeps ships off the rocks. Read the [guide](/docs/guide/lamps/).
MD
cat >"$site/_docs/guide/lamps.md" <<'MD'
---
title: Lamps
---
Back to the [start](/docs/home/) or the [tutorials](/tutorials/home/).
Ask on [IRC](irc://irc.libera.chat/#lighthouse), call [us](tel:+33123456789)
or write to [xmpp](xmpp:keeper@lighthouse.example).
MD
cat >"$site/_tutorials/index.md" <<'MD'
---
title: Tutorials
permalink: /tutorials/home/
redirect_from: /tutorials/index.html
---
Step by step, from the [quickstart](/docs/quickstart/).
MD
cat >"$site/_tutorials/video.md" <<'MD'
---
title: Video
---
<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123" allowfullscreen></iframe>
MD
cat >"$site/_tutorials/first-night.md" <<'MD'
---
title: First night
date: 2024-03-01
---
Old help: [IRC](irc:irc.example.net/lighthouse).
MD
tree_sums "$site" >"$TEST_DIR/before.sums"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
tree_sums "$site" | cmp -s "$TEST_DIR/before.sums" - || fail "init touched the site's files"
# the old site published its pages' iframes: init lists their hosts
assert_contains "$site/folio.yaml" $'embeds:\n  - "www.youtube.com"\n'

r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse the malformed irc: link (exit $r)"
assert_contains "$TEST_DIR/check.txt" \
	'_tutorials/first-night.md:5:17: error: link "irc:irc.example.net/lighthouse" has no "//" and host after its scheme [link/external-syntax]'
assert_contains "$TEST_DIR/check.txt" 'checked the worktree: 1 error, 0 warnings'

sed -i 's|irc:irc.example.net|irc://irc.example.net|' "$site/_tutorials/first-night.md"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check2.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
# the list's page is the index.md's text, and there is no page "index"
assert_contains "$out/docs/index.html" 'Lighthouse keeps ships off the rocks'
assert_contains "$out/tutorials/index.html" 'Step by step'
for f in docs/index/index.html tutorials/index/index.html; do
	[ -e "$out/$f" ] && fail "$f is published: index.md is the list's page"
done
# its old addresses redirect to the list
for f in docs/home docs/quickstart tutorials/home; do
	assert_contains "$out/$f/index.html" "url=https://lighthouse.example/${f%%/*}/\""
done
assert_contains "$out/docs/guide/lamps/index.html" 'href="irc://irc.libera.chat/#lighthouse"'
assert_contains "$out/docs/guide/lamps/index.html" 'href="tel:+33123456789"'
assert_contains "$out/tutorials/video/index.html" '<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123"'
echo "ok"

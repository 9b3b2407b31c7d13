#!/bin/bash
# Jekyll's {{ site.<name> }} in pages: folio init --from jekyll copies the
# values _config.yml gives the names pages use into params: in folio.yaml
# (and names those it cannot), and the pages then carry the value, in
# links too, which are checked; Liquid output folio does not expand in a
# link (a loop's {{issue}}) is a warning, the link unchecked. (Written
# {{ issue }}, with spaces, the URL is no Markdown link: kramdown, which
# init reads the site as (autolinks: false), leaves the text as it is.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_initfrom.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/_docs"
cat >"$site/_config.yml" <<'YML'
title: Lighthouse
url: "https://lighthouse.example"
repository: https://git.example/lighthouse/lamp
version: 4
unused: never copied
permalink: pretty
collections:
  docs:
    output: true
YML
cat >"$site/_docs/install.md" <<'MD'
---
title: Install
---
Version {{ site.version }}: report bugs [here]({{ site.repository }}/issues/new)
or <a href="{{site.repository}}/pulls">send a fix</a>. Members: {{ site.data.members }}.
MD
cat >"$site/_docs/history.md" <<'MD'
---
title: History
---
{% for issue in page.issues %}
- [#{{ issue }}](https://git.example/lighthouse/lamp/issues/{{issue}})
{% endfor %}
MD
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" $'params:\n  "version": "4"\n  "repository": "https://git.example/lighthouse/lamp"\ncollections:'
assert_not_contains "$site/folio.yaml" 'unused'
assert_contains "$TEST_DIR/init.txt" '{{ site.data.members }} in 1 pages is left as written'

"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
cat "$TEST_DIR/check.txt"
assert_contains "$TEST_DIR/check.txt" \
	'_docs/history.md:5:18: warning: link "https://git.example/lighthouse/lamp/issues/{{issue}}" holds Liquid output folio does not expand: not checked [shortcode/liquid]'
assert_not_contains "$TEST_DIR/check.txt" 'site.repository'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
page=$out/docs/install/index.html
assert_contains "$page" 'Version 4: report bugs <a href="https://git.example/lighthouse/lamp/issues/new">here</a>'
assert_contains "$page" '<a href="https://git.example/lighthouse/lamp/pulls">send a fix</a>'
assert_contains "$page" 'Members: {{ site.data.members }}.'

# a value that makes a link of the site is checked as one
sed -i 's|^repository: .*|repository: /no-such-page|' "$site/_config.yml"
sed -i 's|"repository": .*|"repository": "/no-such-page"|' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a param that names no page should be refused (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'link to "/no-such-page/issues/new" points to no page [link/broken]'
echo "ok"

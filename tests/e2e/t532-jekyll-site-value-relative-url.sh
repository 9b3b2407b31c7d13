#!/bin/bash
# A value of _config.yml through Jekyll's relative_url (or absolute_url):
# ETHOS (tethix-ethos/ethos-jekyll) links its collections' feeds as
# [tools]({{ site.feed.collections.tools.path | relative_url }}), which
# Debian's Jekyll 4.3.1 writes <a href="/tools.xml">. folio expanded
# {{ site.x }} and {{ '/x' | relative_url }}, not the two together: the
# three links were shown as Markdown text, unchecked. Now the value is the
# site path, rooted as the filter roots it (guide: assets/guide.pdf is
# /assets/guide.pdf), and checked; another filter stays as written.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_tools" "$j/assets"
cat >"$j/_config.yml" <<'YAML'
title: Ethos
url: https://ethos.example
plugins: [jekyll-feed]
guide: assets/guide.pdf
collections:
  tools:
    output: true
    permalink: /tools/:title/
feed:
  collections:
    tools:
      path: "/tools.xml"
YAML
printf -- '---\ntitle: Canvas\ndate: 2024-05-01\n---\nA canvas.\n' >"$j/_tools/canvas.md"
printf 'pdf' >"$j/assets/guide.pdf"
cat >"$j/about.md" <<'MD'
---
title: About
permalink: /about/
---
Follow new [tools]({{ site.feed.collections.tools.path | relative_url }}) or read the [guide]({{ site.guide | relative_url }}), also [here]({{site.guide|absolute_url}}).

Shouty {{ site.title | upcase }}.
MD
printf -- '---\ntitle: Home\n---\nHello.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
page=$out/about/index.html
assert_contains "$page" '<a href="/tools.xml">tools</a>'
assert_contains "$page" '<a href="/assets/guide.pdf">guide</a>'
assert_contains "$page" '<a href="/assets/guide.pdf">here</a>'
assert_contains "$page" 'Shouty {{ site.title | upcase }}.'
assert_contains "$TEST_DIR/build.txt" 'liquid output "{{ site.title | upcase }}" is not run'
[ -f "$out/tools.xml" ] || fail "no /tools.xml"
# the value is checked as any link: one that names nothing is refused
printf 'title: Ethos\nurl: https://ethos.example\ngone: /nothing.xml\n' >"$j/_config.yml"
printf -- '---\ntitle: About\npermalink: /about/\n---\n[x]({{ site.gone | relative_url }})\n' >"$j/about.md"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init2.txt")"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 && fail "the broken link passed"
assert_contains "$TEST_DIR/check.txt" 'link to "/nothing.xml" points to no page'
echo "ok"

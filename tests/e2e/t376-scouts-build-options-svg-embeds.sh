#!/bin/bash
# Four findings of a second scout round (docs/migrating.md, sixteenth pass):
# 1. Hugo: a page whose own build options say render: never (_build:
#    before Hugo 0.123, build: since) is not published, nor listed
#    (grass-website's download pages; folio published them);
# 2. an SVG's <title> (Graphviz's tooltips) is SVG's, not HTML's <title>:
#    the page is published (folio refused it, html/active);
# 3. Jekyll: init infers no enum from titles that are mostly each page's
#    own (eight titles on ten pages), so a page titled from its heading is
#    not refused (front-matter/schema);
# 4. Jekyll: an iframe whose host is written with {{ site.x }} gives the
#    host Jekyll writes to embeds: (folio refused the iframe, html/active).
. "$(dirname "$0")/lib.sh"

h=$TEST_DIR/hugo
w() { mkdir -p "$(dirname "$1")"; printf '%s' "$2" >"$1"; }
w "$h/config.toml" 'baseURL = "https://example.org/"
title = "t"
[markup.goldmark.renderer]
  unsafe = true
'
w "$h/content/download/_index.md" '---
title: Download
---
'
w "$h/content/download/linux.md" '---
title: Linux
---
Linux.
'
w "$h/content/download/source.md" '---
title: Source
_build:
  render: never
  list: never
---
Hidden.
'
w "$h/content/download/source2.md" '---
title: Source2
build:
  render: never
---
Hidden too.
'
w "$h/content/about/theme.md" '---
title: Theme
---
The drawing:

<svg width="80" height="40" viewBox="0 0 80 40">
<g class="node"><title>module&#45;a</title><ellipse cx="40" cy="20" rx="30" ry="15"/></g>
</svg>
'
"$FOLIO" init --from hugo "$h" >"$TEST_DIR/init-h.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init-h.txt")"
"$FOLIO" build --worktree "$h" --out "$TEST_DIR/out-h" >"$TEST_DIR/build-h.txt" 2>&1 ||
	fail "the Hugo site was refused: $(cat "$TEST_DIR/build-h.txt")"
[ -f "$TEST_DIR/out-h/download/linux/index.html" ] || fail "1: the rendered page is missing"
for p in source source2; do
	[ ! -e "$TEST_DIR/out-h/download/$p" ] || fail "1: /download/$p/ was published"
	! grep -q "download/$p/" "$TEST_DIR/out-h/download/index.html" || fail "1: /download/$p/ is listed"
done
grep -q '<title>module&#45;a</title>' "$TEST_DIR/out-h/about/theme/index.html" || fail "2: the SVG's title was dropped"

j=$TEST_DIR/jekyll
w "$j/Gemfile" 'source "https://rubygems.org"
gem "github-pages", group: :jekyll_plugins
'
w "$j/_config.yml" 'title: T
url: https://example.org
feedbackurl: docs.google.com/forms/d/X/
'
i=0
for t in A B C D E F G H A B; do
	i=$((i + 1))
	w "$j/p$i.md" "---
layout: page
title: $t
---
Text $i.
"
done
w "$j/python-install.md" '## Installing Python

Steps.
'
w "$j/poll.md" '---
layout: page
title: Poll
---

<iframe title="poll" src="https://embed.{{ site.feedbackurl }}?controls=none" width="100%" height="500"></iframe>
'
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init-j.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init-j.txt")"
python3 -c 'import json,sys; sys.exit("enum" in json.load(open(sys.argv[1]))["properties"]["title"])' \
	"$j/schemas/pages.json" || fail "3: the titles were made an enum: $(cat "$j/schemas/pages.json")"
assert_contains "$j/folio.yaml" '"embed.docs.google.com"'
"$FOLIO" build --worktree "$j" --out "$TEST_DIR/out-j" >"$TEST_DIR/build-j.txt" 2>&1 ||
	fail "the Jekyll site was refused: $(cat "$TEST_DIR/build-j.txt")"
grep -q 'src="https://embed.docs.google.com/forms/d/X/?controls=none"' "$TEST_DIR/out-j/poll.html" "$TEST_DIR/out-j/poll/index.html" 2>/dev/null ||
	fail "4: the iframe is not published with its host"
echo "ok: build options, SVG titles, title enums and iframe hosts from site values"

#!/bin/bash
# A Jekyll page whose permalink: is /index.html is the home page, as Jekyll
# writes that file (the Feeling Responsive theme keeps its home page in
# pages/pages-root-folder/index.md so, as two Carpentries community sites
# do): folio refused the whole site, output/clash with its own home page.
# It is the home page's text, as with permalink: /.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w _config.yml 'title: "Lab"
url: https://lab.example
permalink: /blog/:year/:month/:title/
'
w pages/pages-root-folder/index.md '---
layout: frontpage
title: Welcome
permalink: /index.html
---
Hello from the home page. Read [about us](/about/).
'
w pages/about.md '---
title: About
permalink: /about/
---
Back [home](/).
'
w _posts/2024-05-01-news.md '---
title: News
---
Text.
'
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$TEST_DIR/out/index.html" "Hello from the home page"
[ ! -e "$TEST_DIR/out/pages/pages-root-folder" ] || fail "the home page's text was also published at its folder"
echo "ok: permalink: /index.html is the home page"

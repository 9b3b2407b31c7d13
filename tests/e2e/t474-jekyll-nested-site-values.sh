#!/bin/bash
# {{ site.urls.download }} in a page is a nested value of _config.yml,
# which Jekyll writes as any other (JRuby's download pages, 11 of them,
# in the 25th pass). init noted {{ site.urls }} as no text value and folio
# left the tag as written in the page; now init writes urls.download in
# params: and folio writes its value, as it does {{ site.<name> }}.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
cat >"$j/_config.yml" <<'YML'
title: Project
url: https://project.example
urls:
  download: https://downloads.project.example/releases
  mirrors:
    eu: https://eu.project.example
version: "9.4"
YML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/download.md" <<'MD'
---
title: Download
---
Version {{ site.version }} is at {{ site.urls.download }}, and in Europe at {{site.urls.mirrors.eu}}.
The map {{ site.urls }} has no text, nor {{ site.urls.none }}: both are left as written.
MD
printf -- '---\ntitle: Home\n---\nHome.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$j/folio.yaml" '"urls.download": "https://downloads.project.example/releases"'
assert_contains "$j/folio.yaml" '"urls.mirrors.eu": "https://eu.project.example"'
page=$(find "$out" -name 'download*.html' | head -1)
assert_contains "$page" 'Version 9.4 is at https://downloads.project.example/releases, and in Europe at https://eu.project.example.'
assert_contains "$page" "The map {{ site.urls }} has no text"
assert_contains "$page" '{{ site.urls.none }}'
assert_contains "$TEST_DIR/init.txt" '{{ site.urls.none }} in 1 pages is left as written'
echo "ok"

#!/bin/bash
# version: 9.4 in _config.yml is a number with a fraction, which Liquid
# writes as Ruby's Float#to_s does ({{ site.version }} is 9.4; 2.0 is
# "2.0"), as Debian's Jekyll 4.3.1 writes this page. init wrote whole
# numbers, text and booleans in params: but noted a fraction as no text
# value, and the tag was left as written. Ruby's exponent form (1.0e+20,
# from 1e15 up and below 1e-4) is still left as written, and named.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
cat >"$j/_config.yml" <<'YML'
title: Project
url: https://project.example
version: 9.4
api: 2.0
ratio: 0.125
build: 12
huge: 1.0e+20
YML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Download\n---\nVersion {{ site.version }}, API {{ site.api }}, ratio {{ site.ratio }}, build {{ site.build }}, {{ site.huge }}.\n' >"$j/download.md"
printf -- '---\ntitle: Home\n---\nHome.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
page=$(find "$out" -name 'download*.html' | head -1)
assert_contains "$page" 'Version 9.4, API 2.0, ratio 0.125, build 12, {{ site.huge }}.'
assert_contains "$TEST_DIR/init.txt" '{{ site.huge }} in 1 pages is left as written'
echo "ok"

#!/bin/bash
# A Hugo site on Netlify may write its _redirects through an output format
# (baseName "_redirects", the home page's layouts/index.redir), as
# cuelang.org does for ~40 short links (/s/slack, /issues/*): init read
# static/_redirects only, and 6 pages linking to those addresses were
# refused. The template's literal lines are read as Netlify's rules; its
# template lines are named, not read.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/help" "$s/layouts"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://weave.example/"
title = "Weaving club"
[mediaTypes."text/netlify"]
delimiter = ""
[outputFormats.REDIR]
baseName = "_redirects"
isPlainText = true
mediaType = "text/netlify"
[outputs]
home = ["HTML", "REDIR"]
TOML
cat >"$s/layouts/index.redir" <<'T'
# short links
/s/chat        https://chat.example.net/weavers 302!
/pattern/*     https://patterns.example.net/:splat 302!
/old-help      /help/ 301
{{- range $p := .Site.Pages }}{{- range .Aliases }}
{{ . }} {{ $p.RelPermalink }} 302!
{{- end }}{{- end }}
T
printf -- '---\ntitle: Help\n---\nAsk in [the chat](/s/chat) or see [pattern 12](/pattern/12) and [the old page](/old-help).\n' >"$s/content/help/_index.md"
out="$TEST_DIR/out"
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'layouts/index.redir: 3 lines of Go template not read'
assert_contains "$s/folio.yaml" 'from: "/s/chat"'
assert_contains "$out/old-help/index.html" 'url=https://weave.example/help/'
echo ok

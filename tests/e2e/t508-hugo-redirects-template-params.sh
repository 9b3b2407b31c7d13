#!/bin/bash
# A Hugo site's _redirects written by an output format (the home page's
# layouts/index.redirects) may take the newest version from its settings:
# tikv.org binds {{- $latest := site.Params.versions.latest }} on a
# comment line, then writes /docs/latest/* /docs/{{ $latest }}/:splat.
# init read the template's literal lines only and dropped those, so the
# links to /docs/latest/... and /security were refused (link/broken) and
# the old addresses lost. A line whose actions are values of params: (or
# variables bound to them) is now read with the values filled in, as
# Hugo 0.111 writes it on this fixture (/docs/latest/* /docs/7.1/:splat);
# a line with any other action (range, a page's field) is still named,
# not read. Thirtieth pass, tikv.org's versioned documentation.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/docs/7.1/concepts" "$s/content/docs/6.5/concepts" "$s/content/blog" "$s/layouts"
cat >"$s/config.yaml" <<'YML'
title: "KV"
baseURL: "https://kv.example"
params:
  Versions:
    latest: "7.1"
    all: ["7.1", "6.5"]
outputs:
  home: ["HTML", "REDIRECTS"]
outputFormats:
  REDIRECTS:
    mediaType: "text/netlify"
    baseName: "_redirects"
mediaTypes:
  "text/netlify":
    delimiter: ""
YML
cat >"$s/layouts/index.redirects" <<'T'
# {{- $latest := site.Params.versions.latest }}
/docs/latest     /docs/{{ $latest }}/concepts/ 301
/docs/latest/*   /docs/{{ $latest }}/:splat 301
/security   /docs/{{ .Site.Params.versions.latest }}/concepts/overview/ 301
/chat   https://chat.example.net/kv
{{ range site.Params.versions.all }}/v/{{ . }} /docs/{{ . }}/ 301
{{ end }}
T
printf -- '---\ntitle: Docs\n---\n' >"$s/content/docs/_index.md"
printf -- '---\ntitle: Concepts\n---\nConcepts.\n' >"$s/content/docs/7.1/concepts/_index.md"
printf -- '---\ntitle: Overview\n---\nOverview 7.1.\n' >"$s/content/docs/7.1/concepts/overview.md"
printf -- '---\ntitle: Overview\n---\nOverview 6.5.\n' >"$s/content/docs/6.5/concepts/overview.md"
printf -- '---\ntitle: News\ndate: 2024-01-02\n---\nRead [the overview](/docs/latest/concepts/overview/) and [security](/security).\n' \
	>"$s/content/blog/news.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'layouts/index.redirects: 2 lines of Go template not read'
assert_contains "$s/folio.yaml" 'from: "/docs/latest/*"'
assert_contains "$s/folio.yaml" 'to: "/docs/7.1/:splat"'
assert_contains "$out/docs/latest/index.html" '/docs/7.1/concepts/'
assert_contains "$out/docs/latest/concepts/overview/index.html" '/docs/7.1/concepts/overview/'
assert_contains "$out/security/index.html" '/docs/7.1/concepts/overview/'
assert_contains "$out/chat/index.html" 'https://chat.example.net/kv'
[ ! -e "$out/v" ] || fail "a line of range was read"
echo "ok"

#!/bin/bash
# A link render hook that calls GetPage (Hugo's own, on by default for a
# multilingual site) finds "docs/tasks/run/ext.md" from the content root,
# a content file's name as GetPage takes it: kueue's concepts pages link so.
# folio found the path without ".md" but refused it with the extension.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/docs/tasks/run" "$s/content/docs/concepts" "$s/layouts/_default/_markup"
printf 'title = "t"\nbaseURL = "https://example.org/"\n' >"$s/hugo.toml"
cat >"$s/layouts/_default/_markup/render-link.html" <<'HOOK'
{{ $link := .Destination }}{{ $url := urls.Parse .Destination }}{{ with .Page.GetPage $url.Path }}{{ $link = .RelPermalink }}{{ end }}<a href="{{ $link }}">{{ .Text }}</a>
HOOK
printf -- '---\ntitle: Ext\n---\n## Setup\n' >"$s/content/docs/tasks/run/ext.md"
printf -- '---\ntitle: Run\n---\nRunning.\n' >"$s/content/docs/tasks/run/_index.md"
printf -- '---\ntitle: MK\n---\nSee [ext](docs/tasks/run/ext.md), [its setup](docs/tasks/run/ext.md#setup) and [run](docs/tasks/run/_index.md).\n' \
	>"$s/content/docs/concepts/mk.md"
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
page="$TEST_DIR/out/docs/concepts/mk/index.html"
assert_contains "$page" 'href="/docs/tasks/run/ext/"'
assert_contains "$page" 'href="/docs/tasks/run/ext/#setup"'
assert_contains "$page" 'href="/docs/tasks/run/"'
echo ok

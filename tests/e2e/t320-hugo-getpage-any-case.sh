#!/bin/bash
# A Hugo link render hook that calls GetPage on the destination (cni.dev's)
# finds a page's file whatever its case: [spec](SPEC.md) is
# content/docs/spec.md, at /docs/spec/. With hugo_links, folio read a name
# with an extension only as written, and refused the link.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/docs" "$s/layouts/_default/_markup"
printf 'title = "t"\nbaseURL = "https://example.org/"\n' >"$s/hugo.toml"
cat >"$s/layouts/_default/_markup/render-link.html" <<'HOOK'
{{ $link := .Destination }}{{ $url := urls.Parse .Destination }}{{ with .Page.GetPage $url.Path }}{{ $link = .RelPermalink }}{{ end }}<a href="{{ $link }}">{{ .Text }}</a>
HOOK
printf -- '---\ntitle: Spec\n---\n## Errors\n' >"$s/content/docs/spec.md"
printf -- '---\ntitle: Conventions\n---\nSee the [spec](SPEC.md), [its errors](SPEC.md#errors), [again](Spec.md).\n' \
	>"$s/content/docs/conventions.md"
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$s/folio.yaml" "hugo_links: true"
assert_contains "$TEST_DIR/out/docs/conventions/index.html" 'href="/docs/spec/"'
assert_contains "$TEST_DIR/out/docs/conventions/index.html" 'href="/docs/spec/#errors"'

# a name that is no file in any case is still refused
printf -- '---\ntitle: Other\n---\nSee [owners](OWNERS.md).\n' >"$s/content/docs/other.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a link to a missing OWNERS.md passed"
assert_contains "$TEST_DIR/check.txt" 'content/docs/other.md:4:14: error: link to "OWNERS.md" points to no page'
echo ok

#!/bin/bash
# Jekyll has no aliases: key: greenelab's lab-website-template, which many
# labs' sites copy, lists a member's other names there for its citation
# plugin. folio read them as old URLs and wrote redirect pages at
# "members/J Smith/index.html" and a file "members/J. Smith". init --from
# jekyll writes aliases_key: false: redirect_from: alone names old URLs.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/_members"
printf 'title: Lab\npermalink: pretty\ncollections:\n  members:\n    output: true\n' >"$s/_config.yml"
printf -- '---\ntitle: Home\n---\nSee [Jane](/members/jane-smith/).\n' >"$s/index.md"
printf -- '---\nname: Jane Smith\naliases:\n  - J. Smith\n  - J Smith\nredirect_from: /people/jane/\n---\nBio.\n' \
	>"$s/_members/jane-smith.md"
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$s/folio.yaml" "aliases_key: false"
page=$(find "$TEST_DIR/out/members" -path '*jane-smith*' -name '*.html' | head -1)
[ -n "$page" ] || fail "the member's page is not published"
if find "$TEST_DIR/out" -name 'J*Smith*' | grep -q .; then
	fail "redirect pages written for the member's names: $(find "$TEST_DIR/out" -name 'J*Smith*')"
fi
# redirect_from: still names an old URL
[ -f "$TEST_DIR/out/people/jane/index.html" ] || fail "redirect_from: /people/jane/ has no redirect page"

# a Hugo site keeps aliases: as old URLs (the key's default)
h="$TEST_DIR/hugo"
mkdir -p "$h/content/posts"
printf 'title = "t"\nbaseURL = "https://example.org/"\n' >"$h/hugo.toml"
printf -- '---\ntitle: A\naliases: [/old/a/]\n---\nA.\n' >"$h/content/posts/a.md"
migrate_and_build hugo "$h" "$TEST_DIR/hout" >/dev/null
assert_not_contains "$h/folio.yaml" "aliases_key"
[ -f "$TEST_DIR/hout/old/a/index.html" ] || fail "a Hugo alias has no redirect page"
echo ok

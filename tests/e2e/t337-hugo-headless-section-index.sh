#!/bin/bash
# spinnaker.io's content/en/changelogs/_index.md says headless: true; init
# excluded the folder and its 344 changelogs vanished. Hugo reads
# headless: in a leaf bundle's index.md only (before 0.123; since, for
# that one page): the pages below a headless _index.md are published. A
# headless leaf bundle and a cascade of build.render: never still hide
# their pages; so do a draft section's _index.md and a cascade of
# draft: true, which init left unread (drafts were published).
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/releases" "$s/content/snippets/note" "$s/content/parts"
printf 'baseURL = "https://t.example/"\ntitle = "T"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Releases\nheadless: true\n---\n' >"$s/content/releases/_index.md"
printf -- '---\ntitle: "Version 1"\n---\nFirst.\n' >"$s/content/releases/v1-notes.md"
printf -- '---\ntitle: "Version 2"\n---\nSecond, after [the first](/releases/v1-notes/).\n' >"$s/content/releases/v2-notes.md"
printf -- '---\nheadless: true\n---\n' >"$s/content/snippets/note/index.md"
printf -- '---\ntitle: A note\n---\nReused text.\n' >"$s/content/snippets/note/text.md"
printf -- '---\ntitle: Parts\ncascade:\n  build:\n    render: never\n---\n' >"$s/content/parts/_index.md"
printf -- '---\ntitle: Part\n---\nHidden.\n' >"$s/content/parts/one.md"
printf -- '---\ntitle: Home\n---\nRead [version 2](/releases/v2-notes/).\n' >"$s/content/_index.md"
# a draft section, and one whose cascade makes its pages drafts (cuelang.org's
# docs/draft/): Hugo publishes none of their pages
mkdir -p "$s/content/sketches/pond" "$s/content/ideas"
printf -- '---\ntitle: Sketches\ncascade:\n  draft: true\n---\n' >"$s/content/sketches/_index.md"
printf -- '---\ntitle: Beetles\n---\nSoon.\n' >"$s/content/sketches/beetles.md"
printf -- '---\ntitle: Pond\n---\nLater.\n' >"$s/content/sketches/pond/index.md"
printf -- '---\ntitle: Ideas\ndraft: true\n---\n' >"$s/content/ideas/_index.md"
printf -- '---\ntitle: An idea\n---\nMaybe.\n' >"$s/content/ideas/one.md"
out="$TEST_DIR/out"
migrate_and_build hugo "$s" "$out" >/dev/null
[ -f "$out/releases/v1-notes/index.html" ] || fail "a page below a headless _index.md is not published"
[ -f "$out/releases/v2-notes/index.html" ] || fail "v2-notes not published"
assert_not_contains "$TEST_DIR/init.txt" 'content/releases: Hugo does not publish'
assert_contains "$TEST_DIR/init.txt" 'content/snippets/note: Hugo does not publish its pages'
assert_contains "$TEST_DIR/init.txt" 'content/parts: Hugo does not publish its pages'
[ ! -e "$out/snippets/note" ] || fail "the headless leaf bundle is published"
[ ! -e "$out/parts/one" ] || fail "a page below render: never is published"
assert_contains "$TEST_DIR/init.txt" 'content/sketches: Hugo does not publish its pages'
assert_contains "$TEST_DIR/init.txt" 'content/ideas: Hugo does not publish its pages'
[ ! -e "$out/sketches" ] || fail "the pages of a section cascading draft: true are published"
[ ! -e "$out/ideas" ] || fail "the pages of a draft section are published"
echo ok

#!/bin/bash
# spinnaker.io's content/en/changelogs/_index.md says headless: true; init
# excluded the folder and its 344 changelogs vanished. Hugo reads
# headless: in a leaf bundle's index.md only (before 0.123; since, for
# that one page): the pages below a headless _index.md are published. A
# headless leaf bundle and a cascade of build.render: never still hide
# their pages.
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
out="$TEST_DIR/out"
migrate_and_build hugo "$s" "$out" >/dev/null
[ -f "$out/releases/v1-notes/index.html" ] || fail "a page below a headless _index.md is not published"
[ -f "$out/releases/v2-notes/index.html" ] || fail "v2-notes not published"
assert_not_contains "$TEST_DIR/init.txt" 'content/releases: Hugo does not publish'
assert_contains "$TEST_DIR/init.txt" 'content/snippets/note: Hugo does not publish its pages'
assert_contains "$TEST_DIR/init.txt" 'content/parts: Hugo does not publish its pages'
[ ! -e "$out/snippets/note" ] || fail "the headless leaf bundle is published"
[ ! -e "$out/parts/one" ] || fail "a page below render: never is published"
echo ok

#!/bin/bash
# 18F's development guide declares collections: {pages: {output: true,
# permalink: /:path/}}: Jekyll publishes _pages/sharepoint.md at
# /sharepoint/ and the screenshots beside it, _pages/sharepoint/box.png, at
# /sharepoint/box.png (a collection's file follows its permalink, :path
# its path in the folder), whatever index.md the folder holds. folio
# published them at /pages/sharepoint/,
# and 7 pages linking to them were refused (link/asset). Incremental
# publishes place them as a full build does.
. "$(dirname "$0")/lib.sh"

site="$TEST_DIR/site" repo="$TEST_DIR/repo" out="$TEST_DIR/out" st="$TEST_DIR/state"
mkdir -p "$site/_guides/setup"
printf 'title: Guides\nurl: "https://guides.example"\npermalink: pretty\ncollections:\n  guides:\n    output: true\n    permalink: /:path/\n' >"$site/_config.yml"
printf -- '---\ntitle: Setup\n---\n![Login](setup/login.png) and [the list](setup/list.v2.txt).\n' >"$site/_guides/setup.md"
printf -- '---\ntitle: All guides\n---\nThe guides.\n' >"$site/_guides/index.md" # owns no file below it
printf 'png' >"$site/_guides/setup/login.png"
printf 'one\n' >"$site/_guides/setup/list.v2.txt"
printf -- '---\ntitle: Home\n---\nSee [the login screen](/setup/login.png).\n' >"$site/index.md"
migrate_and_build jekyll "$site" "$TEST_DIR/built" >/dev/null
cmp "$site/_guides/setup/login.png" "$TEST_DIR/built/setup/login.png" || fail "the image is not at /setup/login.png"
cmp "$site/_guides/setup/list.v2.txt" "$TEST_DIR/built/setup/list.v2.txt" || fail "the text file is not at /setup/list.v2.txt"
[ ! -e "$TEST_DIR/built/guides/setup" ] || fail "files published below the collection's folder"
repo_of "$site" "$repo"
publish "$repo" "$out" "$st" "base"
printf 'png2' >"$repo/_guides/setup/login.png"
printf -- '---\ntitle: Setup\n---\n![Login](setup/login.png), again.\n' >"$repo/_guides/setup.md"
git -C "$repo" -c user.name=t -c user.email=t@x commit -qam "a new screenshot"
publish "$repo" "$out" "$st" "new screenshot"
same_as_full "$repo" "$out" "new screenshot"
echo ok

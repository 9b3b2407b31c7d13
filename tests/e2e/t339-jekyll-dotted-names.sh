#!/bin/bash
# Kong's docs keep a version per folder (app/gateway/2.8.x/, 174 pages) and
# pages such as deck/reference/3.0-upgrade.md: Jekyll builds a page's URL
# from its :path and :basename as they are (/gateway/2.8.x/install/), and
# folio made the dots dashes (/gateway/2-8-x/install/): 13 links broke and
# every old address moved. A plain folder's pages and the top's keep them.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/guide/4.1.x" "$s/_posts"
printf 'title: T\nurl: "https://t.example"\npermalink: pretty\n' >"$s/_config.yml"
printf -- '---\ntitle: Install\n---\nInstall it.\n' >"$s/guide/4.1.x/install.md"
printf -- '---\ntitle: Notes\n---\nNotes for [4.1](/guide/4.1.x/install/).\n' >"$s/guide/notes-5.0.md"
printf -- '---\ntitle: Upgrade\n---\nSee [the notes](/guide/notes-5.0/) and [install](/guide/4.1.x/install/).\n' >"$s/3.0-upgrade.md"
printf -- '---\ntitle: "Release 1.2"\n---\nOut.\n' >"$s/_posts/2024-01-05-release-1.2.md"
out="$TEST_DIR/out"
migrate_and_build jekyll "$s" "$out" >/dev/null
[ -f "$out/guide/4.1.x/install/index.html" ] || fail "the dotted folder lost its dots: $(cd "$out" && find guide)"
[ -f "$out/guide/notes-5.0/index.html" ] || fail "the dotted page name lost its dots"
[ -f "$out/3.0-upgrade/index.html" ] || fail "the dotted page at the top lost its dots"
# a post's :title is Jekyll's slugify in its pretty mode, which keeps dots too
[ -f "$out/2024/01/05/release-1.2/index.html" ] || fail "the post moved: $(cd "$out" && find 2024)"
echo ok

#!/bin/bash
# hugo-book's example site is in English, Chinese and Hebrew, each in a
# content folder of its own at the top (content.en, content.he). init
# excluded content.he and content.zh as Hugo's own folders, so no Chinese
# or Hebrew page was published. And folio wrote <html lang="he"> and
# nothing more, so a browser laid the Hebrew pages out left to right. A
# language ICU writes right to left now gets site.rtl, and the built-in
# base writes <html lang="he" dir="rtl">; the other languages' outputs are
# unchanged.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content.en/docs" "$site/content.he/docs"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://book.example/"
title = "Book"
[languages.en]
  contentDir = "content.en"
  weight = 1
[languages.he]
  contentDir = "content.he"
  direction = "rtl"
  weight = 2
TOML
printf -- '---\ntitle: Intro\n---\nHello.\n' >"$site/content.en/docs/intro.md"
printf -- '---\ntitle: מבוא\n---\nשלום.\n' >"$site/content.he/docs/intro.md"
out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
for f in he/docs/intro/index.html he/docs/index.html he/index.html; do
	assert_contains "$out/$f" '<html lang="he" dir="rtl">'
done
assert_contains "$out/docs/intro/index.html" '<html lang="en">'
assert_contains "$out/index.html" '<html lang="en">'
echo "ok"

#!/bin/bash
# Hugo reads a front matter value as text where it wants text: slug: 7788
# (YAML's integer) is the slug "7788", so the post is at
# /post/2022/05/04/7788/ (checked with Hugo 0.111 on this fixture), its
# translation at /en/post/2022/05/04/7788/. folio read no slug from a
# number and named the post by its title: /post/2022/05/04/七七八八/ and
# /en/post/2022/05/04/bits-and-pieces/ (twenty-eighth pass, a blog in
# Chinese and English whose posts have Chinese titles and a number for a
# slug). A link to the old address then named no page.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/post/2022-05-04-x"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://blog.example/"
title = "Blog"
defaultContentLanguage = "zh"
[permalinks]
  post = "/post/:year/:month/:day/:slug/"
[languages.zh]
  weight = 1
[languages.en]
  weight = 2
TOML
printf -- '---\ntitle: 七七八八\ndate: 2022-05-04\nslug: 7788\n---\n杂记。\n' >"$s/content/post/2022-05-04-x/index.md"
printf -- '---\ntitle: Bits and Pieces\ndate: 2022-05-04\nslug: 7788\n---\nNotes.\n' >"$s/content/post/2022-05-04-x/index.en.md"
printf -- '---\ntitle: Home\n---\nSee [the notes](/post/2022/05/04/7788/).\n' >"$s/content/_index.md"
o=$TEST_DIR/out
migrate_and_build hugo "$s" "$o" >/dev/null
for f in post/2022/05/04/7788/index.html en/post/2022/05/04/7788/index.html; do
	[ -f "$o/$f" ] || fail "no $f: $(cd "$o" && find . -name '*.html' | sort | tr '\n' ' ')"
done
[ ! -e "$o/en/post/2022/05/04/bits-and-pieces/index.html" ] || fail "the translation is named by its title"
echo ok

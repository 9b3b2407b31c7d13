#!/bin/bash
# What university-lab Hugo sites (cui-unige/team-smv, BrunaLab) met:
# - a headless bundle in each language's content folder (content/en/home,
#   content/fr/home): init left out the site language's alone, and the
#   French one's files were collection/unknown, a locked error that
#   refused the whole site, --baseline or not;
# - ignoreFiles (blogdown's \.Rmd$, \.ipynb$) names files beside a bundle's
#   page too: the R Markdown and notebook sources are not published.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/smv out=$TEST_DIR/out
cat >"$TEST_DIR/config.toml" <<'TOML'
baseURL = "https://smv.example/"
title = "SMV"
defaultContentLanguage = "en"
ignoreFiles = ["\\.ipynb$", "\\.Rmd$"]
[languages.en]
contentDir = "content/en"
weight = 0
[languages.fr]
contentDir = "content/fr"
weight = 1
TOML
mkdir -p "$s"
cp "$TEST_DIR/config.toml" "$s/config.toml"
for l in en fr; do
	mkdir -p "$s/content/$l/home" "$s/content/$l/post/join-us"
	printf -- '---\nheadless: true\n---\n' >"$s/content/$l/home/index.md"
	printf -- '---\ntitle: Hero\nwidget: hero\n---\nWelcome (%s).\n' "$l" >"$s/content/$l/home/hero.md"
	printf -- '---\ntitle: Join us\ndate: 2022-01-01\n---\nHello (%s).\n' "$l" >"$s/content/$l/post/join-us/index.md"
done
printf -- '---\ntitle: Join us\n---\nhello `r 1+1`\n' >"$s/content/en/post/join-us/index.en.Rmd"
printf '{"cells": []}\n' >"$s/content/en/post/join-us/analysis.ipynb"
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$s/folio.yaml" '"content/fr/home"'
assert_contains "$out/post/join-us/index.html" 'Hello (en).'
assert_contains "$out/fr/post/join-us/index.html" 'Hello (fr).'
[ ! -e "$out/home" ] && [ ! -e "$out/fr/home" ] || fail "a headless bundle is published"
[ -z "$(find "$out" -name '*.Rmd' -o -name '*.ipynb')" ] || fail "a file ignoreFiles names is published: $(find "$out" -name '*.Rmd' -o -name '*.ipynb')"

# Wowchemy's people: content/authors/<key>/_index.md is the text of the
# term <key> of the taxonomy authors, whose terms Hugo writes at
# /author/:slug/ (the theme's permalink), :slug being the profile's title
# (/author/hojin-jang/, t400): the profile shows on the term's page, and
# is no page of its own at /authors/<key>/ (it was both)
w=$TEST_DIR/lab
mkdir -p "$w/content/authors/hojinjang" "$w/content/publication/p1"
printf 'baseURL: https://lab.example/\ntitle: Lab\ntaxonomies:\n  tag: tags\n  author: authors\npermalinks:\n  authors: /author/:slug/\n' \
	>"$w/config.yaml"
printf -- '---\ntitle: Authors\n---\n' >"$w/content/authors/_index.md"
printf -- '---\ntitle: Hojin Jang\n---\nThe bio of Hojin.\n' >"$w/content/authors/hojinjang/_index.md"
printf -- '---\ntitle: P1\ndate: 2022-01-01\nauthors: [hojinjang]\n---\nA paper.\n' >"$w/content/publication/p1/index.md"
"$FOLIO" init --from hugo "$w" >"$TEST_DIR/init-lab.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init-lab.txt")"
repo_of "$w" "$TEST_DIR/labrepo"
publish "$TEST_DIR/labrepo" "$TEST_DIR/labout" "$TEST_DIR/labstate" "the first publish"
assert_contains "$TEST_DIR/labout/author/hojin-jang/index.html" 'The bio of Hojin.'
assert_contains "$TEST_DIR/labout/author/hojin-jang/index.html" 'href="/publication/p1/"'
[ ! -e "$TEST_DIR/labout/authors/hojinjang/index.html" ] || fail "the profile is a page of its own too"
assert_not_contains "$TEST_DIR/labout/sitemap.xml" '/authors/hojinjang/'
same_as_full "$TEST_DIR/labrepo" "$TEST_DIR/labout" "the first publish"
sed -i 's/The bio of Hojin./Hojin studies rivers./' "$TEST_DIR/labrepo/content/authors/hojinjang/_index.md"
git -C "$TEST_DIR/labrepo" commit -qam "bio"
publish "$TEST_DIR/labrepo" "$TEST_DIR/labout" "$TEST_DIR/labstate" "the bio edited"
assert_contains "$TEST_DIR/labout/author/hojin-jang/index.html" 'Hojin studies rivers.'
same_as_full "$TEST_DIR/labrepo" "$TEST_DIR/labout" "the bio edited"

# the content root's index.md makes no leaf bundle of the root's pages:
# about.md beside it stays a page, as before the rule of a section's index.md
r=$TEST_DIR/root
mkdir -p "$r/content/posts"
printf 'baseURL = "https://root.example/"\ntitle = "t"\n' >"$r/config.toml"
printf -- '---\ntitle: I\n---\nindex page\n' >"$r/content/index.md"
printf -- '---\ntitle: About\n---\nAbout us.\n' >"$r/content/about.md"
printf -- '---\ntitle: A\n---\nA post.\n' >"$r/content/posts/a.md"
migrate_and_build hugo "$r" "$TEST_DIR/rootout" >/dev/null
assert_contains "$TEST_DIR/rootout/about/index.html" 'About us.'
assert_contains "$TEST_DIR/rootout/posts/a/index.html" 'A post.'

#!/bin/bash
# A Jekyll page's own lang: on a site without translations: minima's
# layout writes <html lang="{{ page.lang | default: site.lang }}">, and a
# Montréal artist's French site has its English pages in en/ with
# lang: en. folio wrote every page <html lang="fr">. Now a page's lang:
# that is a language tag names its <html lang> (and its direction) on a
# Jekyll site; its links and lists stay the site's. A lang: that is no
# tag is ignored, and on a Hugo site (or folio's own) lang: is only a
# field, as a book's language may be.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/jekyll
mkdir -p "$j/en" "$j/_posts"
printf 'title: Célia\nurl: https://celia.example\nlang: fr\n' >"$j/_config.yml"
printf -- '---\ntitle: À propos\npermalink: /a-propos/\n---\nArtiste à Montréal.\n' >"$j/a-propos.md"
printf -- '---\ntitle: About\nlang: en\npermalink: /en/about/\n---\nAn artist in Montréal.\n' >"$j/en/about.md"
printf -- '---\ntitle: Contact\nlang: "fr<script>"\npermalink: /contact/\n---\nÉcrire.\n' >"$j/contact.md"
printf -- '---\ntitle: Arabe\nlang: ar\npermalink: /ar/\n---\nنص.\n' >"$j/ar.md"
printf -- '---\ntitle: Expo\n---\nVernissage.\n' >"$j/_posts/2024-05-02-expo.md"
migrate_and_build jekyll "$j" "$TEST_DIR/out" >/dev/null
assert_contains "$TEST_DIR/out/en/about/index.html" '<html lang="en">'
assert_contains "$TEST_DIR/out/a-propos/index.html" '<html lang="fr">'
assert_contains "$TEST_DIR/out/contact/index.html" '<html lang="fr">'
assert_contains "$TEST_DIR/out/ar/index.html" '<html lang="ar" dir="rtl">'
# the English page's navigation is the site's: its home is /
assert_not_contains "$TEST_DIR/out/en/about/index.html" 'href="/en/"'

h=$TEST_DIR/hugo
mkdir -p "$h/content/livres"
printf 'baseURL = "https://institut.example/"\ntitle = "Institut"\nlanguageCode = "fr"\n' >"$h/hugo.toml"
printf -- '---\ntitle: Cooperation\nlang: en\n---\nUn ouvrage en anglais.\n' >"$h/content/livres/cooperation.md"
migrate_and_build hugo "$h" "$TEST_DIR/out-h" >/dev/null
assert_contains "$TEST_DIR/out-h/livres/cooperation/index.html" '<html lang="fr">'
echo "ok"

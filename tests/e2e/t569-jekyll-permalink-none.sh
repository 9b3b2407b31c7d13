#!/bin/bash
# permalink: none, one of Jekyll's named styles: a bilingual French and
# English blog theme keeps its posts in fr/_posts/ and en/_posts/, each
# with categories: [fr] or [en], under permalink: none, which Jekyll
# reads as /:categories/:title:output_ext: Debian's Jekyll 4.3.1 writes
# /fr/bienvenue.html and /en/welcome.html (the folder's category and the
# post's own, the same, once), and a post at the top without categories
# at /hello.html. folio's init took "none" for a pattern ("/none", which
# it cannot express): the posts were at /fr-2/bienvenue/, every old
# address lost. (ordinal and weekdate: t593.)
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/fr/_posts" "$j/en/_posts" "$j/_posts"
printf 'title: Uno\nurl: https://uno.example\npermalink: none\n' >"$j/_config.yml"
printf -- '---\ntitle: Bienvenue\ncategories: [fr]\n---\nLe texte, [en anglais](/en/welcome.html).\n' \
	>"$j/fr/_posts/2019-11-10-bienvenue.md"
printf -- '---\ntitle: Welcome\ncategories: [en]\n---\nThe text, [in French](/fr/bienvenue.html).\n' \
	>"$j/en/_posts/2019-11-10-welcome.md"
printf -- '---\ntitle: Hello\n---\nAt the top.\n' >"$j/_posts/2019-11-11-hello.md"
printf -- '---\ntitle: Accueil\n---\n[Bienvenue](/fr/bienvenue.html), [hello](/hello.html).\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_not_contains "$TEST_DIR/init.txt" 'permalink "/none" cannot be expressed'
for p in fr/bienvenue.html en/welcome.html hello.html; do
	[ -f "$out/$p" ] || fail "no /$p, Jekyll's address of the post"
done
grep -qF 'Le texte' "$out/fr/bienvenue.html" || fail "/fr/bienvenue.html is not the French post"
echo "ok"

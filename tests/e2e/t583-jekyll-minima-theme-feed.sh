#!/bin/bash
# theme: minima loads jekyll-feed and jekyll-seo-tag without plugins:
# naming them: Jekyll requires a gem theme's runtime dependencies
# (require_theme_deps), and minima 2.5's are those two. A Montréal
# artist's bilingual site on minima, its plugins: left out, has Debian's
# Jekyll 4.3.1 write /feed.xml (an Atom feed of its post), which
# minima's head links from every page; init kept no feed and the
# address was a 404 on folio's site. Another theme without plugins:
# keeps none, as before.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts"
printf 'title: Atelier de photographie\nurl: https://atelier.example\ntheme: minima\n' >"$j/_config.yml"
printf -- '---\ntitle: Vernissage\ndate: 2024-05-02 18:00:00\ncategories: expositions\n---\nLe vernissage de la série.\n' \
	>"$j/_posts/2024-05-02-vernissage.md"
printf -- '---\ntitle: Projets\n---\nLes séries en cours.\n' >"$j/projets.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
[ -f "$out/feed.xml" ] || fail "no /feed.xml, which minima's jekyll-feed writes"
grep -qF 'https://atelier.example/expositions/2024/05/02/vernissage.html' "$out/feed.xml" \
	|| fail "the feed lacks the post at Jekyll's address: $(cat "$out/feed.xml")"

k=$TEST_DIR/other
cp -r "$j" "$k"
rm -rf "$k/folio.yaml" "$k/schemas"
sed -i 's/^theme: minima/theme: jekyll-theme-cayman/' "$k/_config.yml"
out2=$TEST_DIR/out2
migrate_and_build jekyll "$k" "$out2"
[ ! -e "$out2/feed.xml" ] || fail "a theme without jekyll-feed got /feed.xml"
echo "ok"

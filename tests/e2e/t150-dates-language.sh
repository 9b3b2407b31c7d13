#!/bin/bash
# Long dates come from ICU in the site's language: the sample site switched
# to German shows "Freitag, 26. April 2019" (before, any language but French
# got English), and es, it, pt and ja sites their own words. No page holds an
# empty <time>.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site"
EVENT=events/rencontre-associations-recherche-2019/index.html

# build_in LANG DIR: the sample site in language LANG, built to DIR
build_in() {
	sed -i "s/^language: .*/language: $1/" "$site/folio.yaml"
	git -C "$site" commit -qam "language: $1"
	"$FOLIO" build --repo "$site" --out "$2" >"$TEST_DIR/out.txt" 2>&1 \
		|| fail "build in $1 failed: $(cat "$TEST_DIR/out.txt")"
}

build_in de "$TEST_DIR/de"
assert_contains "$TEST_DIR/de/$EVENT" "Freitag, 26. April 2019"
assert_contains "$TEST_DIR/de/$EVENT" '<html lang="de"'
assert_not_contains "$TEST_DIR/de/$EVENT" "Friday"
# the books list shows each book's date in German too
assert_contains "$TEST_DIR/de/books/index.html" "September 2006"
assert_contains "$TEST_DIR/de/books/index.html" "Freitag, 15. September 2006"

# every <time> of every page says something
empty=$(grep -rlE '<time[^>]*>[[:space:]]*</time>' "$TEST_DIR/de" || true)
[ -z "$empty" ] || fail "empty <time> in: $empty"

build_in es "$TEST_DIR/es"
assert_contains "$TEST_DIR/es/$EVENT" "viernes, 26 de abril de 2019"
build_in it "$TEST_DIR/it"
assert_contains "$TEST_DIR/it/$EVENT" "venerdì 26 aprile 2019"
build_in pt "$TEST_DIR/pt"
assert_contains "$TEST_DIR/pt/$EVENT" "sexta-feira, 26 de abril de 2019"
build_in ja "$TEST_DIR/ja"
assert_contains "$TEST_DIR/ja/$EVENT" "2019年4月26日金曜日"
build_in fr "$TEST_DIR/fr"
assert_contains "$TEST_DIR/fr/$EVENT" "vendredi 26 avril 2019"
echo "ok: long dates in de, es, it, pt, ja and fr"

#!/bin/bash
# Jekyll's named permalink styles ordinal (/:categories/:year/:y_day/:title.html)
# and weekdate (/:categories/:year/W:week/:short_day/:title.html): init
# said they "cannot be expressed" and the posts went to folio's own
# addresses, every old one lost. folio's permalinks now have :y_day (the
# day of the year), :week (ISO 8601's, Ruby's %V) and :short_day (Mon to
# Sun), and :short_year as a date of its own: each post is where Debian's
# Jekyll 4.3.1 writes it, the years' edges too (2020-12-31 is day 366;
# 2021-01-01 is in 2020's week 53, written /2021/W53/Fri/, as Jekyll's
# :year is the calendar's; 2024-12-30 is week 1).
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts" "$j/actualites/_posts"
printf 'title: Institut\nurl: https://institut.example\nlang: fr\npermalink: ordinal\n' >"$j/_config.yml"
post() { printf -- '---\ntitle: Note du %s\n---\nTexte.\n' "$1" >"$2/$1-note.md"; }
for d in 2019-11-11 2020-12-31 2021-01-01 2024-02-29; do post "$d" "$j/_posts"; done
post 2022-03-14 "$j/actualites/_posts"
printf -- '---\ntitle: Accueil\n---\n[La note](/2019/315/note.html), [le 29 février](/2024/060/note.html).\n' >"$j/index.md"
migrate_and_build jekyll "$j" "$TEST_DIR/out" >/dev/null
assert_not_contains "$TEST_DIR/init.txt" 'cannot be expressed'
for p in 2019/315/note.html 2020/366/note.html 2021/001/note.html 2024/060/note.html actualites/2022/073/note.html; do
	[ -f "$TEST_DIR/out/$p" ] || fail "no /$p, Jekyll's ordinal address: $(cd "$TEST_DIR/out" && find . -name note.html)"
done

sed -i 's/^permalink: ordinal/permalink: weekdate/' "$j/_config.yml"
rm -rf "$TEST_DIR/out"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init2.txt")"
assert_not_contains "$TEST_DIR/init2.txt" 'cannot be expressed'
printf -- '---\ntitle: Accueil\n---\n[La note](/2019/W46/Mon/note.html).\n' >"$j/index.md"
"$FOLIO" build --worktree "$j" --out "$TEST_DIR/out" >"$TEST_DIR/build2.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build2.txt")"
for p in 2019/W46/Mon/note.html 2020/W53/Thu/note.html 2021/W53/Fri/note.html 2024/W09/Thu/note.html \
	actualites/2022/W11/Mon/note.html; do
	[ -f "$TEST_DIR/out/$p" ] || fail "no /$p, Jekyll's weekdate address: $(cd "$TEST_DIR/out" && find . -name note.html)"
done
echo "ok"

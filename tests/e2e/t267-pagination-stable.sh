#!/bin/bash
# pagination: stable (the default) cuts a list into pages from its last
# item (issue 14): an event added newest rewrites the first list page and
# the first JSON Feed page, not the 8 pages after them, which keep their
# items, their bytes and their files. Every page past the first holds
# page_size items, the first page_size to twice that less one. When the
# count of pages grows (every page_size items) all of them are cut anew.
# pagination: shift cuts from the first item, as Hugo: the same add
# rewrites every page. Bytes are a full build's in each case.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
sed -i 's/^page_size: .*/page_size: 5/' folio.yaml
model=events/rencontre-associations-recherche-2019.md
event() { # N DATE
	sed -n '1,/^---$/{p;d};/^---$/{p;q}' "$model" |
		sed "s/^title: .*/title: Rencontre numéro $1/; s/^date: .*/date: $2/" >"events/rencontre-$1.md"
	printf '\nLa rencontre numéro %s.\n' "$1" >>"events/rencontre-$1.md"
}
for i in $(seq 10 55); do
	event "$i" "2020-$(printf %02d $((i % 12 + 1)))-$(printf %02d $((i % 27 + 1)))"
done
git add -A
git commit -qm "46 events"
pub=$TEST_DIR/pub
"$FOLIO" build --repo "$repo" --out "$pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/first.err" ||
	{ cat "$TEST_DIR/first.err" >&2; fail "the site did not publish"; }
total=$(ls events/*.md | grep -vc _index)
pages=$((total / 5))
[ -f "$pub/events/page/$pages/index.html" ] && [ ! -e "$pub/events/page/$((pages + 1))" ] ||
	fail "$total events, 5 a page: expected $pages list pages cut from the last"
first=$(grep -o 'href="/events/[a-z0-9-]*/"' "$pub/events/index.html" | sort -u | wc -l)
[ "$first" -ge 5 ] && [ "$first" -le 9 ] || fail "the first list page shows $first events, expected 5 to 9"
for k in $(seq 2 "$pages"); do
	n=$(grep -o 'href="/events/[a-z0-9-]*/"' "$pub/events/page/$k/index.html" | sort -u | wc -l)
	[ "$n" = 5 ] || fail "list page $k shows $n events, expected 5"
done

publish() { # LABEL: publish HEAD from the state; its outputs those of a full build
	"$FOLIO" build --repo "$repo" --rev HEAD --out "$pub" --state "$TEST_DIR/state" --explain \
		>"$TEST_DIR/$1.explain" 2>"$TEST_DIR/$1.err" || { cat "$TEST_DIR/$1.err" >&2; fail "$1: the publish failed"; }
	same_as_full "$repo" "$pub" "$1"
}
inode() { stat -c %i "$pub/$1"; }

# an event added newest, while the count of pages holds
before2=$(inode events/page/2/index.html)
before_feed2=$(inode events/feed/2.json)
[ $(((total + 1) / 5)) = "$pages" ] || fail "the fixture should not grow the count of pages yet"
event 90 2031-01-01
git add -A
git commit -qm "an event added, newest"
publish add
grep -q '^events/index.html:' "$TEST_DIR/add.explain" || fail "add: the first list page was not rendered"
grep -q '^events/index.json:' "$TEST_DIR/add.explain" || fail "add: the first feed page was not rendered"
if grep -E '^events/(page|feed)/' "$TEST_DIR/add.explain"; then
	fail "add: list or feed pages past the first were rendered again"
fi
[ "$(inode events/page/2/index.html)" = "$before2" ] && [ "$(inode events/feed/2.json)" = "$before_feed2" ] ||
	fail "add: page 2 was written again"
assert_contains "$pub/events/index.html" "Rencontre numéro 90"

# events added until the count of pages grows: every page is cut anew
i=91
while [ $(((total + i - 89) / 5)) = "$pages" ]; do
	event "$i" "2031-01-$(printf %02d $((i - 89)))"
	i=$((i + 1))
done
event "$i" "2031-02-01"
event $((i + 1)) "2031-02-02" # and one more: the delete below keeps the count
git add -A
git commit -qm "events added: one page more"
publish grow
[ -f "$pub/events/page/$((pages + 1))/index.html" ] || fail "grow: no page $((pages + 1))"
grep -q '^events/page/2/index.html:' "$TEST_DIR/grow.explain" || fail "grow: page 2 was not cut anew"

# a deleted event before page 2: page 2 keeps its items
before2=$(inode events/page/2/index.html)
git rm -q events/rencontre-90.md
git commit -qm "an event deleted"
publish delete
[ "$(inode events/page/2/index.html)" = "$before2" ] || fail "delete: page 2 was written again"

# pagination: shift for events: the next event added newest moves every page
sed -i '/^  - name: events$/a\    pagination: shift' folio.yaml
git commit -qam "events cut as Hugo cuts them"
publish shift
before3=$(inode events/page/3/index.html)
event 200 2032-01-01
git add -A
git commit -qm "an event added, newest, shift"
publish shift-add
grep -q '^events/page/3/index.html:' "$TEST_DIR/shift-add.explain" || fail "shift: page 3 was not rendered again"
[ "$(inode events/page/3/index.html)" != "$before3" ] || fail "shift: page 3 kept its file"
n=$(grep -o 'href="/events/[a-z0-9-]*/"' "$pub/events/index.html" | sort -u | wc -l)
[ "$n" = 5 ] || fail "shift: the first list page shows $n events, expected 5"

# a mistake names the key, the line and the two values
sed -i 's/^    pagination: shift/    pagination: reverse/' folio.yaml
git commit -qam "a wrong value"
if "$FOLIO" build --repo "$repo" --out "$TEST_DIR/bad" >/dev/null 2>"$TEST_DIR/bad.err"; then
	fail "pagination: reverse was accepted"
fi
assert_contains "$TEST_DIR/bad.err" 'folio.yaml:'
assert_contains "$TEST_DIR/bad.err" '"pagination" is "reverse", neither stable nor shift'
echo "ok: stable pages kept on an add and a delete, cut anew when their count grows; shift moves them"

#!/bin/bash
# A JSON Feed page shows its items' HTML, and an item linking to another
# page's file (../pages/presentation.md) shows where that page is
# published, which its slug: decides, not the item's bytes. So the feed
# page's dependency records name the places its items link to ("file:"
# records, as the item's own page has), and a publish that moves the
# target renders the feed page again. Each publish, by whichever path
# (incremental, the site model's, the fast path), leaves the output byte
# for byte a full build's.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
target=pages/presentation.md
# (the sample's event links to the page's file, as every page linking to it does)
grep -q "(../$target#" events/rencontre-associations-recherche-2019.md || fail "the sample event no longer links to $target"
# a page may have a slug:
sed -i 's/^    "title": {/    "slug": {"type": "string"},\n&/' schemas/pages.json
git commit -qam "pages may have a slug"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/first.err" ||
	{ cat "$TEST_DIR/first.err" >&2; fail "the site did not publish"; }

n=0
# publish HEAD from the state, then compare with a full build's output
publish() {
	n=$((n + 1))
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" \
		--state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/trace$n" ||
		{ cat "$TEST_DIR/trace$n" >&2; fail "case $n: the publish failed"; }
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	"$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/full" --state "$TEST_DIR/fullstate" \
		>/dev/null 2>&1 || fail "case $n: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $n: the output differs from a full build's"
	# and the dependency records a full build writes, which the next publish reads
	for st in state fullstate; do
		sqlite3 "$TEST_DIR/$st/state.sqlite" "SELECT output, dep FROM deps ORDER BY 1, 2" >"$TEST_DIR/$st$n.deps"
	done
	diff "$TEST_DIR/fullstate$n.deps" "$TEST_DIR/state$n.deps" >&2 ||
		fail "case $n: the dependency records differ from a full build's"
}
# set_slug SLUG: the page moves to /pages/SLUG/
set_slug() {
	sed -i '/^slug: /d' $target
	sed -i "2i slug: $1" $target
	git commit -qam "the page moves to $1"
}

# 1. the target's slug changes: the feed page moves the link with it
set_slug presentation-un
publish
grep -rl '"content_html"' "$TEST_DIR/pub" >"$TEST_DIR/feeds" || true
[ -s "$TEST_DIR/feeds" ] || fail "the site has no JSON Feed page"
! grep -q "/pages/presentation/" $(cat "$TEST_DIR/feeds") || fail "case 1: a feed page still links to the old URL"

# 2. an event added (published from the site model: the linking event is a
# stub there), then 3. the target moves again
sed -n '1,/^---$/{p;d};/^---$/{p;q}' events/rencontre-associations-recherche-2019.md |
	sed 's/^title: .*/title: Une autre rencontre/; s/^date: .*/date: 2030-01-01/' >events/une-autre-rencontre.md
printf '\nUne autre rencontre.\n' >>events/une-autre-rencontre.md
git add -A
git commit -qm "an event added"
publish
grep -q "from the site model" "$TEST_DIR/trace$n" || { cat "$TEST_DIR/trace$n" >&2; fail "case $n: not published from the site model"; }
set_slug presentation-deux
publish
! grep -q "/pages/presentation-un/" $(cat "$TEST_DIR/feeds") || fail "case 3: a feed page still links to the old URL"

# 4. a body edit of the linking event (the fast path), then 5. the target moves again
printf '\nUn paragraphe ajouté.\n' >>events/rencontre-associations-recherche-2019.md
git commit -qam "a body edit"
publish
set_slug presentation-trois
publish
! grep -q "/pages/presentation-deux/" $(cat "$TEST_DIR/feeds") || fail "case 5: a feed page still links to the old URL"
echo "ok: a feed page follows the pages its items link to, as a full build does"

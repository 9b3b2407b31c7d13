#!/bin/bash
# folio build turns a commit of the sample site into a complete, valid site,
# byte-identical from one build to the next.
. "$(dirname "$0")/lib.sh"

make_repo "$TEST_DIR/site"
"$FOLIO" build --repo "$TEST_DIR/site" --out "$TEST_DIR/public" >"$TEST_DIR/out.txt" \
	|| fail "build failed: $(cat "$TEST_DIR/out.txt")"
grep -q "^built [0-9]* pages" "$TEST_DIR/out.txt" || fail "no summary: $(cat "$TEST_DIR/out.txt")"
P=$TEST_DIR/public

# Every kind of output exists.
for f in index.html index.json sitemap.xml \
	pages/presentation/index.html \
	events/index.html events/index.json \
	events/rencontre-associations-recherche-2019/index.html \
	people/nadine-souchard/index.html people/fabrice-dhume-sonzogni/index.html \
	books/la-cooperation-dans-l-action-publique/index.html books/index.json \
	organizations/cisca/index.html organizations/index.html; do
	[ -s "$P/$f" ] || fail "missing output $f"
done

# The book page shows the hyphenated ISBN and JSON-LD for a Book.
BOOK=$P/books/la-cooperation-dans-l-action-publique/index.html
assert_contains "$BOOK" "978-2-296-01368-1"
assert_contains "$BOOK" '"@type":"Book"'
assert_contains "$BOOK" '"isbn":"9782296013681"'
assert_contains "$BOOK" "L&#39;Harmattan"

# The event page: French date, programme, speaker, footnote link.
EVENT=$P/events/rencontre-associations-recherche-2019/index.html
assert_contains "$EVENT" "vendredi 26 avril 2019"
assert_contains "$EVENT" "Comment chercher ensemble"
assert_contains "$EVENT" "Lionel Larqué"
assert_contains "$EVENT" "http://www.sciences-participatives.com/Rapport"
assert_contains "$EVENT" '"@type":"Event"'
assert_contains "$EVENT" '"startDate":"2019-04-26'
# JSON-LD as folio.yaml maps it: a reference field gives the pages it names,
# typed by their collection (the publisher used to be its slug as a name)
assert_contains "$EVENT" '"performer":[{"@type":"Person","name":"Lionel Larqué","url":"https://iscra.example/people/lionel-larque/"}]'
BOOK=$P/books/la-cooperation-dans-l-action-publique/index.html
assert_contains "$BOOK" '"publisher":[{"@type":"Organization","name":"L'"'"'Harmattan","url":"https://iscra.example/organizations/l-harmattan/"}]'
assert_contains "$BOOK" '"isbn":"9782296013681","numberOfPages":328'

# The researcher page lists publications with working links.
PERSON=$P/people/nadine-souchard/index.html
assert_contains "$PERSON" "Pourquoi co-opérer"
assert_contains "$PERSON" 'href="https://www.youtube.com/watch?v=CtU9zeU37gA"'
assert_contains "$PERSON" '"@type":"Person"'

# File-form links are rewritten to page URLs.
! grep -rq 'href="[^"]*\.md[#"]' "$P" --include=index.html || fail "a .md link was not rewritten"

# Feeds are JSON Feed 1.1, newest first; the site index lists every page.
python3 - "$P" <<'PY'
import json, sys
p = sys.argv[1]
feed = json.load(open(p + "/events/index.json"))
assert feed["version"] == "https://jsonfeed.org/version/1.1", feed["version"]
dates = [i["date_published"] for i in feed["items"]]
assert dates == sorted(dates, reverse=True), dates
idx = json.load(open(p + "/index.json"))
ids = {e["id"] for e in idx["pages"]}
assert "books/la-cooperation-dans-l-action-publique" in ids, ids
for e in idx["pages"]:
    assert set(e) >= {"id", "collection", "slug", "url", "title", "date", "summary"}, e
PY

# Every HTML page is valid HTML5 with a language and a title; headings in order.
# tidy is required (scripts/install-deps.sh installs it): without it, this
# check would pass having checked nothing.
command -v tidy >/dev/null || fail "tidy is not installed: run scripts/install-deps.sh"
while IFS= read -r -d '' f; do
	tidy -errors -q "$f" 2>"$TEST_DIR/tidy.txt" || true
	if grep -q "Error:" "$TEST_DIR/tidy.txt"; then
		cat "$TEST_DIR/tidy.txt" >&2
		fail "tidy finds errors in ${f#$P/}"
	fi
	grep -q '<html lang="fr"' "$f" || fail "no lang attribute in ${f#$P/}"
	grep -q '<title>[^<]' "$f" || fail "no title in ${f#$P/}"
done < <(find "$P" -name '*.html' -print0)
python3 - "$P" <<'PY' || fail "headings out of order"
import pathlib, re, sys
for f in pathlib.Path(sys.argv[1]).rglob("*.html"):
    levels = [int(m) for m in re.findall(r"<h([1-6])\b", f.read_text())]
    assert levels and levels[0] == 1 and levels.count(1) == 1, (str(f), levels)
    for a, b in zip(levels, levels[1:]):
        assert b <= a + 1, (str(f), levels)
PY

# Static files are copied through.
[ -n "$(find "$P/static" -type f)" ] || fail "static/ not copied"

# Two builds of one commit are byte-identical, whatever the thread count.
"$FOLIO" build --repo "$TEST_DIR/site" --out "$TEST_DIR/public2" --jobs 1 --quiet
diff -r "$P" "$TEST_DIR/public2" >/dev/null || fail "two builds differ"

# The footer's year is the commit's (site.year), never the clock's.
year=$(git -C "$TEST_DIR/site" log -1 --format=%cd --date=format-local:%Y)
assert_contains "$P/pages/presentation/index.html" "<p>© $year "

# A worktree build of the same files gives the same bytes but for the
# footer's year: a directory has no commit, so no year.
"$FOLIO" build --worktree "$TEST_DIR/site" --out "$TEST_DIR/public3" --quiet
diff -r -I '^<p>© ' "$P" "$TEST_DIR/public3" >/dev/null || fail "worktree build differs from the commit build"
assert_contains "$TEST_DIR/public3/pages/presentation/index.html" "<p>© ISCRA"
echo "ok"

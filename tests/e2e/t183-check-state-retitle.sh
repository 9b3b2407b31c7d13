#!/bin/bash
# folio check --state judges a commit that changes a page's front matter,
# summary or headings (a retitle) from the persistent site model: only the
# changed page is parsed (FOLIO_TRACE), and the report is byte for byte a
# full check's in every format, warnings present. What other pages see of it
# is asked of the records: a heading id another page links to, a new URL
# (slug:), aliases, an ISBN another book holds send the commit to a full
# check, which reports what it finds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_check.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
book=books/la-cooperation-dans-l-action-publique.md
person=people/lionel-larque.md # linked to and referenced
# a second book (another ISBN), and a warning in the site
sed 's/^title: .*/title: Un second livre/; s/^isbn: .*/isbn: 978-2-296-01369-8/; /^ean:/d' $book \
	>books/un-second-livre.md
para="Ce paragraphe, assez long pour que folio le compare aux autres paragraphes, est écrit deux fois."
printf '\n%s\n\n%s\n' "$para" "$para" >>books/un-second-livre.md
git add -A
git commit -qm "A second book, with a warning"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" 2>/dev/null \
	|| fail "the sample site did not publish"
published=$(git rev-parse HEAD)


# 1. a referenced, linked-to person renamed: judged, the kept warning reported
git reset -q --hard "$published"
sed -i 's/^name: .*/name: Lionel Larqué (renommé)/' $person
git commit -qam "1: a person renamed"
same_as_full judged ": 1 pages changed (1 beyond their body), 0 added, 0 deleted; 1 pages parsed"
assert_contains "$TEST_DIR/fast1.text" "[text/repeated-paragraph]"

# 2. a heading nobody links to renamed, with a new summary: judged
git reset -q --hard "$published"
sed -i 's/^## Ses missions$/## Ses missions principales/' organizations/cisca.md
git commit -qam "2: a heading nobody links to"
same_as_full judged ": 1 pages changed (1 beyond their body), 0 added, 0 deleted; 1 pages parsed"

# 3. a heading another page links to by its id renamed: checked whole (link/anchor)
git reset -q --hard "$published"
sed -i 's/^## Trois principes fondateurs$/## Les principes fondateurs/' pages/presentation.md
git commit -qam "3: a heading linked to"
same_as_full whole
assert_contains "$TEST_DIR/full3.text" "[link/anchor]"

# 4. a person moved by slug:: checked whole (its links and references break)
git reset -q --hard "$published"
sed -i '0,/^name: /s/^\(name: .*\)$/\1\nslug: lionel-larque-2/' $person
git commit -qam "4: a person moved"
same_as_full whole
assert_contains "$TEST_DIR/full4.text" "[ref/missing]"

# 5. a book given the ISBN of the other: checked whole (isbn/duplicate)
git reset -q --hard "$published"
sed -i 's/^isbn: .*/isbn: 978-2-296-01368-1/' books/un-second-livre.md
git commit -qam "5: an ISBN taken"
same_as_full whole
assert_contains "$TEST_DIR/full5.text" "[isbn/duplicate]"

# 6. aliases given to a page: checked whole (old URLs others may link to)
git reset -q --hard "$published"
sed -i '0,/^name: /s/^\(name: .*\)$/\1\naliases: [\/ancien-lionel\/]/' $person
git commit -qam "6: aliases"
same_as_full whole

# 7. the two books swap their ISBNs in one commit: judged (each is the only holder after)
git reset -q --hard "$published"
sed -i 's/^isbn: .*/isbn: 978-2-296-01369-8/; /^ean:/d' $book
sed -i 's/^isbn: .*/isbn: 978-2-296-01368-1/' books/un-second-livre.md
git commit -qam "7: ISBNs swapped"
rc=0
FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/swap" \
	2>"$TEST_DIR/swap.err" || rc=$?
"$FOLIO" check --repo "$repo" HEAD >"$TEST_DIR/swap.full" 2>/dev/null || [ $rc -ne 0 ] || fail "exit codes differ (swap)"
cmp "$TEST_DIR/swap" "$TEST_DIR/swap.full" || fail "check --state and check differ on swapped ISBNs"
assert_contains "$TEST_DIR/swap.err" "2 pages changed (2 beyond their body), 0 added, 0 deleted; 2 pages parsed"

# 8. a body grown past the page-output budget: the changed page is rendered
#    and measured, so the check goes whole and reports it, as a full check does
git reset -q --hard "$published"
for i in $(seq 1 1500); do echo "Ligne $i d'un texte long, écrit pour dépasser le budget des pages."; echo; done \
	>>$person
git commit -qam "8: a page over the budget"
rc_fast=0 rc_full=0
FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state" --limit page-output=64K HEAD \
	>"$TEST_DIR/big" 2>"$TEST_DIR/big.err" || rc_fast=$?
"$FOLIO" check --repo "$repo" --limit page-output=64K HEAD >"$TEST_DIR/big.full" 2>/dev/null || rc_full=$?
[ $rc_fast -eq 1 ] && [ $rc_full -eq 1 ] || fail "a page over the budget passed (exit $rc_fast, $rc_full)"
cmp "$TEST_DIR/big" "$TEST_DIR/big.full" || fail "check --state and check differ on a page over the budget"
assert_contains "$TEST_DIR/big" "[budget/page-output]"
assert_not_contains "$TEST_DIR/big.err" "judged $(git rev-parse --short=12 HEAD) from the state"

echo "ok: front matter, summary and heading changes are judged from the state as a full check judges them"

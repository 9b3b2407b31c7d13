#!/bin/bash
# folio check --state judges a commit that adds or deletes pages from the
# persistent site model (the records and their reverse indexes) without
# loading the site: FOLIO_TRACE shows it was judged from the state with one
# page parsed per page added, and the report is byte for byte a full
# check's, in every format, warnings present. What the records cannot vouch
# for is checked the usual way and reported the same: an added page taking
# another's ISBN or URL, a broken link, a deleted page that others link to or
# reference, an added page that would settle a kept link warning.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_check.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
# an organization nobody links to, and a warning (a repeated paragraph)
para="Ce paragraphe, assez long pour que folio le compare aux autres paragraphes, est écrit deux fois."
printf -- '---\nname: Atelier Test\nurl: https://atelier.example/\nkind: association\n---\n\nUn atelier sans lien.\n\n%s\n\n%s\n' "$para" "$para" \
	>organizations/atelier-test.md
git add -A
git commit -qm "An unreferenced organization, with a warning"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" 2>/dev/null \
	|| fail "the sample site did not publish"
published=$(git rev-parse HEAD)


# 1. a page added: judged, one page parsed, the kept warning still reported
printf -- '---\nname: Jeanne Test\nrole: Chercheuse\naffiliation: iscra\n---\n\nElle travaille avec [Lionel](../people/lionel-larque.md) et [Nadine](/people/nadine-souchard/).\n' \
	>people/jeanne-test.md
git add -A
git commit -qm "1: a person added"
same_as_full judged "; 1 pages parsed"
assert_contains "$TEST_DIR/fast1.text" "[text/repeated-paragraph]"
assert_contains "$TEST_DIR/fast1.junit" "people/jeanne-test.md"

# 2. on top of 1: an unreferenced page deleted, another added and a body changed
git rm -q organizations/atelier-test.md
printf -- '---\nname: Atelier Deux\nurl: https://deux.example/\nkind: association\n---\n\nUn autre atelier, qui cite [la présentation](../pages/presentation.md#trois-principes-fondateurs).\n' \
	>organizations/atelier-deux.md
printf '\nUne phrase de plus.\n' >>people/nadine-souchard.md
git add -A
git commit -qm "2: one deleted, one added, one body"
same_as_full judged "; 3 pages parsed" # with case 1's page: the change is against the published commit
assert_not_contains "$TEST_DIR/fast2.text" "[text/repeated-paragraph]"

# 3. an added book with the ISBN of another: checked whole (isbn/duplicate)
git reset -q --hard "$published"
book=books/la-cooperation-dans-l-action-publique.md
sed 's/^title: .*/title: Une copie/' $book >books/une-copie.md
git add -A
git commit -qm "3: a duplicate ISBN"
same_as_full whole
assert_contains "$TEST_DIR/full3.text" "[isbn/duplicate]"

# 4. an added page whose slug: takes another page's URL: checked whole
git reset -q --hard "$published"
printf -- '---\nname: Homonyme\nrole: Test\nslug: lionel-larque\n---\n\nUn homonyme.\n' >people/homonyme.md
git add -A
git commit -qm "4: a URL taken"
same_as_full whole

# 5. an added page with a broken link: checked whole, the error reported
git reset -q --hard "$published"
printf -- '---\nname: Perdu\nrole: Test\n---\n\nVoir [cette page](/people/personne-inconnue/).\n' >people/perdu.md
git add -A
git commit -qm "5: a broken link"
same_as_full whole
assert_contains "$TEST_DIR/full5.text" "[link/broken]"

# 6. a deleted page others link to and reference: checked whole, their errors reported
git reset -q --hard "$published"
git rm -q people/lionel-larque.md
git commit -qm "6: a referenced person deleted"
same_as_full whole
assert_contains "$TEST_DIR/full6.text" "[link/broken]"
assert_contains "$TEST_DIR/full6.text" "[ref/missing]"

# 7. a broken link kept as a warning (rules:), then the page it names added:
#    the warning goes, which only a full check sees
git reset -q --hard "$published"
printf '\nrules:\n  link/broken: warning\n' >>folio.yaml
printf '\nVoir [la future page](/people/future/) et [une autre](../people/plus-tard.md).\n' \
	>>people/nadine-souchard.md
git commit -qam "A link to a page still to come, a warning"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" 2>/dev/null \
	|| fail "the site with a broken-link warning did not publish"
printf -- '---\nname: Future\nrole: Test\n---\n\nArrivée.\n' >people/future.md
git add -A
git commit -qm "7: the page the warning named"
same_as_full whole
assert_not_contains "$TEST_DIR/full7.text" "/people/future/"

# 7b. the same for a link to the page's file, resolved by its name while missing
git reset -q --hard HEAD~1
printf -- '---\nname: Plus tard\nrole: Test\n---\n\nArrivée.\n' >people/plus-tard.md
git add -A
git commit -qm "7b: the page the warning named by its file"
same_as_full whole
assert_contains "$TEST_DIR/full8.text" "[link/broken]" # the other one stays

# 8. the same site, another page added: judged (the kept warnings stay)
git reset -q --hard HEAD~1
printf -- '---\nname: Autre\nrole: Test\n---\n\nRien à voir.\n' >people/autre.md
git add -A
git commit -qm "8: an unrelated page"
same_as_full judged "; 1 pages parsed"
assert_contains "$TEST_DIR/fast9.text" "[link/broken]"

# 10. a file published where a longer list would put its next page
#     (organizations/page/9/index.html): an added organization is checked whole
git reset -q --hard "$published"
mkdir -p organizations/page/9
printf '<p>Une page posée à la main.</p>\n' >organizations/page/9/index.html
git add -A
git commit -qm "A file in the lists' space"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" 2>/dev/null \
	|| fail "the site with a file in the lists' space did not publish"
printf -- '---\nname: Atelier Trois\nurl: https://trois.example/\nkind: association\n---\n\nUn atelier.\n' \
	>organizations/atelier-trois.md
git add -A
git commit -qm "10: an organization added"
same_as_full whole
# (published again at the commit all later cases start from)
git reset -q --hard "$published"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" 2>/dev/null \
	|| fail "the site did not publish again"

# 9. a range without a state (what CI runs): the first commit is validated
#    whole, the ones after it that add or delete pages are judged from the
#    scratch state, and each verdict (its note) is the one the commit alone gets
git reset -q --hard "$published"
start=$(git rev-parse HEAD)
printf -- '---\nname: Camille Test\nrole: Test\n---\n\nUne personne.\n' >people/camille-test.md
git add -A
git commit -qm "r1: a page added"
git rm -q organizations/atelier-test.md
git commit -qm "r2: an unreferenced page deleted"
printf '\nCamille travaille ici aussi.\n' >>people/camille-test.md
printf -- '---\nname: Dominique Test\nrole: Test\n---\n\nVoir [Camille](../people/camille-test.md).\n' \
	>people/dominique-test.md
git add -A
git commit -qm "r3: a body changed, a page added that links to the first"
mkdir -p "$TEST_DIR/tmp"
TMPDIR=$TEST_DIR/tmp FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --notes "$start~1..HEAD" \
	>"$TEST_DIR/range.out" 2>"$TEST_DIR/range.err" || fail "the range failed: $(cat "$TEST_DIR/range.out")"
for c in HEAD~2 HEAD~1 HEAD; do
	assert_contains "$TEST_DIR/range.err" "judged $(git rev-parse --short=12 $c) from the state"
	git notes --ref folio show "$(git rev-parse $c)" >"$TEST_DIR/range-$c.note"
done
assert_contains "$TEST_DIR/range.err" "0 pages changed (0 beyond their body), 1 added, 0 deleted; 1 pages parsed"
for c in HEAD~2 HEAD~1 HEAD; do
	"$FOLIO" check --repo "$repo" --notes "$c" >/dev/null 2>&1 || true
	git notes --ref folio show "$(git rev-parse $c)" >"$TEST_DIR/alone-$c.note"
	cmp -s "$TEST_DIR/range-$c.note" "$TEST_DIR/alone-$c.note" ||
		{ diff "$TEST_DIR/alone-$c.note" "$TEST_DIR/range-$c.note" >&2; fail "$c judged otherwise in the range"; }
done

echo "ok: pages added and deleted are judged from the state as a full check judges them"

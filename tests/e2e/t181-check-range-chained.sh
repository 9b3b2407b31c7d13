#!/bin/bash
# folio check A..B without a state validates the first commit whole and
# judges each later commit that changes only pages from a scratch
# state of the commit before (FOLIO_TRACE shows it); a commit that changes
# more, or follows a commit with errors, is validated whole. Each commit's
# verdict (its note, --notes) is the one a check of that commit alone gives,
# warnings and errors included, and the scratch state is removed.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
base=$(git rev-parse HEAD)
event=events/rencontre-associations-recherche-2019.md
person=$(ls people/*.md | grep -v _index | head -1)
para="Ce paragraphe, assez long pour que folio le compare aux autres paragraphes, est écrit deux fois."

printf '\nUn paragraphe ajouté au corps.\n' >>$event
git commit -qam "1: body"
printf '\n%s\n\n%s\n' "$para" "$para" >>$event
git commit -qam "2: body with a warning (repeated paragraph)"
printf '\nEncore une phrase.\n' >>"$person"
git commit -qam "3: another body"
printf '\nVoir [cette page](/people/personne-inconnue/).\n' >>$event
git commit -qam "4: a broken link (error)"
sed -i '/personne-inconnue/d' $event
printf '\nUne phrase après l erreur.\n' >>"$person"
git commit -qam "5: the link fixed, after an error"
sed -i '0,/^title: /s/^title: \(.*\)$/title: \1 (modifié)/' $event
git commit -qam "6: a title"
printf '\nLa fin.\n' >>"$person"
git commit -qam "7: body after a title"

mkdir -p "$TEST_DIR/tmp"
rc=0
TMPDIR=$TEST_DIR/tmp FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --notes "$base..HEAD" \
	>"$TEST_DIR/range.out" 2>"$TEST_DIR/range.err" || rc=$?
[ $rc -eq 0 ] || { cat "$TEST_DIR/range.out" "$TEST_DIR/range.err" >&2; fail "the range failed (exit $rc): its tip is valid"; }
[ -z "$(ls -A "$TEST_DIR/tmp")" ] || fail "the scratch state was left behind: $(ls "$TEST_DIR/tmp")"

judged() { grep -q "judged $(git rev-parse --short=12 "$1") from the state" "$TEST_DIR/range.err"; }
for c in 2 3 5 6 7; do
	# 5 is judged from 3, the last commit without errors: the diff spans 4 and 5;
	# 6 changes front matter (a title), which the state's records judge too
	judged "HEAD~$((7 - c))" || fail "commit $c (pages only, after a valid commit) was validated whole"
done
for c in 1 4; do
	# 1 is the first; 4 adds an error
	if judged "HEAD~$((7 - c))"; then fail "commit $c was judged from the state"; fi
done

# each commit's own verdict, kept in its note, is the one a check of it alone gives
for c in $(git rev-list --reverse "$base..HEAD"); do
	git notes --ref folio show "$c" >"$TEST_DIR/range-$c.note"
done
for c in $(git rev-list --reverse "$base..HEAD"); do
	"$FOLIO" check --repo "$repo" --notes "$c" >/dev/null 2>&1 || true
	git notes --ref folio show "$c" >"$TEST_DIR/alone-$c.note"
	cmp -s "$TEST_DIR/range-$c.note" "$TEST_DIR/alone-$c.note" ||
		{ diff "$TEST_DIR/alone-$c.note" "$TEST_DIR/range-$c.note" >&2; fail "commit $(git log -1 --format=%s "$c") judged otherwise in the range"; }
done
assert_contains "$TEST_DIR/range-$(git rev-parse HEAD~5).note" "text/repeated-paragraph"
assert_contains "$TEST_DIR/range-$(git rev-parse HEAD~3).note" "link/broken"
echo "ok: a range judged commit by commit from the one before, with the verdicts of whole checks"

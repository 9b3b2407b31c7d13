#!/bin/bash
# folio check --state and the pre-receive hook with git config folio.state:
# a commit that changes only page bodies of the state's published commit is
# judged from the state (FOLIO_TRACE shows it), and its report is byte for
# byte the one of a check that loads the whole site, warnings present or
# not; a body change with a broken link, or a summary change, is checked the
# usual way and reported with its file and line.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" \
	|| fail "the sample site did not publish"
event=events/rencontre-associations-recherche-2019.md
cd "$repo"

# both ways give the same report, in every format
printf '\nUn paragraphe ajouté au corps.\n' >>$event
git commit -qam "Body only"
for fmt in text json junit github; do
	FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state" --format $fmt HEAD \
		>"$TEST_DIR/fast.$fmt" 2>"$TEST_DIR/fast.$fmt.err" || fail "check --state failed ($fmt)"
	assert_contains "$TEST_DIR/fast.$fmt.err" "judged $(git rev-parse --short=12 HEAD) from the state"
	"$FOLIO" check --repo "$repo" --format $fmt HEAD >"$TEST_DIR/full.$fmt" 2>/dev/null \
		|| fail "check failed ($fmt)"
	cmp "$TEST_DIR/fast.$fmt" "$TEST_DIR/full.$fmt" || fail "check --state and check differ in $fmt"
done
assert_contains "$TEST_DIR/fast.text" "0 errors, 0 warnings"

# a broken link in a body: the state cannot vouch for it, the site is loaded
printf '\nVoir [cette page](/people/personne-inconnue/).\n' >>$event
git commit -qam "Broken link"
line=$(grep -n 'personne-inconnue' $event | cut -d: -f1)
rc=0
FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/bad" \
	2>"$TEST_DIR/bad.err" || rc=$?
[ $rc -eq 1 ] || fail "a broken link passed (exit $rc)"
assert_contains "$TEST_DIR/bad" "$event:$line:19: error: link to \"/people/personne-inconnue/\" points to no page [link/broken]"
assert_not_contains "$TEST_DIR/bad.err" "from the state"

# a new summary changes what lists show, not what validates the other
# pages: judged from the state too (the persistent site model), still valid
git reset -q --hard HEAD~2
sed -i '0,/^$/!{0,/^[A-Z]/s/^\([A-Z]\)/Résumé révisé. \1/}' $event
git commit -qam "New summary"
FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/sum" \
	2>"$TEST_DIR/sum.err" || fail "a summary change was refused"
assert_contains "$TEST_DIR/sum.err" "judged $(git rev-parse --short=12 HEAD) from the state: 1 pages changed (1 beyond"
"$FOLIO" check --repo "$repo" HEAD >"$TEST_DIR/sum.full" 2>/dev/null || fail "check failed (summary)"
cmp "$TEST_DIR/sum" "$TEST_DIR/sum.full" || fail "check --state and check differ on a summary change"
assert_contains "$TEST_DIR/sum" "0 errors, 0 warnings"

# the pre-receive hook takes the state from git config folio.state
server=$TEST_DIR/site.git
git clone -q --bare "$repo" "$server"
git -C "$server" update-ref refs/heads/main "$(git rev-parse HEAD~1)" # the published commit
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
git -C "$server" config folio.state "$TEST_DIR/state"
clone=$TEST_DIR/clone
git clone -q "$server" "$clone"
cd "$clone"
printf '\nEncore un paragraphe.\n' >>$event
git commit -qam "Body only, pushed"
FOLIO_TRACE=1 git push origin main >"$TEST_DIR/push1" 2>&1 || { cat "$TEST_DIR/push1"; fail "a body-only push was refused"; }
assert_contains "$TEST_DIR/push1" "judged $(git rev-parse --short=12 HEAD) from the state"
assert_contains "$TEST_DIR/push1" "remote: folio: refs/heads/main: 1 new commit checked, no errors"
printf '\nVoir [cette page](/people/personne-inconnue/).\n' >>$event
git commit -qam "Broken link, pushed"
rc=0
git push origin main >"$TEST_DIR/push2" 2>&1 || rc=$?
[ $rc -ne 0 ] || fail "a push with a broken link was accepted"
assert_contains "$TEST_DIR/push2" "[link/broken]"
assert_contains "$TEST_DIR/push2" "(pre-receive hook declined)"
# warnings present in the published commit do not stop a judgement from the
# state: the kept ones of the other pages and the changed page's new ones
# make a report identical to a full check's
cd "$repo"
para="Ce paragraphe, assez long pour que folio le compare aux autres, se trouve deux fois dans la page."
printf '\n%s\n\n%s\n' "$para" "$para" >>$event
git commit -qam "A warning"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub2" --state "$TEST_DIR/state2" \
	2>"$TEST_DIR/warned.err" || fail "a site with a warning did not publish: $(cat "$TEST_DIR/warned.err")"
assert_contains "$TEST_DIR/warned.err" "[text/repeated-paragraph]"
printf '\nUn autre.\n\n%s\n\n%s\n' "$para" "$para" >>pages/presentation.md
git commit -qam "Body only, one more warning"
for fmt in text json junit github; do
	FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state2" --format $fmt HEAD \
		>"$TEST_DIR/wfast.$fmt" 2>"$TEST_DIR/wfast.$fmt.err" || fail "check --state failed ($fmt)"
	assert_contains "$TEST_DIR/wfast.$fmt.err" "judged $(git rev-parse --short=12 HEAD) from the state"
	"$FOLIO" check --repo "$repo" --format $fmt HEAD >"$TEST_DIR/wfull.$fmt" 2>/dev/null \
		|| fail "check failed ($fmt)"
	cmp "$TEST_DIR/wfast.$fmt" "$TEST_DIR/wfull.$fmt" || fail "check --state and check differ in $fmt, with warnings"
done
assert_contains "$TEST_DIR/wfast.text" "0 errors, 2 warnings"
assert_contains "$TEST_DIR/wfast.text" "pages/presentation.md:"
# ISBN findings follow the range table: kept with another one (FOLIO_ISBN_RANGES
# naming a newer range message), they cannot be trusted; with the same, they can
sed 's|<MessageDate>.*</MessageDate>|<MessageDate>Tue, 9 Jan 2024 08:00:00 GMT</MessageDate>|' \
	"$FOLIO_SOURCE_DIR/testdata/isbn/RangeMessage.xml" >"$TEST_DIR/ranges.xml"
FOLIO_ISBN_RANGES=$TEST_DIR/ranges.xml FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state2" HEAD \
	>/dev/null 2>"$TEST_DIR/wranges.err" || fail "check --state failed with other ISBN ranges"
assert_not_contains "$TEST_DIR/wranges.err" "from the state"
FOLIO_ISBN_RANGES=$FOLIO_SOURCE_DIR/testdata/isbn/RangeMessage.xml FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" \
	--state "$TEST_DIR/state2" HEAD >/dev/null 2>"$TEST_DIR/wranges.err" || fail "check --state failed with the same ranges"
assert_contains "$TEST_DIR/wranges.err" "judged $(git rev-parse --short=12 HEAD) from the state"
# a kept finding of a rule that spans pages (here written into the state by
# hand: an isbn/duplicate warning) cannot be trusted for a new commit
cp -r "$TEST_DIR/state2" "$TEST_DIR/state3"
sqlite3 "$TEST_DIR/state3/state.sqlite" "INSERT INTO findings(path, line, col, rule, severity, message)
	VALUES('books/x.md', 1, 1, 'isbn/duplicate', 'warning', 'ISBN 9782343000000 is also the ISBN of \"books/y.md\"');
	UPDATE meta SET value = value + 1 WHERE key = 'published_findings';"
FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state3" HEAD >/dev/null \
	2>"$TEST_DIR/wspan.err" || fail "check --state failed with a spanning finding kept"
assert_not_contains "$TEST_DIR/wspan.err" "from the state"
# and an error in a body still makes it load the site
printf '\nVoir [cette page](/people/personne-inconnue/).\n' >>pages/presentation.md
git commit -qam "Broken link, warnings present"
rc=0
FOLIO_TRACE=1 "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state2" HEAD >"$TEST_DIR/wbad" \
	2>"$TEST_DIR/wbad.err" || rc=$?
[ $rc -eq 1 ] || fail "a broken link passed with warnings present (exit $rc)"
assert_contains "$TEST_DIR/wbad" "[link/broken]"
assert_not_contains "$TEST_DIR/wbad.err" "from the state"
echo "ok: body-only commits judged from the state, with warnings present too, reports identical, the rest checked in full"

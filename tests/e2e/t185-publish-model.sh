#!/bin/bash
# folio build --state publishes a commit that adds, retitles or deletes a
# page from the stored site model (publish_model.c): the pages it did not
# change are stubs made from their records, so only the changed page (and
# the pages whose own outputs show it: a retitled person's referrers) is
# parsed (FOLIO_TRACE: "N pages parsed"), and only the outputs whose inputs
# changed are rendered. A warning stays in the site throughout. Each
# publish leaves the output byte for byte a full build's, and the same
# findings.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
para="Ce paragraphe, assez long pour que folio le compare aux autres paragraphes, est écrit deux fois."
printf '\n%s\n\n%s\n' "$para" "$para" >>pages/presentation.md
git add -A
git commit -qm "A warning in the site"
FOLIO_FINDINGS_LANG=en "$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" \
	>/dev/null 2>"$TEST_DIR/first.err" || fail "the sample site did not publish"
assert_contains "$TEST_DIR/first.err" "repeated-paragraph"
pages=$(sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT count(*) FROM records")
outputs=$(sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT count(*) FROM outputs")
[ "$pages" -gt 10 ] || fail "the first publish recorded $pages records"

n=0
# publish HEAD with the state: from the model, $1 pages parsed at most;
# then the same bytes and findings as a full build into a fresh state
publish_model() {
	n=$((n + 1))
	FOLIO_FINDINGS_LANG=en FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" \
		--state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/trace$n" ||
		{ cat "$TEST_DIR/trace$n" >&2; fail "case $n: the publish failed"; }
	grep -q "from the site model" "$TEST_DIR/trace$n" ||
		{ cat "$TEST_DIR/trace$n" >&2; fail "case $n: not published from the site model"; }
	parsed=$(sed -n 's/.*from the site model: .* \([0-9]*\) pages parsed.*/\1/p' "$TEST_DIR/trace$n")
	[ -n "$parsed" ] && [ "$parsed" -le "$1" ] || fail "case $n: $parsed pages parsed, expected at most $1 of $pages"
	rendered=$(sed -n 's/.*debug publish: \([0-9]*\) of \([0-9]*\) outputs rendered.*/\1/p' "$TEST_DIR/trace$n")
	[ -n "$rendered" ] && [ "$rendered" -lt $((outputs / 2)) ] ||
		fail "case $n: $rendered outputs rendered of about $outputs"
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	FOLIO_FINDINGS_LANG=en "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/full" \
		--state "$TEST_DIR/fullstate" >/dev/null 2>"$TEST_DIR/full$n.err" || fail "case $n: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $n: the output differs from a full build's"
	# the findings (the log lines differ: a first publish delivers everything)
	grep -v " debug \| info " "$TEST_DIR/trace$n" >"$TEST_DIR/inc$n.err"
	grep -v " debug \| info " "$TEST_DIR/full$n.err" >"$TEST_DIR/full$n.findings"
	grep -q "repeated-paragraph" "$TEST_DIR/inc$n.err" || fail "case $n: the warning was not reported"
	cmp -s "$TEST_DIR/inc$n.err" "$TEST_DIR/full$n.findings" ||
		{ diff "$TEST_DIR/full$n.findings" "$TEST_DIR/inc$n.err" >&2; fail "case $n: the findings differ from a full build's"; }
	for t in findings pages records; do
		sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT * FROM $t ORDER BY 1, 2, 3" >"$TEST_DIR/inc$n.$t"
		sqlite3 "$TEST_DIR/fullstate/state.sqlite" "SELECT * FROM $t ORDER BY 1, 2, 3" >"$TEST_DIR/full$n.$t"
		cmp -s "$TEST_DIR/inc$n.$t" "$TEST_DIR/full$n.$t" ||
			{ diff "$TEST_DIR/full$n.$t" "$TEST_DIR/inc$n.$t" >&2; fail "case $n: the $t table differs from a full build's"; }
	done
}

# publish_whole CASE: publish HEAD with the state, traced to
# $TEST_DIR/trace-CASE, then the same bytes as a full build (the caller
# says what the trace must show)
publish_whole() {
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" \
		>/dev/null 2>"$TEST_DIR/trace-$1" || { cat "$TEST_DIR/trace-$1" >&2; fail "case $1: the publish failed"; }
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	"$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$TEST_DIR/full" --state "$TEST_DIR/fullstate" \
		2>/dev/null || fail "case $1: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $1: the output differs from a full build's"
}

# 1. a book added (references to people, a new ISBN): itself parsed
sed 's/^title: .*/title: Un livre ajouté/; s/^isbn: .*/isbn: 978-2-296-01369-8/; /^ean:/d' \
	books/la-cooperation-dans-l-action-publique.md >books/un-livre-ajoute.md
git add books/un-livre-ajoute.md
git commit -qm "1: a book added"
publish_model 1

# 2. a person renamed (referenced, linked to): itself and the pages whose
# own outputs show its name parsed
person=people/lionel-larque.md
referrers=$(grep -rl "lionel-larque" --include='*.md' . | wc -l)
sed -i 's/^name: .*/name: Lionel Larqué (renommé)/' $person
git commit -qam "2: a person renamed"
publish_model $((referrers + 1))
grep -q "Lionel Larqué (renommé)" "$TEST_DIR/pub/events/rencontre-associations-recherche-2019/index.html" ||
	fail "the event referencing the person does not show the new name"

# 3. the added book deleted: nothing parsed
git rm -q books/un-livre-ajoute.md
git commit -qm "3: the book deleted"
publish_model 0
[ ! -e "$TEST_DIR/pub/books/un-livre-ajoute" ] || fail "the deleted book is still published"

# 4. a static file modified in place, which only its copy is made of (the
# state's dependency lines): nothing parsed, the file copied again (a
# real site's commit that updates an image or a PDF loaded it whole).
# Then a template modified in place, which pages are made of: loaded whole.
sed -i 's/<svg /<svg data-v="2" /' static/logo.svg
git commit -qam "4: the logo redrawn"
publish_model 0
assert_contains "$TEST_DIR/pub/static/logo.svg" 'data-v="2"'
printf '<!-- v2 -->\n' >>templates/book.mustache
git commit -qam "4: the book template"
publish_whole 4
assert_not_contains "$TEST_DIR/trace-4" "from the site model"
# and that file past the server's site-size: the check from the state
# refuses it as the full check does (the site model counts no static file)
limit=$(($(sqlite3 "$TEST_DIR/state/state.sqlite" "SELECT value FROM meta WHERE key = 'published_bytes'") + 4096))
head -c $((limit + 1)) /dev/zero | tr '\0' 'x' >static/logo.svg
git commit -qam "4: a logo past site-size"
! "$FOLIO" check --repo "$repo" --state "$TEST_DIR/state" --limit "site-size=$limit" HEAD~1..HEAD \
	>"$TEST_DIR/check4" 2>&1 || fail "case 4: a static file past site-size passed the check from the state"
assert_contains "$TEST_DIR/check4" "budget/site-size"
git reset -q --hard HEAD~1

# 5. a stub's own output missing from the state (a state edited by hand):
# the site is loaded whole, and the result is still a full build's
sqlite3 "$TEST_DIR/state/state.sqlite" "DELETE FROM outputs WHERE path = 'people/lionel-larque/index.html'"
sed 's/^title: .*/title: Un autre livre/; s/^isbn: .*/isbn: 978-2-296-01369-8/; /^ean:/d' \
	books/la-cooperation-dans-l-action-publique.md >books/un-autre-livre.md
git add books/un-autre-livre.md
git commit -qm "5: another book added"
publish_whole 5
assert_contains "$TEST_DIR/trace-5" "site model not used: a page's own output is not in the state"

# 6. a template that shows the commit (people's pages): every such page
# changes at each commit, which a stub's kept page would miss: the site is
# loaded whole
printf '<!-- {{site.commit}} -->\n' >>templates/person.mustache
git commit -qam "6: the commit in people's pages"
"$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" 2>/dev/null ||
	fail "case 6: the template change did not publish"
git rm -q books/un-autre-livre.md
git commit -qm "6: the other book deleted"
publish_whole 6
assert_not_contains "$TEST_DIR/trace-6" "from the site model"
grep -q "<!-- $(git rev-parse --short=7 HEAD) -->" "$TEST_DIR/pub/people/lionel-larque/index.html" ||
	fail "case 6: a person's page does not show the new commit"

echo "ok: an added, retitled or deleted page is published from the site model, as a full build publishes it"

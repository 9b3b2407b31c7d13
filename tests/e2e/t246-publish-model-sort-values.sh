#!/bin/bash
# A publish from the site model sorts each collection from the sort values
# its records keep (state version 7, issue 14): adding a page parses no
# unchanged page's front matter while the site loads but for the scheduled
# pages' ("4 of N stubs' front matters read": a stub with no draft and no
# dates takes its empty schedule from its record), even for a collection sorted by a field other than its
# title field whose pages hold that key nested (people sorted by "title",
# titled by name:, with publications' titles), or sorted by numbers, strings
# and missing values alike (-rank). Each publish makes the bytes and the
# records of a full build. Records written under another sort field are not
# used for the new one; a state of version 6 (no sort columns) is migrated
# and its records are read as before, never misread, until a full load
# fills them in; a state of version 6 is migrated and its next publish loads
# the site whole (state version 9).
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 is needed to read the state" >&2; exit 77; }
repo=$TEST_DIR/repo
mkdir -p "$repo/notes" "$repo/people"
cd "$repo"
config() { # SORT: the notes' sort
	cat >folio.yaml <<EOF
title: Carnet
base_url: https://carnet.example
language: fr
page_size: 4
collections:
  - name: notes
    label: Notes
    date_field: date
    sort: "$1"
  - name: people
    label: Personnes
    title_field: name
EOF
}
config -rank
# ranks: integers, reals, strings, none; some notes hold "rank" nested only
for i in $(seq -w 1 24); do
	case $((10#$i % 6)) in
	0) rank="rank: $((10#$i * 7 % 13))" ;;
	1) rank="rank: $((10#$i % 5)).5" ;;
	2) rank="rank: \"r$((10#$i % 4))\"" ;;
	3) rank="liens:\n  - rank: 3" ;;
	4) rank="rank: $((10#$i % 3))" ;;
	*) rank="" ;;
	esac
	printf -- "---\ntitle: \"Note %s\"\ndate: 2024-01-%02d\n$rank\n---\n\nTexte %s.\n" \
		"$i" "$(( (10#$i % 28) + 1 ))" "$i" >"notes/note-$i.md"
done
# people sorted by "title" (the default) but titled by name:; titles nested
# in publications, a few with a title of their own that decides their place
for i in $(seq -w 1 12); do
	own=""
	[ $((10#$i % 4)) -eq 0 ] && own="title: \"Z$((13 - 10#$i))\"\n"
	printf -- "---\nname: \"Personne %s\"\n${own}publications:\n  - title: \"Livre %s\"\n---\n\nBio.\n" \
		"$i" "$i" >"people/personne-$i.md"
done
# held pages and scheduled ones: their records say so, and a stub's
# schedule is taken from its record only when it has none at all, so
# these four are the stubs whose front matters are read at load
printf -- '---\ntitle: "Brouillon"\ndate: 2024-02-01\ndraft: true\nrank: 1\n---\n\nB.\n' >notes/brouillon.md
printf -- '---\ntitle: "Future"\ndate: 2024-02-03\npublish_date: 2999-01-01\n---\n\nF.\n' >notes/future.md
printf -- '---\ntitle: "Expirée"\ndate: 2024-02-04\nexpiry_date: 2001-01-01\n---\n\nE.\n' >notes/expiree.md
printf -- '---\ntitle: "Datée"\ndate: 2024-02-05\npublishDate: 2001-01-01\nexpiryDate: 2999-01-01\ndraft: false\n---\n\nD.\n' >notes/datee.md
git init -q
git add -A
git commit -qm "Import"

"$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/first.err" ||
	{ cat "$TEST_DIR/first.err" >&2; fail "the site did not publish"; }
db=$TEST_DIR/state/state.sqlite
current=$(sed -n 's/^#define FOLIO_STATE_VERSION \([0-9]*\).*/\1/p' "$FOLIO_SOURCE_DIR/include/folio/state.h")
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = "$current" ] || fail "the state is not at version $current"

k=0
# publish HEAD; MODE "model N": from the site model, N stubs' front matters
# read while loading ("any": at least one); "full": the site loaded whole.
# Then the bytes (and, with COLUMNS, the records' columns) of a full build.
publish() {
	local mode=$1 want=${2:-} columns=${3:-*}
	k=$((k + 1))
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" \
		>/dev/null 2>"$TEST_DIR/trace$k" || { cat "$TEST_DIR/trace$k" >&2; fail "case $k: the publish failed"; }
	if [ "$mode" = model ]; then
		line=$(grep "from the site model" "$TEST_DIR/trace$k") ||
			{ cat "$TEST_DIR/trace$k" >&2; fail "case $k: not published from the site model"; }
		read=$(sed -n "s/.* \([0-9]*\) of [0-9]* stubs' front matters read.*/\1/p" <<<"$line")
		if [ "$want" = any ]; then
			[ "${read:-0}" -gt 0 ] || fail "case $k: no stub's front matter read at load: $line"
		else
			[ "$read" = "$want" ] || fail "case $k: expected $want stubs' front matters read at load: $line"
		fi
	else
		grep -q "from the site model" "$TEST_DIR/trace$k" && fail "case $k: published from the site model"
	fi
	rm -rf "$TEST_DIR/full" "$TEST_DIR/fullstate"
	"$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/full" --state "$TEST_DIR/fullstate" \
		>/dev/null 2>"$TEST_DIR/fullerr$k" || fail "case $k: the full build failed"
	diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >&2 || fail "case $k: the output differs from a full build's"
	# the findings too
	diff <(grep -E ': (error|warning): ' "$TEST_DIR/fullerr$k") <(grep -E ': (error|warning): ' "$TEST_DIR/trace$k") >&2 ||
		fail "case $k: the findings differ from a full build's"
	sqlite3 "$db" "SELECT $columns FROM records ORDER BY path" >"$TEST_DIR/inc$k.records"
	sqlite3 "$TEST_DIR/fullstate/state.sqlite" "SELECT $columns FROM records ORDER BY path" >"$TEST_DIR/full$k.records"
	cmp -s "$TEST_DIR/inc$k.records" "$TEST_DIR/full$k.records" ||
		{ diff "$TEST_DIR/full$k.records" "$TEST_DIR/inc$k.records" >&2; fail "case $k: the records differ from a full build's"; }
	echo "case $k ($mode): ${read:-all} stubs' front matters read at load"
	read=""
}

add_note() { # NAME RANK
	printf -- '---\ntitle: "%s"\ndate: 2024-03-01\nrank: %s\n---\n\nNouvelle.\n' "$1" "$2" >"notes/$1.md"
	git add -A
	git commit -qm "Note $1 added"
}

# 1. a note ranked among the others: every list of notes moves, the sort
# reads no front matter (nor the people's, sorted by a nested key): only
# the four scheduled notes' are read, for their schedule
add_note ajout-a 3
publish model 4
[ "$(sqlite3 "$db" "SELECT sort_field || ' ' || sort_value FROM records WHERE path = 'notes/ajout-a.md'")" = "rank 3" ] ||
	fail "the added note's sort value is not recorded"
[ "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE path LIKE 'people/%' AND sort_value IS NULL")" = 9 ] ||
	fail "people without a title of their own should record no sort value"

# 2. a person deleted, one renamed (its title stays): still no parse for the sort
git rm -q people/personne-03.md
sed -i 's/^name: "Personne 05"/name: "Personne cinq"/' people/personne-05.md
git commit -qam "A person deleted, one renamed"
publish model 4

# 3. the notes sorted by title instead: the site loads whole and the
# records say the new field; the next add sorts from them
config title
git commit -qam "Notes sorted by title"
publish full
[ "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE path LIKE 'notes/%' AND sort_field != 'title'")" = 0 ] ||
	fail "records still name the notes' former sort field"
add_note ajout-b '"r2"'
publish model 4

# 4. and back to -rank: records written for "title" are not read as ranks
config -rank
git commit -qam "Notes sorted by rank again"
publish full
add_note ajout-c 1.5
publish model 4

# 5. a state of version 6 (the sort columns dropped, as folio 6 wrote it):
# migrated; version 9 drops the records' commit (their dates were as
# written), so the next publish loads the site whole and fills the columns
sqlite3 "$db" "DROP INDEX outputs_folded; ALTER TABLE outputs DROP COLUMN folded; DROP INDEX outputs_hashes; ALTER TABLE outputs DROP COLUMN size; ALTER TABLE records DROP COLUMN sort_value;
	ALTER TABLE records DROP COLUMN sort_field; PRAGMA user_version=6;" || fail "cannot take the state back to version 6"
add_note ajout-d 2
publish full
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = "$current" ] || fail "the version 6 state was not migrated"
ls "$TEST_DIR/state" | grep -q corrupt && fail "the version 6 state was set aside instead of migrated"
[ "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE sort_field IS NULL")" = 0 ] ||
	fail "the full load left records without a sort field"
# records without sort values, as version 6's were once migrated to 7 and
# 8: published from the model reading the stubs' front matters for the
# sort as before, never misread; the columns filled at the next full load
sqlite3 "$db" "UPDATE records SET sort_field = NULL, sort_value = NULL" || fail "cannot empty the sort columns"
add_note ajout-d2 2.5
publish model any "path, blob_id, url, meta, title, date, summary, sig, status"
[ "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE sort_field IS NULL")" -gt 0 ] ||
	fail "the old records should have no sort field until a full load"
config rank
git commit -qam "Notes sorted by rank, ascending"
publish full
[ "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE sort_field IS NULL")" = 0 ] ||
	fail "a full load left records without a sort field"
add_note ajout-e 0
publish model 4

echo "ok: pages added, deleted and renamed are sorted from the records' sort values; old records are parsed, never misread"

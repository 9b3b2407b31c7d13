#!/bin/bash
# A state written by every earlier folio (schema versions 1 to 6) is
# migrated on open, and the publish that follows is right: the state of a
# real publish is taken back to version V by undoing each later migration
# (its tables, indexes and columns dropped, user_version set to V: what a
# folio of version V wrote), a body edit is then committed and published
# incrementally, and the output must be byte for byte a full build's, the
# findings the same, and the state at the current version. A state of an
# unknown future version is set aside and rebuilt (a full build).
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 is needed to write old states" >&2; exit 77; }
repo=$TEST_DIR/repo
make_repo "$repo"
event=events/rencontre-associations-recherche-2019.md
current=$(sed -n 's/^#define FOLIO_STATE_VERSION \([0-9]*\).*/\1/p' \
	"$FOLIO_SOURCE_DIR/include/folio/state.h")
[ -n "$current" ] || fail "cannot read FOLIO_STATE_VERSION"

# undo VERSION: the SQL that takes a state of version VERSION back to VERSION - 1
undo() {
	case "$1" in
	12) echo "SELECT 1;" ;; # 11 -> 12 changes no table: it folds some paths again
	11) echo "DROP INDEX outputs_folded; ALTER TABLE outputs DROP COLUMN folded;" ;;
	10) echo "SELECT 1;" ;; # 9 -> 10 changes no table: it may drop two meta keys
	9) echo "SELECT 1;" ;; # 8 -> 9 changes no table: it drops two meta keys
	8) echo "DROP INDEX outputs_hashes; ALTER TABLE outputs DROP COLUMN size;
		CREATE INDEX outputs_hashes ON outputs(path, hash, unit);" ;;
	7) echo "DROP INDEX outputs_hashes; ALTER TABLE records DROP COLUMN sort_value;
		ALTER TABLE records DROP COLUMN sort_field;" ;;
	6) echo "DROP TABLE record_isbns; DROP TABLE record_refs; DROP TABLE record_links;
		DROP TABLE records; DELETE FROM meta WHERE key = 'records_commit';" ;;
	5) echo "DROP TABLE findings;" ;;
	4) echo "DROP TABLE delivery_parts; ALTER TABLE deliveries DROP COLUMN parts_done;
		ALTER TABLE deliveries DROP COLUMN parts; ALTER TABLE partners DROP COLUMN failed_reason;
		ALTER TABLE partners DROP COLUMN failed_status; ALTER TABLE partners DROP COLUMN failed_at;" ;;
	3) echo "DROP TABLE feed_items; ALTER TABLE outputs DROP COLUMN deps; DROP INDEX pages_by_key;
		DROP INDEX pages_by_url; ALTER TABLE pages DROP COLUMN anchors;
		ALTER TABLE pages DROP COLUMN title; ALTER TABLE pages DROP COLUMN sig;" ;;
	2) echo "DROP TABLE delivery_items; DROP TABLE partner_items; DROP INDEX attempts_by_delivery;
		DROP INDEX deliveries_by_partner; ALTER TABLE attempts DROP COLUMN partner;
		ALTER TABLE deliveries DROP COLUMN delivered_at; ALTER TABLE deliveries DROP COLUMN seq;
		ALTER TABLE partners DROP COLUMN removed_at; ALTER TABLE partners DROP COLUMN acked_at;
		ALTER TABLE partners DROP COLUMN failures;" ;;
	*) fail "no undo for version $1: add one with the new migration" ;;
	esac
}

schema() { sqlite3 "$1/state.sqlite" "SELECT type, name, sql FROM sqlite_master ORDER BY name"; }

cd "$repo"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/fresh-pub" --state "$TEST_DIR/fresh" \
	|| fail "the sample site did not publish"
schema "$TEST_DIR/fresh" >"$TEST_DIR/fresh.schema"
base=$(git rev-parse HEAD)

for v in $(seq $((current - 1)) -1 1); do
	git reset -q --hard "$base"
	st=$TEST_DIR/state-$v pub=$TEST_DIR/pub-$v
	"$FOLIO" build --quiet --repo "$repo" --out "$pub" --state "$st" || fail "publish for version $v failed"
	sql=""
	for k in $(seq "$current" -1 $((v + 1))); do sql="$sql $(undo "$k")"; done
	sqlite3 "$st/state.sqlite" "$sql PRAGMA user_version=$v;" || fail "cannot take the state back to version $v"
	[ "$(sqlite3 "$st/state.sqlite" 'PRAGMA user_version')" = "$v" ] || fail "state not at version $v"

	printf '\nUn paragraphe ajouté pour la version %s.\n' "$v" >>$event
	git commit -qam "Body edit after a version $v state"
	"$FOLIO" build --repo "$repo" --out "$pub" --state "$st" >"$TEST_DIR/inc-$v.out" 2>&1 ||
		{ cat "$TEST_DIR/inc-$v.out" >&2; fail "publish over a version $v state failed"; }
	assert_not_contains "$TEST_DIR/inc-$v.out" "corrupt"
	[ "$(sqlite3 "$st/state.sqlite" 'PRAGMA user_version')" = "$current" ] ||
		fail "a version $v state was not migrated to $current"
	ls "$st" | grep -q corrupt && fail "a version $v state was set aside instead of migrated"
	schema "$st" >"$TEST_DIR/schema-$v"
	cmp -s "$TEST_DIR/fresh.schema" "$TEST_DIR/schema-$v" ||
		{ diff "$TEST_DIR/fresh.schema" "$TEST_DIR/schema-$v" >&2; fail "version $v migrated to another schema"; }
	"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/full-$v" >/dev/null 2>&1 || fail "full build failed"
	diff -r -x .folio-output "$TEST_DIR/full-$v" "$pub" >/dev/null ||
		fail "the publish over a version $v state differs from a full build"
	# and the next publish, from the migrated state, as well
	printf '\nEncore un paragraphe (%s).\n' "$v" >>$event
	git commit -qam "Second body edit after a version $v state"
	"$FOLIO" build --quiet --repo "$repo" --out "$pub" --state "$st" || fail "second publish ($v) failed"
	"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/full2-$v" >/dev/null 2>&1 || fail "full build failed"
	diff -r -x .folio-output "$TEST_DIR/full2-$v" "$pub" >/dev/null ||
		fail "the second publish over a migrated version $v state differs from a full build"
done

# a state from a newer folio: set aside, and the site rebuilt whole
git reset -q --hard "$base"
sqlite3 "$TEST_DIR/fresh/state.sqlite" "PRAGMA user_version=$((current + 1));"
printf '\nUn paragraphe pour un état futur.\n' >>$event
git commit -qam "Body edit after a future state"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/fresh-pub" --state "$TEST_DIR/fresh" ||
	fail "publish over a future state failed"
ls "$TEST_DIR/fresh" | grep -q 'state.sqlite.corrupt-' || fail "a future state was not set aside"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/full-future" >/dev/null 2>&1 || fail "full build failed"
diff -r -x .folio-output "$TEST_DIR/full-future" "$TEST_DIR/fresh-pub" >/dev/null ||
	fail "the rebuild after a future state differs from a full build"
echo "ok: states of versions 1 to $((current - 1)) migrate to $current and publish right; a future one is rebuilt"

#!/bin/bash
# folio new COLLECTION TITLE, run in the sample site: the file lands in the
# collection's folder under a transliterated slug, its front matter follows
# the schema (required fields with placeholders, descriptions as comments),
# folio check refuses it until the placeholders are filled in, and passes
# once they are (filled with sed, as an author would in an editor). An
# existing file is never replaced; an unknown collection gets a hint.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site"
cd "$site"

path=$("$FOLIO" new books "Journée d'étude à Lille : actes")
[ "$path" = "books/journee-d-etude-a-lille-actes.md" ] || fail "new printed '$path'"
[ -f "$path" ] || fail "$path was not written"
assert_contains "$path" "title: \"Journée d'étude à Lille : actes\""
assert_contains "$path" '# ISBN-13 (ou ISBN-10) avec ses tirets.'
assert_contains "$path" 'isbn: "TODO"'
assert_contains "$path" 'authors: ["TODO"]'
assert_contains "$path" '# one of: "fr", "en", "de", "es", "it", "pt"'
assert_contains "$path" '# series: "TODO"'

# the placeholders are errors until filled in
rc=0
"$FOLIO" check --worktree . >"$TEST_DIR/check1.out" 2>&1 || rc=$?
[ $rc -eq 1 ] || { cat "$TEST_DIR/check1.out"; fail "unfilled page: check exited $rc, expected 1"; }
assert_contains "$TEST_DIR/check1.out" "$path:"

# filled in, as an author would
sed -i -e 's/^authors: .*/authors: [lionel-larque]/' \
       -e 's/^publisher: .*/publisher: l-harmattan/' \
       -e 's/^isbn: .*/isbn: "978-2-7535-5910-3"/' "$path"
rc=0
"$FOLIO" check --worktree . >"$TEST_DIR/check2.out" 2>&1 || rc=$?
[ $rc -eq 0 ] || { cat "$TEST_DIR/check2.out"; fail "filled page: check exited $rc, expected 0"; }

# committed through the pre-commit hook and built: it is a page of the site
"$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" . "$FOLIO" >/dev/null
git add -A
git commit -qm "Un livre" || fail "the pre-commit hook refused the filled page"
"$FOLIO" build --repo . --out "$TEST_DIR/public" --quiet
[ -f "$TEST_DIR/public/books/journee-d-etude-a-lille-actes/index.html" ] || fail "the page was not built"

# never replaced
before=$(sha256sum "$path")
rc=0
"$FOLIO" new books "Journée d'étude à Lille : actes" >/dev/null 2>"$TEST_DIR/again.err" || rc=$?
[ $rc -eq 2 ] || fail "a second new exited $rc, expected 2"
assert_contains "$TEST_DIR/again.err" "already exists"
[ "$before" = "$(sha256sum "$path")" ] || fail "the existing page was changed"

# --site, a collection whose title field is not "title", another script
cd "$TEST_DIR"
path=$("$FOLIO" new --site site people "Ирина Петрова")
[ "$path" = "site/people/irina-petrova.md" ] || fail "new --site printed '$path'"
assert_contains "$path" 'name: "Ирина Петрова"'

# an unknown collection: did you mean
rc=0
"$FOLIO" new --site site book "Un livre" 2>"$TEST_DIR/unknown.err" || rc=$?
[ $rc -eq 2 ] || fail "unknown collection: exit $rc, expected 2"
assert_contains "$TEST_DIR/unknown.err" 'did you mean "books"?'
echo "ok: folio new writes a page from the schema that passes check once filled in"

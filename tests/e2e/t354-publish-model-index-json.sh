#!/bin/bash
# A publish from the site model (issue 14) writes index.json from stubs for
# the pages the commit did not change: titles and summaries with quotes,
# backslashes, tabs and non-ASCII, a translation and a page without a date;
# after an add, a retitle, a delete and a rename, each index.json has a full
# build's bytes. One changed in the output by hand is written again at the
# next change; so is one a run killed while writing it may have left.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo out=$TEST_DIR/out state=$TEST_DIR/state
mkdir -p "$repo/posts" "$repo/notes"
cd "$repo"
cat >folio.yaml <<'YAML'
title: Carnet
base_url: https://carnet.example
language: en
languages: [fr]
collections:
  - name: posts
    label: Posts
    date_field: date
  - name: notes
    label: Notes
YAML
for i in $(seq -w 1 30); do
	printf -- '---\ntitle: "Post %s \\"cité\\" \\\\ à\\tla une"\ndate: 2024-01-%02d\n---\n\nRésumé « %s » with "quotes" and 日本語.\n' \
		"$i" "$(( (10#$i % 28) + 1 ))" "$i" >"posts/post-$i.md"
done
printf -- '---\ntitle: Bonjour\ndate: 2024-01-02\n---\n\nLe résumé.\n' >posts/post-01.fr.md
printf -- '---\ntitle: Sans date\n---\n\nUne note.\n' >notes/undated.md
git init -q && git add -A && git commit -qm site
publish "$repo" "$out" "$state" "the first publish"

# step LABEL: HEAD published from the site model, the bytes a full build's
step() {
	FOLIO_TRACE=1 "$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$out" --state "$state" \
		>"$TEST_DIR/trace.txt" 2>&1 || { cat "$TEST_DIR/trace.txt" >&2; fail "$1: publish failed"; }
	assert_contains "$TEST_DIR/trace.txt" "from the site model"
	same_as_full "$repo" "$out" "$1"
}

# an add
printf -- '---\ntitle: "Nouveau \\"post\\""\ndate: 2024-03-01\n---\n\nTout « neuf ».\n' >posts/zz-new.md
git add -A && git commit -qm add
step "an add"
assert_contains "$out/index.json" '"title": "Nouveau \"post\""'

# a retitle with an escape
sed -i 's/^title: .*/title: "Post \\\\ renommé\\t!"/' posts/post-07.md
git commit -qam retitle
step "a retitle"
assert_contains "$out/index.json" '"title": "Post \\ renommé\t!"'

# a delete, and a rename (a new id)
git rm -q posts/post-12.md && git commit -qm delete
step "a delete"
assert_not_contains "$out/index.json" '"id": "posts/post-12"'
git mv posts/post-13.md posts/post-treize.md && git commit -qm rename
step "a rename"
assert_contains "$out/index.json" '"id": "posts/post-treize"'

# an index.json changed in the output by hand: written again
sed -i 's/Post 02 /Post 02 CHANGED /' "$out/index.json"
printf -- '---\ntitle: Encore\ndate: 2024-03-02\n---\n\nEncore.\n' >posts/zz-encore.md
git add -A && git commit -qm "another add"
step "an add after index.json was changed by hand"
assert_not_contains "$out/index.json" "CHANGED"

# one a killed run may have left (in the journal): not read, the site loaded
sqlite3 "$state/state.sqlite" "INSERT INTO journal(path) VALUES('index.json')"
printf -- '---\ntitle: Dernier\ndate: 2024-03-03\n---\n\nDernier.\n' >posts/zz-dernier.md
git add -A && git commit -qm "a third add"
FOLIO_TRACE=1 "$FOLIO" build --quiet --repo "$repo" --rev HEAD --out "$out" --state "$state" \
	>"$TEST_DIR/trace.txt" 2>&1 || { cat "$TEST_DIR/trace.txt" >&2; fail "the publish after a killed run failed"; }
same_as_full "$repo" "$out" "an add after a killed run"

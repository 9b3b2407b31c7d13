#!/bin/bash
# Faults a second scout found on real Jekyll sites (session 45):
# 1. Jekyll's :title is its name slugified in the pretty form, capitals
#    kept: a run of dashes is one and none is left at either end.
#    Christophe Ducamp's blog has _posts/2014-07-31-la-quantification-de-
#    soi--la-recherche-de-sens.md at /2014/07/31/la-quantification-de-soi-
#    la-recherche-de-sens/; folio kept the two dashes, as it keeps them in
#    a :path. A front-matter permalink's :title is slugified the same.
. "$(dirname "$0")/lib.sh"

# 1
j=$TEST_DIR/dashes
mkdir -p "$j/_posts" "$j/_docs"
printf 'title: T\nurl: https://x.example\npermalink: /:year/:month/:day/:title/\ncollections:\n  docs:\n    output: true\n' >"$j/_config.yml"
printf -- '---\ntitle: Soi\n---\nText.\n' >"$j/_posts/2014-07-31-la-quantification-de-soi--la-recherche-de-sens.md"
printf -- '---\ntitle: Edges\npermalink: /notes/:title/\n---\nText.\n' >"$j/_posts/2014-08-01--edges-.md"
printf -- '---\ntitle: Doc\n---\nText.\n' >"$j/_docs/a--b.md"
printf -- '---\ntitle: Home\n---\n[soi](/2014/07/31/la-quantification-de-soi-la-recherche-de-sens/), [edges](/notes/edges/), [doc](/docs/a--b/)\n' >"$j/index.md"
migrate_and_build jekyll "$j" "$TEST_DIR/out-dashes"
[ -f "$TEST_DIR/out-dashes/2014/07/31/la-quantification-de-soi-la-recherche-de-sens/index.html" ] ||
	fail "the post's two dashes are not one"
[ -f "$TEST_DIR/out-dashes/notes/edges/index.html" ] || fail "the permalink's :title keeps its dashes at either end"
[ -f "$TEST_DIR/out-dashes/docs/a--b/index.html" ] || fail "a document's :path lost its two dashes"
r=$TEST_DIR/dashes-repo
repo_of "$j" "$r"
publish "$r" "$TEST_DIR/inc-dashes" "$TEST_DIR/state-dashes" "first commit"
printf -- '---\ntitle: More\n---\nText.\n' >"$r/_posts/2014-09-01-more---dashes.md"
git -C "$r" add -A && git -C "$r" commit -qm "more"
publish "$r" "$TEST_DIR/inc-dashes" "$TEST_DIR/state-dashes" "a post added"
[ -f "$TEST_DIR/inc-dashes/2014/09/01/more-dashes/index.html" ] || fail "the added post's dashes are not one"
same_as_full "$r" "$TEST_DIR/inc-dashes" "a post added"

echo "PASS"

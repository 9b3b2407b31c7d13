#!/bin/bash
# site.year and site.commit (docs/templates.md) are those of the built
# commit, never of the clock; an incremental build renders again the pages
# whose templates show them when the commit changes, and only those. (Once,
# both were documented and never set: the sample's footer read "© ".)
. "$(dirname "$0")/lib.sh"

make_repo "$TEST_DIR/site"
cd "$TEST_DIR"
# the sample's footer shows the year only (a version on every page would
# render every page again at each commit): show the commit too
sed -i 's|{{site.title}}</p>|{{site.title}}{{#site.commit}} · version {{site.commit}}{{/site.commit}}</p>|' \
	site/templates/base.mustache
grep -qF "version {{site.commit}}" site/templates/base.mustache || fail "the sample's footer is not as expected"
git -C site commit -qam "show the version"
# a commit of a known date, so the year is not the clock's
GIT_COMMITTER_DATE="2019-04-26T12:00:00Z" git -C site commit -q --allow-empty -m "dated"
short=$(git -C site rev-parse --short=7 HEAD)
"$FOLIO" build --repo site --out full >build.log 2>&1 || fail "build: $(cat build.log)"
page=pages/presentation/index.html
assert_contains full/$page "© 2019 "
assert_contains full/$page "version $short"

# A plain directory has no commit: no version, no year.
"$FOLIO" build --worktree site --out wt >build.log 2>&1 || fail "worktree build: $(cat build.log)"
assert_contains wt/pages/presentation/index.html "<p>© ISCRA"
assert_not_contains wt/pages/presentation/index.html "version"

# Incremental: a commit that changes no page still renders the pages that
# show the commit, and the result is the full build's.
"$FOLIO" build --repo site --out inc --state st >build.log 2>&1 || fail "first incremental: $(cat build.log)"
GIT_COMMITTER_DATE="2021-01-02T12:00:00Z" git -C site commit -q --allow-empty -m "next"
short=$(git -C site rev-parse --short=7 HEAD)
"$FOLIO" build --repo site --out inc --state st --explain >build.log 2>&1 || fail "second incremental: $(cat build.log)"
assert_contains build.log "pages/presentation/index.html: site.commit changed"
assert_contains inc/$page "© 2021 "
assert_contains inc/$page "version $short"
"$FOLIO" build --repo site --out full2 >build.log 2>&1 || fail "full build: $(cat build.log)"
diff -r --exclude=.folio-output full2 inc >diff.txt || fail "incremental differs from full: $(head -20 diff.txt)"

# A template that shows neither: the pages are not rendered again.
sed -i 's/{{#site.year}}.*{{\/site.year}}/ 2000/; s/{{#site.commit}}.*{{\/site.commit}}//' site/templates/base.mustache
assert_not_contains site/templates/base.mustache "site.year"
assert_not_contains site/templates/base.mustache "site.commit"
git -C site commit -qam "no version in the footer"
"$FOLIO" build --repo site --out inc --state st >build.log 2>&1 || fail "third incremental: $(cat build.log)"
git -C site commit -q --allow-empty -m "empty"
"$FOLIO" build --repo site --out inc --state st --explain >explain.log 2>&1 || fail "fourth incremental: $(cat explain.log)"
assert_not_contains explain.log "pages/presentation/index.html"
echo ok

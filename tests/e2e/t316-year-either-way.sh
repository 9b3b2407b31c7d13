#!/bin/bash
# The sample's footer shows site.year, the year of the commit built. A body
# edit or an added page whose commit is of another year, later or earlier
# (a rebased or back-dated commit), renders every page again: the fast path
# and the site model step aside when a stored site.year differs from the
# commit's on either side of it (publish_dirty.c asks the state's index for
# a value before the commit's and one after it). The pages the commit did
# not touch must show its year, as a full build of it does.
. "$(dirname "$0")/lib.sh"

make_repo "$TEST_DIR/site"
cd "$TEST_DIR"
assert_contains site/templates/base.mustache "{{site.year}}"
commit_in() { # YEAR MESSAGE: commit what is staged, dated in YEAR
	GIT_AUTHOR_DATE="$1-06-01T12:00:00Z" GIT_COMMITTER_DATE="$1-06-01T12:00:00Z" \
		git -C site commit -qam "$2"
}
edit_body() { # a page's body edited, its title and links kept
	echo "Une ligne de plus ($1)." >>site/pages/presentation.md
}
untouched=events
GIT_COMMITTER_DATE="2019-06-01T12:00:00Z" git -C site commit -q --allow-empty -m "dated 2019"
publish site inc st "first publish"
assert_contains inc/$untouched/index.html "© 2019 "

# the same year: one page rendered, the others kept
edit_body a
commit_in 2019 "edit in 2019"
publish site inc st "edit in 2019"
assert_contains inc/$untouched/index.html "© 2019 "
same_as_full site inc "edit in 2019"

# a later year: every page shows it
edit_body b
commit_in 2021 "edit in 2021"
publish site inc st "edit in 2021"
assert_contains inc/$untouched/index.html "© 2021 "
same_as_full site inc "edit in 2021"

# an earlier year than the one stored
edit_body c
commit_in 2018 "edit in 2018"
publish site inc st "edit in 2018"
assert_contains inc/$untouched/index.html "© 2018 "
same_as_full site inc "edit in 2018"

# an added page (the site model's publish) in a later year
sed 's/^title: .*/title: "Une page ajoutée"/' site/pages/presentation.md >site/pages/ajout.md
git -C site add pages/ajout.md
commit_in 2022 "add in 2022"
publish site inc st "add in 2022"
assert_contains inc/pages/ajout/index.html "© 2022 "
assert_contains inc/$untouched/index.html "© 2022 "
same_as_full site inc "add in 2022"

# and one in an earlier year
git -C site rm -q pages/ajout.md
commit_in 2020 "delete in 2020"
publish site inc st "delete in 2020"
[ ! -e inc/pages/ajout/index.html ] || fail "the deleted page is still published"
assert_contains inc/$untouched/index.html "© 2020 "
same_as_full site inc "delete in 2020"
echo ok

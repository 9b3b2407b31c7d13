#!/bin/bash
# Jekyll's :i_month and :i_day are the month and day without a leading
# zero: rubyonrails.org's posts are at /:year/:i_month/:i_day/:title
# (/2008/11/7/this-week-in-rails). folio could not express the permalink:
# its 1,873 posts went to /posts/<title>/, where 182 yearly titles clashed,
# and links to their addresses were refused. A permalink that ends in a
# name, no '/', is written x.html, as Jekyll writes any page whose URL has
# no extension.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/_posts"
cat >"$s/_config.yml" <<'YAML'
title: t
defaults:
  - scope: {path: "", type: posts}
    values: {permalink: "/:year/:i_month/:i_day/:title"}
YAML
printf -- '---\ntitle: Home\n---\nSee [2008](/2008/11/7/this-week-in-rails) and [2009](/2009/2/16/this-week-in-rails.html).\n' >"$s/index.md"
printf -- '---\ntitle: This week in Rails\n---\nNovember.\n' >"$s/_posts/2008-11-07-this-week-in-rails.md"
printf -- '---\ntitle: This week in Rails\n---\nFebruary.\n' >"$s/_posts/2009-02-16-this-week-in-rails.md"
printf -- '---\ntitle: October\n---\nTen.\n' >"$s/_posts/2010-10-10-october.md"
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$s/folio.yaml" 'permalink: "/:year/:i_month/:i_day/:slug/"'
assert_contains "$TEST_DIR/out/2008/11/7/this-week-in-rails.html" "November."
assert_contains "$TEST_DIR/out/2009/2/16/this-week-in-rails.html" "February."
assert_contains "$TEST_DIR/out/2010/10/10/october.html" "Ten."
[ ! -e "$TEST_DIR/out/2010/10/10/october/index.html" ] || fail "the post is at /october/ too"

# folio.yaml refuses what is no date placeholder
sed -i 's|:i_month|:i_week|' "$s/folio.yaml"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a permalink with :i_week passed"
assert_contains "$TEST_DIR/check.txt" "permalink"
echo ok

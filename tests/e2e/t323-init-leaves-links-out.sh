#!/bin/bash
# A symbolic link anywhere in the site refuses the whole site (tree/symlink,
# a locked rule: a pusher's link may point anywhere). metal3-io's site
# commits CLAUDE.md -> AGENTS.md, which Jekyll copies: init left it in, and
# nothing of the site could be published. init now excludes each link and
# names it; the rule still refuses a link committed afterwards.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/_posts" "$s/docs"
printf 'title: t\n' >"$s/_config.yml"
printf -- '---\ntitle: Home\n---\nHello.\n' >"$s/index.md"
printf -- '---\ntitle: First\n---\nA post.\n' >"$s/_posts/2024-01-02-first.md"
printf '# Agents\n' >"$s/AGENTS.md"
ln -s AGENTS.md "$s/CLAUDE.md"
ln -s ../_posts "$s/docs/posts"
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$TEST_DIR/init.txt" "CLAUDE.md is a symbolic link"
assert_contains "$TEST_DIR/init.txt" "docs/posts is a symbolic link"
assert_contains "$s/folio.yaml" '"CLAUDE.md"'
[ -f "$TEST_DIR/out/index.html" ] || fail "the site was not built"

# a link committed after the migration is refused, as before
ln -s AGENTS.md "$s/OTHER.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a new symbolic link passed"
assert_contains "$TEST_DIR/check.txt" "OTHER.md: error: symbolic link"
echo ok

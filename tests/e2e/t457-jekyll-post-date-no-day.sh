#!/bin/bash
# A Jekyll post whose file name's date is no day of the calendar (ROOT's
# blog/_posts/2025-04-31-root-with-nix.md): Jekyll's post reader takes it
# by its name's shape and rolls the day over (2025-05-01). init left it
# out as "a post without a date in its name", saying nothing of it: the
# post was lost with no finding. Now init keeps it: with a date: of its
# own it is published; without, check refuses it by its name
# (date/invalid), as for a post added after init (t384).
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/blog/_posts" "$j/_layouts"
printf 'title: Project\nurl: https://project.example\npermalink: /:categories/:title/\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Home\n---\nNews: [Nix](/blog/root-with-nix/), [Spring](/blog/spring/).\n' >"$j/index.md"
printf -- '---\ntitle: Spring\n---\nA post of a day.\n' >"$j/blog/_posts/2025-04-30-spring.md"
printf -- '---\ntitle: With Nix\ndate: 2025-05-01\n---\nBuild it with Nix.\n' >"$j/blog/_posts/2025-04-31-root-with-nix.md"
printf -- '---\ntitle: Template\n---\nNo post.\n' >"$j/blog/_posts/template.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$out/blog/root-with-nix/index.html" 'Build it with Nix.'
assert_contains "$out/blog/spring/index.html" 'A post of a day.'
assert_contains "$j/folio.yaml" '"blog/_posts/template.md"'
assert_not_contains "$j/folio.yaml" 'root-with-nix'

# without a date: of its own, refused by its name, not left out unsaid
b=$TEST_DIR/undated
cp -r "$j" "$b"
rm -rf "$b/folio.yaml" "$b/schemas"
printf -- '---\ntitle: With Nix\n---\nBuild it with Nix.\n' >"$b/blog/_posts/2025-04-31-root-with-nix.md"
"$FOLIO" init --from jekyll "$b" >"$TEST_DIR/init-b.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init-b.txt")"
rc=0
"$FOLIO" check --worktree "$b" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ "$rc" = 1 ] || fail "a post of no day passed unsaid (rc $rc)"
assert_contains "$TEST_DIR/check.txt" 'blog/_posts/2025-04-31-root-with-nix.md: error: the date its file name gives, "2025-04-31", is no day of the calendar [date/invalid]'

# published from a state as a full build
repo=$TEST_DIR/repo
repo_of "$j" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
printf -- '---\ntitle: With Nix\ndate: 2025-05-01\n---\nBuild ROOT with Nix.\n' >"$repo/blog/_posts/2025-04-31-root-with-nix.md"
git -C "$repo" commit -qam "the post changes"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "post changed"
assert_contains "$TEST_DIR/pub/blog/root-with-nix/index.html" 'Build ROOT with Nix.'
same_as_full "$repo" "$TEST_DIR/pub" "post changed"
echo "ok"

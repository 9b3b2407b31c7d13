#!/bin/bash
# A Hugo site may mount many content files from outside its folder, which
# a build step writes (twenty-eighth pass: a results site mounts 44,
# ../data/de01/de01.md at content/de/01.md and at content/de/01.en.md).
# init named each on a line of its own, 44 lines alike before the ones
# that matter; now the first three are named and the others counted.
# Their pages are still not read, and a link to one is still refused.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/season"
{
	printf 'baseURL: https://results.example/\ntitle: Results\nmodule:\n  mounts:\n'
	printf '    - source: content\n      target: content\n'
	for k in 1 2 3 4 5 6; do
		printf '    - source: ../data/s%s/s%s.md\n      target: content/season/0%s.md\n' "$k" "$k" "$k"
	done
} >"$s/hugo.yaml"
printf -- '---\ntitle: Seasons\n---\nThe [first](01/).\n' >"$s/content/season/_index.md"
printf -- '---\ntitle: Home\n---\nResults.\n' >"$s/content/_index.md"
"$FOLIO" init --from hugo "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
n=$(grep -c "outside the site's folder (a file above it" "$TEST_DIR/init.txt")
[ "$n" = 3 ] || fail "$n mounts named one a line: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" 'content/season/01.md: Hugo mounts ../data/s1/s1.md there'
assert_contains "$TEST_DIR/init.txt" "3 more of Hugo's mounts of content are outside the site's folder"
# the link to a page that is not read is refused as before
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "the link to a mounted page passed"
assert_contains "$TEST_DIR/check.txt" 'link/broken'
echo ok

#!/bin/bash
# Faults of real sites left from the eighteenth pass:
# 1. Jekyll's :path of a post keeps the date its file's name starts with:
#    under permalink: /posts/:path/, _posts/2020-04-16-Hello-World.md is at
#    /posts/2020-04-16-Hello-World/ (folio put it at /posts/Hello-World/,
#    and every link to it was broken); a publish from the state after an
#    added post is a full build's.
. "$(dirname "$0")/lib.sh"

# 1
a=$TEST_DIR/a
mkdir -p "$a/_posts/notes"
printf 'title: T\nurl: https://t.example\npermalink: /posts/:path/\n' >"$a/_config.yml"
printf -- '---\ntitle: Home\n---\nSee [x](/posts/2020-04-16-Hello-World/) and [y](/posts/notes/2021-01-02-deep/).\n' >"$a/index.md"
printf -- '---\ntitle: Hello\n---\nHi.\n' >"$a/_posts/2020-04-16-Hello-World.md"
printf -- '---\ntitle: Deep\n---\nDeep.\n' >"$a/_posts/notes/2021-01-02-deep.md"
migrate_and_build jekyll "$a" "$TEST_DIR/out-a"
assert_contains "$a/folio.yaml" 'permalink: "/posts/:path/"'
for f in posts/2020-04-16-Hello-World/index.html posts/notes/2021-01-02-deep/index.html; do
	[ -f "$TEST_DIR/out-a/$f" ] || fail "$f is missing: $(cd "$TEST_DIR/out-a" && find . -type f | sort)"
done
repo_of "$a" "$TEST_DIR/ra"
publish "$TEST_DIR/ra" "$TEST_DIR/pa" "$TEST_DIR/sa" "first"
printf -- '---\ntitle: Later\n---\nSee [hello](/posts/2020-04-16-Hello-World/).\n' >"$TEST_DIR/ra/_posts/2022-03-04-later.md"
git -C "$TEST_DIR/ra" add -A && git -C "$TEST_DIR/ra" commit -qm later
publish "$TEST_DIR/ra" "$TEST_DIR/pa" "$TEST_DIR/sa" "an added post"
[ -f "$TEST_DIR/pa/posts/2022-03-04-later/index.html" ] || fail "the added post is not at its dated path"
same_as_full "$TEST_DIR/ra" "$TEST_DIR/pa" "an added post"
echo "ok"

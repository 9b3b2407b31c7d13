#!/bin/bash
# A browser drops the tabs and newlines of a URL (the URL parser's first
# step): Jay Alammar's post on image generation writes
# <img src="/images/image-gen/
# 2464700474_Two_astronauts...png" /> across two lines, and the image
# shows. folio checked the URL with its newline, refused the post with
# link/broken, and its message ran over two lines.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts" "$j/images/image-gen"
printf 'title: Blog\nurl: https://blog.example\npermalink: /:title/\n' >"$j/_config.yml"
echo png >"$j/images/image-gen/2464700474_Two_astronauts.png"
printf -- '---\ntitle: Tools\n---\nThe images.\n\n<div class="img-div" markdown="0">\n  <img src="/images/image-gen/\n2464700474_Two_astronauts.png" />\n  <a href="/images/image-gen/2464700474_\tTwo_astronauts.png">full size</a>\n</div>\n' >"$j/_posts/2023-01-01-tools.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
[ -f "$out/tools/index.html" ] || fail "the post is not written"

# a URL that names no file once its newline is dropped is still refused, on one line
printf -- '---\ntitle: Gone\n---\n<img src="/images/image-gen/\nnothing.png" />\n' >"$j/_posts/2023-01-02-gone.md"
rc=0
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ "$rc" = 1 ] || fail "a missing image passed (rc $rc)"
assert_contains "$TEST_DIR/check.txt" '_posts/2023-01-02-gone.md:4:11: error: link to "/images/image-gen/nothing.png" points to no page [link/broken]'
echo "ok"

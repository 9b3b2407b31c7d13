#!/bin/bash
# Jekyll's post reader takes a name opening with \d{2,4}-\d{1,2}-\d{1,2}-
# and dates it by Ruby's Time.parse: _posts/19-05-03-short.md is a post of
# 2019-05-03 at /2019/05/03/short.html (70-01-02 is 1970, 195-05-03 year
# 195), as Debian's Jekyll 4.3.1 writes them. init kept such a post, but
# the site read a date of four digits only: the post had no date, kept
# "19-05-03-short" as its name and was written at /posts/19-05-03-short.html.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts"
printf 'title: Blog\nurl: https://blog.example\n' >"$j/_config.yml"
printf -- '---\ntitle: Short\n---\nShort year.\n' >"$j/_posts/19-05-03-short.md"
printf -- '---\ntitle: Old\n---\nOld year.\n' >"$j/_posts/70-01-02-old.md"
printf -- '---\ntitle: Three\n---\nThree digits.\n' >"$j/_posts/195-5-3-three.md"
printf -- '---\ntitle: Four\n---\nFour digits.\n' >"$j/_posts/2019-5-4-four.md"
printf -- '---\ntitle: Home\n---\nHome.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$out/2019/05/03/short.html" 'Short year.'
assert_contains "$out/1970/01/02/old.html" 'Old year.'
assert_contains "$out/0195/05/03/three.html" 'Three digits.'
assert_contains "$out/2019/05/04/four.html" 'Four digits.'
[ ! -e "$out/posts/19-05-03-short.html" ] || fail "the post is still at its name"
assert_contains "$out/2019/05/03/short.html" '2019'

# a short year whose day is no day of the calendar is refused by its name
printf -- '---\ntitle: Bad\n---\nBad.\n' >"$j/_posts/19-02-30-bad.md"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 && fail "19-02-30 accepted"
assert_contains "$TEST_DIR/check.txt" '"19-02-30", is no day of the calendar [date/invalid]'
echo "ok"

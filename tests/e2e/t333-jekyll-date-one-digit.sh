#!/bin/bash
# A post's date with a one-digit month or day ("2014-10-1 12:00:00", as
# huxpro.github.io and rubyonrails.org write some): YAML 1.1, which Jekyll
# reads, and Ruby's Time.parse take it; folio refused it (date/invalid).
# It is read as the two-digit date, everywhere the same (the page's
# front matter gets it so); what is no date stays refused.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/_posts"
printf 'title: T\nurl: "https://example.org"\n' >"$s/_config.yml"
printf -- '---\ntitle: "One"\ndate:       2014-10-1 12:00:00\n---\nHello.\n' >"$s/_posts/2014-10-01-one.md"
printf -- '---\ntitle: "Two"\ndate: 2013-5-01 16:30:00 -06:00\n---\nAgain.\n' >"$s/_posts/2013-05-01-two.md"
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
grep -rqF '"date": "2014-10-01 12:00:00"' "$TEST_DIR/out" || fail "the one-digit day is not read as 2014-10-01"
grep -rqF '"date": "2013-05-01 16:30:00 -06:00"' "$TEST_DIR/out" || fail "the one-digit month is not read as 2013-05"

printf -- '---\ntitle: "Bad"\ndate: 2014-13-1 12:00:00\n---\nNo.\n' >"$s/_posts/2014-12-01-bad.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "month 13 passed"
assert_contains "$TEST_DIR/check.txt" '_posts/2014-12-01-bad.md:3:7: error: field "date" is not a date: "2014-13-1 12:00:00"'
echo ok

#!/bin/bash
# A page's date reaches lists, index.json and <time datetime> as RFC 3339,
# whatever form the front matter wrote it in. Jekyll's posts are dated
# "2020-01-01 10:00:00 +0100" (YAML 1.1's spaced form): every datetime
# attribute of a migrated Jekyll site held that, which is no valid HTML
# date (a space before the offset), and index.json gave it to partners
# as written; Go's "2023-07-18 00:00:00 +0000 UTC" (a Hugo site's) too.
# 1. The spaced forms are written 2020-01-01T10:00:00+01:00 in the post's
#    <time>, its list's, index.json and the JSON Feed; a date written so
#    already, or a plain date, is as written.
# 2. A state of version 8 holds the dates as written in its records: once
#    migrated, the next publish (an added post) loads the whole site, and
#    its output is a full build's; with the records kept, the list and
#    index.json showed the old form for every post not added.
# 3. A Hugo site's date-time with an offset is shown at that offset, as
#    Hugo shows it: init writes times_as_written: true, and 09:30+02:00 is
#    "9:30 AM" on its page, where the site's zone (UTC) showed 7:30;
#    without the key, the site's zone as before.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/j
mkdir -p "$j/_posts"
printf 'title: Blog\nurl: https://blog.example\n' >"$j/_config.yml"
printf -- '---\ntitle: Premier\ndate: 2020-01-01 10:00:00 +0100\n---\nUn.\n' >"$j/_posts/2020-01-01-premier.md"
printf -- '---\ntitle: Second\ndate: 2020-02-03 5:07:00 -0330\n---\nDeux.\n' >"$j/_posts/2020-02-03-second.md"
printf -- '---\ntitle: Third\ndate: 2020-03-04T08:00:00Z\n---\nTrois.\n' >"$j/_posts/2020-03-04-third.md"
printf -- '---\ntitle: Fourth\ndate: 2020-04-05\n---\nQuatre.\n' >"$j/_posts/2020-04-05-fourth.md"
# 1
migrate_and_build jekyll "$j" "$TEST_DIR/out"
o=$TEST_DIR/out
assert_contains "$o/2020/01/01/premier.html" '<time datetime="2020-01-01T10:00:00+01:00">'
assert_contains "$o/2020/02/03/second.html" '<time datetime="2020-02-03T05:07:00-03:30">'
assert_contains "$o/2020/03/04/third.html" '<time datetime="2020-03-04T08:00:00Z">'
assert_contains "$o/2020/04/05/fourth.html" '<time datetime="2020-04-05">'
assert_contains "$o/posts/index.html" '<time datetime="2020-01-01T10:00:00+01:00">'
assert_not_contains "$o/posts/index.html" 'datetime="2020-01-01 '
python3 - "$o/index.json" <<'PY' || fail "1: index.json's dates are not RFC 3339"
import json, sys
dates = sorted(p["date"] for p in json.load(open(sys.argv[1]))["pages"] if p.get("date"))
want = ["2020-01-01T10:00:00+01:00", "2020-02-03T05:07:00-03:30", "2020-03-04T08:00:00Z", "2020-04-05"]
assert dates == want, dates
PY
# 2
r=$TEST_DIR/repo
repo_of "$j" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: first"
db=$TEST_DIR/state/state.sqlite
sqlite3 "$db" "UPDATE records SET date = '2020-01-01 10:00:00 +0100' WHERE date = '2020-01-01T10:00:00+01:00';
	DROP INDEX outputs_folded; ALTER TABLE outputs DROP COLUMN folded; PRAGMA user_version = 8;" || fail "2: cannot take the state back to version 8"
[ "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE date LIKE '2020-01-01 %'")" = 1 ] ||
	fail "2: the record does not hold the date as written"
printf -- '---\ntitle: Cinquième\ndate: 2020-05-06 07:00:00 +0200\n---\nCinq.\n' >"$r/_posts/2020-05-06-cinquieme.md"
git -C "$r" add -A && git -C "$r" commit -qm "a post"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: after the migration"
[ "$(sqlite3 "$db" 'PRAGMA user_version')" -ge 9 ] || fail "2: the state was not migrated"
assert_not_contains "$TEST_DIR/pub/posts/index.html" 'datetime="2020-01-01 '
assert_contains "$TEST_DIR/pub/posts/index.html" '<time datetime="2020-05-06T07:00:00+02:00">'
same_as_full "$r" "$TEST_DIR/pub" "2: after the migration"
# 3
h=$TEST_DIR/h
mkdir -p "$h/content/posts"
printf 'baseURL = "https://hugo.example/"\ntitle = "H"\n' >"$h/hugo.toml"
printf -- '---\ntitle: Offset\ndate: 2023-06-12T09:30:00+02:00\n---\nx\n' >"$h/content/posts/offset.md"
migrate_and_build hugo "$h" "$TEST_DIR/hout"
assert_contains "$h/folio.yaml" "times_as_written: true"
assert_contains "$TEST_DIR/hout/posts/offset/index.html" '<time datetime="2023-06-12T09:30:00+02:00">Monday, June 12, 2023 at 9:30'
sed -i 's/^times_as_written: true/times_as_written: false/' "$h/folio.yaml"
"$FOLIO" build --worktree "$h" --out "$TEST_DIR/hout2" >/dev/null 2>&1 || fail "3: the build without times_as_written failed"
assert_contains "$TEST_DIR/hout2/posts/offset/index.html" 'Monday, June 12, 2023 at 7:30'
echo ok

#!/bin/bash
# Faults a scout found on real Jekyll sites (session 45):
# 1. Jekyll's entry filter skips _x, .x, #x and x~ at every level of a
#    folder it copies: swift.org's assets/stylesheets/ holds 70 Sass
#    partials (_colors.scss), none of them on swift.org; folio published
#    every one from copy: [assets], and css/.keep and x.css~ beside them.
#    A folder include: names (.well-known) is still copied; a partial
#    added later is not published by a build from the state either.
. "$(dirname "$0")/lib.sh"

# 1
j=$TEST_DIR/jekyll-assets
mkdir -p "$j/_posts" "$j/assets/css/_partials" "$j/.well-known"
printf 'title: T\nurl: https://x.example\ninclude: [.well-known]\n' >"$j/_config.yml"
printf -- '---\ntitle: A\n---\nText.\n' >"$j/_posts/2024-01-02-a.md"
echo 'a{}' >"$j/assets/css/main.css"
echo '$c: red;' >"$j/assets/css/_colors.scss"
echo 'x' >"$j/assets/css/_partials/x.css"
echo 'x' >"$j/assets/css/.keep"
echo 'x' >"$j/assets/css/main.css~"
echo 'key' >"$j/.well-known/security.txt"
migrate_and_build jekyll "$j" "$TEST_DIR/out-assets"
[ -f "$TEST_DIR/out-assets/assets/css/main.css" ] || fail "the copied stylesheet is missing"
[ -f "$TEST_DIR/out-assets/.well-known/security.txt" ] || fail "the folder include: names is missing"
for f in _colors.scss _partials/x.css .keep main.css~; do
	[ ! -e "$TEST_DIR/out-assets/assets/css/$f" ] || fail "assets/css/$f is published, which Jekyll skips"
done
r=$TEST_DIR/assets-repo
repo_of "$j" "$r"
publish "$r" "$TEST_DIR/inc-assets" "$TEST_DIR/state-assets" "first commit"
echo '$d: blue;' >"$r/assets/css/_more.scss"
echo 'b{}' >"$r/assets/css/more.css"
git -C "$r" add -A && git -C "$r" commit -qm "more"
publish "$r" "$TEST_DIR/inc-assets" "$TEST_DIR/state-assets" "a partial added"
[ -f "$TEST_DIR/inc-assets/assets/css/more.css" ] || fail "the added stylesheet is missing"
[ ! -e "$TEST_DIR/inc-assets/assets/css/_more.scss" ] || fail "the added partial is published"
same_as_full "$r" "$TEST_DIR/inc-assets" "a partial added"

echo "PASS"

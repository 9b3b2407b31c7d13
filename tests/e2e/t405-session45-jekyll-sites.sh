#!/bin/bash
# Faults a scout found on real Jekyll sites (session 45):
# 1. Jekyll's entry filter skips _x, .x, #x and x~ at every level of a
#    folder it copies: swift.org's assets/stylesheets/ holds 70 Sass
#    partials (_colors.scss), none of them on swift.org; folio published
#    every one from copy: [assets], and css/.keep and x.css~ beside them.
#    A folder include: names (.well-known) is still copied; a partial
#    added later is not published by a build from the state either.
# 2. A redirect_to: written with the site's own host to a page the site
#    lacks (Hack for LA's redirections/codeforamerica.md) was said twice
#    at its line: as a front-matter URL of the site, then as redirect_to.
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

# 2
d=$TEST_DIR/redirect
mkdir -p "$d/_posts" "$d/redirections"
printf 'title: T\nurl: https://www.x.example\n' >"$d/_config.yml"
printf -- '---\ntitle: A\n---\nText.\n' >"$d/_posts/2024-01-02-a.md"
printf -- '---\ntitle: R\npermalink: /r/\nredirect_to: https://www.x.example/donate\n---\n' >"$d/redirections/r.md"
"$FOLIO" init --from jekyll "$d" >/dev/null 2>&1 || fail "init of the redirecting site"
"$FOLIO" check --worktree "$d" >"$TEST_DIR/redirect.txt" 2>&1 && fail "a redirect to no page passed"
assert_contains "$TEST_DIR/redirect.txt" 'redirections/r.md:4:14: error: link to "https://www.x.example/donate" points to no page [link/broken]'
[ "$(grep -c 'redirections/r.md:4:14' "$TEST_DIR/redirect.txt")" = 1 ] || fail "the broken redirect_to is said more than once"
assert_contains "$TEST_DIR/redirect.txt" 'checked the worktree: 1 error,'

echo "PASS"

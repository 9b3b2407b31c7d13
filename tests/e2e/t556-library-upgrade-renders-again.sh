#!/bin/bash
# Debian upgrades cmark-gfm, ICU or libyaml under the same folio binary,
# and the HTML they shape changes: a publish after such an upgrade kept the
# older library's HTML on every page the commit did not change, since an
# output's records named folio's build alone. They name the loaded
# libraries' versions too now: after an upgrade every page is rendered
# again once, static files stay as they were, and the next publish is an
# ordinary one. The upgrade is made here by a preloaded library whose
# cmark_version_string() says another version (the loader resolves folio's
# call to it first).
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo out=$TEST_DIR/out state=$TEST_DIR/state
make_repo "$repo"
G="git -C $repo -c user.name=t -c user.email=t@example.org"
publish "$repo" "$out" "$state" "first publish"

cat >"$TEST_DIR/shim.c" <<'C'
const char *cmark_version_string(void) { return "0.29.0.gfm.99"; }
C
${CC:-cc} -shared -fPIC -o "$TEST_DIR/shim.so" "$TEST_DIR/shim.c" || fail "cannot build the shim"
# ASan wants its runtime first among the loaded libraries; the shim is not one
upgraded() {
	LD_PRELOAD="$TEST_DIR/shim.so" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" "$FOLIO" "$@"
}

"$FOLIO" --version | grep -q '^with cmark-gfm [0-9]' || fail "no libraries in: $("$FOLIO" --version)"
upgraded --version | grep -q '^with cmark-gfm 0\.29\.0\.gfm\.99,' || fail "the shim is not seen: $(upgraded --version)"
[ "$("$FOLIO" --version | head -1)" != "$(upgraded --version | head -1)" ] \
	|| fail "the identity does not change with cmark-gfm's version: $("$FOLIO" --version | head -1)"

page=$(cd "$repo" && ls events/*.md | head -1)
pages=$("$FOLIO" build --repo "$repo" --out "$TEST_DIR/count" 2>&1 | sed -n 's/^built \([0-9]*\) pages.*/\1/p')
[ -n "$pages" ] && [ "$pages" -gt 5 ] || fail "no page count from a build: $pages"

# the same libraries: a body edit renders one page
printf '\nUne phrase de plus.\n' >>"$repo/$page"
$G commit -qam "edit"
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/same.txt" 2>&1 || fail "same: $(cat "$TEST_DIR/same.txt")"
assert_contains "$TEST_DIR/same.txt" ": 1 pages rendered"

# another cmark-gfm: every page again, the static files as they were
logo=$(cd "$out" && find . -name 'logo.svg' | head -1)
[ -n "$logo" ] || fail "the sample site has no logo"
before=$(stat -c '%i %Y' "$out/$logo")
printf '\nEncore une phrase.\n' >>"$repo/$page"
$G commit -qam "edit again"
upgraded build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/up.txt" 2>&1 || fail "upgraded: $(cat "$TEST_DIR/up.txt")"
assert_contains "$TEST_DIR/up.txt" ": $pages pages rendered"
[ "$(stat -c '%i %Y' "$out/$logo")" = "$before" ] || fail "the upgrade wrote $logo again"
same_as_full "$repo" "$out" "after the upgrade"

# and then it is the state's: one page again
printf '\nUne dernière.\n' >>"$repo/$page"
$G commit -qam "edit a third time"
upgraded build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/again.txt" 2>&1 || fail "again: $(cat "$TEST_DIR/again.txt")"
assert_contains "$TEST_DIR/again.txt" ": 1 pages rendered"
echo "ok"

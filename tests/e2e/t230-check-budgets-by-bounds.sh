#!/bin/bash
# folio check measures JSON feed pages and index.json by a bound of their
# size instead of rendering them (render_bound.c); folio build renders every
# output. Under a sweep of page-output and site-size budgets around the
# sample site's real sizes, both report the same budget findings and check
# exits as build does: an output past page-output is found whatever its
# kind, and a site whose bounded total passes site-size but whose real one
# does not is not refused (check then renders it whole to know).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site"
cd "$site"
# a long body, so that its feed page is mostly HTML (each item carries it)
page=$(ls organizations/*.md | head -1)
for i in $(seq 1500); do
	printf '\nParagraphe %s, « cité » avec des "guillemets", une \\ barre et `du\tcode`.\n' "$i" >>"$page"
done
git commit -qam "A long page"
"$FOLIO" build --quiet --out "$TEST_DIR/full" >/dev/null
# the real sizes: the biggest feed page, the biggest output, the site's total
feed_max=$(find "$TEST_DIR/full" -name '*.json' -printf '%s\n' | sort -n | tail -1)
out_max=$(find "$TEST_DIR/full" -type f ! -name .folio-output -printf '%s\n' | sort -n | tail -1)
total=$(find "$TEST_DIR/full" -type f ! -name .folio-output -printf '%s\n' | awk '{ s += $1 } END { print s }')
[ "$feed_max" -gt 1000 ] && [ "$total" -gt "$out_max" ] || fail "sizes: feed $feed_max, output $out_max, total $total"

# same LIMIT...: check and build under the limits give the same exit status
# and the same budget findings.
runs=0
same() {
	local args=() l crc=0 brc=0
	for l in "$@"; do args+=(--limit "$l"); done
	"$FOLIO" check "${args[@]}" >"$TEST_DIR/check.txt" 2>&1 || crc=$?
	rm -rf "$TEST_DIR/out"
	"$FOLIO" build --quiet "${args[@]}" --out "$TEST_DIR/out" >"$TEST_DIR/build.txt" 2>&1 || brc=$?
	grep -F '[budget/' "$TEST_DIR/check.txt" | sort >"$TEST_DIR/check.budget" || true
	grep -F '[budget/' "$TEST_DIR/build.txt" | sort >"$TEST_DIR/build.budget" || true
	if [ $crc -ne $brc ] || ! cmp -s "$TEST_DIR/check.budget" "$TEST_DIR/build.budget"; then
		echo "under $*: check exit $crc, build exit $brc" >&2
		diff "$TEST_DIR/build.budget" "$TEST_DIR/check.budget" >&2 || true
		fail "check and build disagree under $*"
	fi
	runs=$((runs + 1))
}

# page-output: past the biggest feed page by one byte, at it, and a sweep
# from a quarter of it to the biggest output
same "page-output=$((feed_max - 1))"
assert_contains "$TEST_DIR/check.txt" "renders to $feed_max bytes, more than the page-output limit"
same "page-output=$feed_max"
for ((l = feed_max / 4; l <= out_max; l += feed_max / 5)); do
	same "page-output=$l"
done
# site-size: one byte short of the real total (refused), at it and a little
# above (passed, though the bounds add up to more), far below
same "site-size=$((total - 1))"
assert_contains "$TEST_DIR/check.txt" "[budget/site-size]"
same "site-size=$total"
[ ! -s "$TEST_DIR/check.budget" ] || fail "site-size=$total: $(cat "$TEST_DIR/check.budget")"
same "site-size=$((total + total / 20))"
same "site-size=1000"
# both
same "site-size=$((total - 1))" "page-output=$((feed_max - 1))"
same "site-size=$((total * 2))" "page-output=$((feed_max - 1))"
echo "ok: check and build agreed under $runs budgets"

#!/bin/bash
# A page's parsed front matter is held until the load ends, and a value
# costs about 150 bytes of jansson whatever its text: 40,000 "kN: 1"
# lines, a 400 KB blob, are 6 MB a page, and site-text counted the blob.
# 50 paths of that blob (a small push) took 353 MB to check under
# site-text=64M, 150 of them 903 MB under the default, and site-text let
# 2,600 through (about 15 GB). A page is now charged the larger of its
# text and its tree (FOLIO_YAML_NODE_BYTES a value), so the server's
# budget bounds the memory; a real page costs no more than its text.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/docs"
printf 'title: Institut coopératif\nbase_url: https://example.org\ncollections:\n  - name: docs\n' >"$s/folio.yaml"
cd "$s"
# real pages: a dozen fields over a body of 2 KB, each counted as its text
# (a page of a dozen fields and three lines is charged its tree, 1.9 KB)
python3 - <<'PY'
for i in range(40):
    open("docs/seminaire-%02d.md" % i, "w").write(
        "---\ntitle: Séminaire %d\ndate: 2024-03-%02d\nlieu: Lyon\nauteurs: [Alice, Bruno, Chloé]\n"
        "tags: [coopération, recherche]\nresume: Une séance de travail.\n---\n" % (i, i % 28 + 1)
        + "La coopérative présente ses travaux de l'année.\n" * 40)
PY
git init -q && git add -A && git commit -qm "quarante séminaires"
text=$(git ls-tree -r -l HEAD docs | awk '{ s += $4 } END { print s }')
# the pages' blobs plus a little: their trees fit in their text
"$FOLIO" check --limit site-text=$((text + 200)) HEAD >"$TEST_DIR/real.txt" 2>&1 ||
	fail "real pages refused at their text's size ($text bytes): $(tail -3 "$TEST_DIR/real.txt")"
echo "ok 40 real pages pass a site-text of their blobs' size ($text bytes)"

# 50 paths of one blob of 40,000 fields
blob=$(python3 -c '
import sys
sys.stdout.write("---\ntitle: Fiche\n" + "".join("k%d: 1\n" % i for i in range(40000)) + "---\nTexte.\n")' |
	git hash-object -w --stdin)
for i in $(seq -f '%02g' 0 49); do
	printf '100644 %s\tdocs/fiche-%s.md\n' "$blob" "$i"
done | git update-index --index-info
git commit -qm "50 fiches of 40,000 fields"

rc=0
/usr/bin/time -o "$TEST_DIR/time.txt" -f '%M' "$FOLIO" check --limit site-text=64M HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(head -c 2000 "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "folio.yaml: error: the pages' text, with what includes, shortcodes, front matter aliases and fields add, passes the site-text limit of 67108864 bytes: parsing stopped there [budget/site-text]"
[ "$(grep -c ': error: ' "$TEST_DIR/check.txt")" = 1 ] || fail "the budget's error does not stand alone: $(head -c 2000 "$TEST_DIR/check.txt")"
peak=$(tail -1 "$TEST_DIR/time.txt")
echo "peak RSS of the check: $peak KiB"
# AddressSanitizer pads and quarantines every block: its RSS says nothing
if grep -qa __asan_init "$FOLIO"; then
	echo "sanitizer build: the memory bound is not checked"
else
	[ "$peak" -le 204800 ] || fail "the check took $peak KiB (bound: 200 MiB; 353 MB before)"
fi
echo "ok 50 pages of 40,000 fields stop at site-text=64M, within 200 MiB"

# a higher limit lets them through to the budgets of the outputs
"$FOLIO" check --limit site-text=512M HEAD >"$TEST_DIR/high.txt" 2>&1 || true
assert_not_contains "$TEST_DIR/high.txt" "[budget/site-text]"
echo "ok site-text=512M lets them through"

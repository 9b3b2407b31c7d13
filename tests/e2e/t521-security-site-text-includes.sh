#!/bin/bash
# site-text counts what Jekyll includes add to the pages' text, not only
# the blobs: 400 posts each including a 1 MiB file seven times (a 3 MB
# push) are 2.8 GB to parse, 240 s of CPU to check before. What a page's
# includes add is charged as they are expanded, before the text is parsed;
# past the limit parsing stops and one budget/site-text error at
# folio.yaml stands alone (which pages were parsed before depends on the
# threads), on the full path and the fast path alike. Counts, not time:
# the limit is set low here, and raising it lets the same site through.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/_posts" "$s/_includes"
printf 'title: Includes\npermalink: pretty\n' >"$s/_config.yml"
printf -- '---\ntitle: First\n---\nFirst post.\n' >"$s/_posts/2024-01-01-first.md"
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
repo_of "$s" "$TEST_DIR/repo"
cd "$TEST_DIR/repo"
"$FOLIO" build --quiet --repo . --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >"$TEST_DIR/pub.txt" 2>&1 ||
	fail "the first publish failed: $(cat "$TEST_DIR/pub.txt")"
python3 - <<'PY'
# 40 posts of 200 bytes, each including a 30 KB file seven times: 8.4 MB
import random
random.seed(1)
words = "texte page ligne mot phrase jour note livre lecture suite".split()
lines = []
while sum(len(l) for l in lines) < 30000:
    lines.append(" ".join(random.choice(words) for _ in range(12)) + ".\n\n")
open("_includes/big.md", "w").write("".join(lines))
for i in range(40):
    open("_posts/2024-02-01-p%02d.md" % i, "w").write(
        "---\ntitle: P%d\n---\nIntro.\n\n" % i + "{% include big.md %}\n\n" * 7)
PY
git add -A && git commit -qm "40 posts of seven includes"
[ "$(git count-objects -v | sed -n "s/^size: //p")" -lt 400 ] || fail "the push is not small: $(git count-objects -v)"
TEXT="folio.yaml: error: the pages' text, with what includes, shortcodes, front matter aliases and fields add, passes the site-text limit of 4194304 bytes: parsing stopped there [budget/site-text]"
for how in "check HEAD" "check --state $TEST_DIR/state HEAD"; do
	rc=0
	"$FOLIO" $how --limit site-text=4M >"$TEST_DIR/low.txt" 2>&1 || rc=$?
	[ $rc = 1 ] || fail "$how at 4M: exit $rc: $(head -c 2000 "$TEST_DIR/low.txt")"
	assert_contains "$TEST_DIR/low.txt" "$TEXT"
	[ "$(grep -c ': error: ' "$TEST_DIR/low.txt")" = 1 ] &&
		[ "$(grep -c ': warning: ' "$TEST_DIR/low.txt")" = 0 ] ||
		fail "$how: the budget's error does not stand alone: $(head -c 2000 "$TEST_DIR/low.txt")"
	"$FOLIO" $how --limit site-text=16M >"$TEST_DIR/high.txt" 2>&1 ||
		fail "$how refused at 16M: $(grep -v -e repeated-paragraph -e "remove one of" "$TEST_DIR/high.txt" | head -c 2000)"
done
rc=0
"$FOLIO" build --quiet --repo . --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" --limit site-text=4M \
	>"$TEST_DIR/inc.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "the publish from the state exit $rc: $(head -c 2000 "$TEST_DIR/inc.txt")"
assert_contains "$TEST_DIR/inc.txt" "$TEXT"
ls "$TEST_DIR/pub" | grep -q . || fail "the last good site is gone"
[ -z "$(find "$TEST_DIR/pub" -path '*p00*')" ] || fail "the refused publish wrote posts"
echo "ok includes past site-text: check, check --state and a publish refuse, 16M lets them through"

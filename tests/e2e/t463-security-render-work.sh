#!/bin/bash
# render-work bounds the template steps of all the outputs one build or
# check renders. Each render stops at 20 million steps (about 0.25 s), but
# a commit chooses how many outputs it has: partials that each include the
# next ten times made every page a few million steps, or a
# budget/template-output error at 20 million, and 201 such pages took 52 s
# of CPU to check (20,000 pages, 80 minutes in the hook and as long in the
# daemon). Past render-work rendering stops, and one budget/render-work
# error at folio.yaml says so, in check, a full build, a publish from the
# state and the hook alike. Counts, not time: the limit is set low here.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
python3 - <<'PY'
# p0 to p4 include the next ten times: 100,000 empty sections a page
for i in range(5):
    open('templates/p%d.mustache' % i, 'w').write('{{>p%d}}' % (i + 1) * 10)
open('templates/p5.mustache', 'w').write('{{#page.title}}{{/page.title}}')
open('templates/page.mustache', 'w').write('{{>p0}}')
for i in range(40):
    open('pages/p%d.md' % i, 'w').write('---\ntitle: P%d\n---\nText.\n' % i)
PY
git add -A && git commit -qm "templates of 100,000 steps a page"
"$FOLIO" check HEAD >"$TEST_DIR/default.txt" 2>&1 || fail "refused under the default render-work: $(cat "$TEST_DIR/default.txt")"
steps=$(FOLIO_TRACE=1 "$FOLIO" check HEAD 2>&1 | sed -n 's/.*template steps: \([0-9]*\) .*/\1/p')
[ "${steps:-0}" -gt 4000000 ] || fail "the pages took $steps steps, not the 100,000 each expected"
TEXT="folio.yaml: error: the templates take more than the render-work limit of 2000000 steps for the site's outputs; rendering stopped there [budget/render-work]"
rc=0
( ulimit -t 60; "$FOLIO" check --limit render-work=2000000 HEAD ) >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "$TEXT"
grep -q "error" "$TEST_DIR/check.txt" && [ "$(grep -c ': error: ' "$TEST_DIR/check.txt")" = 1 ] ||
	fail "the render-work finding does not stand alone: $(cat "$TEST_DIR/check.txt")"
rc=0
"$FOLIO" build --out "$TEST_DIR/out" --limit render-work=2000000 >"$TEST_DIR/build.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "build exit $rc"
assert_contains "$TEST_DIR/build.txt" "$TEXT"
[ ! -e "$TEST_DIR/out" ] || fail "the refused build wrote files"
git reset -q --hard HEAD~1
"$FOLIO" build --quiet --repo "$s" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>&1 ||
	fail "the first publish failed"
git reset -q --hard ORIG_HEAD
rc=0
"$FOLIO" build --repo "$s" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" --limit render-work=2000000 >"$TEST_DIR/inc.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "the publish from the state exit $rc: $(cat "$TEST_DIR/inc.txt")"
assert_contains "$TEST_DIR/inc.txt" "$TEXT"
[ ! -e "$TEST_DIR/pub/pages/p0" ] || fail "the refused publish wrote pages"
echo "ok check, build and a publish from the state stop at render-work"

server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
printf 'FOLIO_LIMIT_RENDER_WORK=2M\n' >"$TEST_DIR/server.conf"
git -C "$server" config folio.config "$TEST_DIR/server.conf"
git push -q "$server" HEAD~1:refs/heads/main >/dev/null 2>&1 || fail "the sample was refused"
git push "$server" main >"$TEST_DIR/push.txt" 2>&1 && fail "the templates past render-work were pushed"
assert_contains "$TEST_DIR/push.txt" "[budget/render-work]"
echo "ok the hook takes the server's render-work"

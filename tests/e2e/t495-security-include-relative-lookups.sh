#!/bin/bash
# A pusher chooses how many paths {% include_relative %} asks: 1,000 a
# page, on as many pages as a push holds. Each path was looked up by
# walking the page's folder (every file below it, the whole tree for a
# page at the root) up to it, and then every path asked before on any
# page: 100 pages of 1,000 missing names took 30 s of CPU to check, a
# 3 MB push, and one such page beside 200,000 files (a few trees of
# git mktree) 9 s. Both are binary searches now; the findings and an
# included file are the same. Bounded by CPU time (ulimit -t).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/docs"
printf 'title: T\npermalink: pretty\n' >"$s/_config.yml"
printf 'Bring gloves.\n' >"$s/docs/gloves.md"
printf -- '---\ntitle: Guide\n---\n{%% include_relative gloves.md %%}\n\n{%% include_relative ../_big/d007/f00042.txt %%}\n' \
	>"$s/docs/guide.md"
python3 - "$s" <<'PY'
import sys
for p in range(200):
    lines = ["---", "title: P%d" % p, "---", "Hi."]
    lines += ["{%% include_relative ~p%dn%d.md %%}" % (p, i) for i in range(1000)]
    open("%s/p%03d.md" % (sys.argv[1], p), "w").write("\n".join(lines) + "\n")
PY
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cd "$s"
git init -q && git add -A && git commit -qm "200 pages of 1,000 missing names"

# 200,000 files beside them: 200 folders of one tree of 1,000 files
blob=$(echo "Far below, in the big folder." | git hash-object -w --stdin)
t1k=$(python3 -c "
for i in range(1000): print('100644 blob $blob\tf%05d.txt' % i)" | git mktree)
t200=$(python3 -c "
for i in range(200): print('040000 tree $t1k\td%03d' % i)" | git mktree)
export GIT_INDEX_FILE=$TEST_DIR/index
git read-tree HEAD && git read-tree --prefix=_big/ "$t200"
c=$(git commit-tree "$(git write-tree)" -p HEAD -m "200,000 files")
unset GIT_INDEX_FILE
git update-ref refs/heads/main "$c"

rc=0
( ulimit -t 20; "$FOLIO" check HEAD ) >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 0 ] || fail "check exit $rc (137 or 152: out of CPU time): $(tail -3 "$TEST_DIR/check.txt")"
# 200 pages of 101 findings each (100 and a count): a check lists 10,000,
# then counts the rest by rule (the sixteenth round), p199's among them
assert_contains "$TEST_DIR/check.txt" 'more findings of this rule in this commit are not listed'
assert_contains "$TEST_DIR/check.txt" 'p000.md:5:1: warning: liquid include "~p0n0.md" is not in the site'
assert_not_contains "$TEST_DIR/check.txt" 'guide.md'

out=$TEST_DIR/out
( ulimit -t 20; "$FOLIO" build --quiet --repo "$s" --rev HEAD --out "$out" ) >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(tail -3 "$TEST_DIR/build.txt")"
assert_contains "$out/docs/guide/index.html" 'Bring gloves.'
assert_contains "$out/docs/guide/index.html" "Far below, in the big folder."
echo "ok include_relative looks each path up in a logarithm"

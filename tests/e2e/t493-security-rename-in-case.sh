#!/bin/bash
# A page whose address changes only in case (url: /About/ -> /about/),
# published from the state: on a file system that ignores case (macOS,
# Windows, an SMB share) the new about/index.html is the old
# About/index.html, and the publish removed it after writing it, so the
# page was gone until the next full build. The old output is compared
# folded with the new ones now: moved aside before the writes, its aside
# removed after, never removed by name once they are written. This
# machine folds no names: the trace says what the publish did, and the
# output is a full build's.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out st=$TEST_DIR/state
mkdir -p "$s/pages" "$s/static/Docs"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n' >"$s/folio.yaml"
printf -- '---\ntitle: Home\n---\nHello.\n' >"$s/pages/home.md"
printf -- '---\ntitle: About\nurl: /About/\n---\nWho we are.\n' >"$s/pages/presentation.md"
echo one >"$s/static/Docs/Guide.txt"
git -C "$s" init -q && git -C "$s" add -A && git -C "$s" commit -qm "Import"
cd "$s"
publish "$s" "$out" "$st" "first"
[ -f "$out/About/index.html" ] || fail "no About/index.html"
sed -i 's|^url: /About/|url: /about/|' pages/presentation.md
git mv static/Docs static/docs-tmp && git mv static/docs-tmp static/docs
git mv static/docs/Guide.txt static/docs/guide.txt
git commit -qam "about, in lower case"
FOLIO_TRACE=1 "$FOLIO" build --repo "$s" --rev HEAD --out "$out" --state "$st" >"$TEST_DIR/trace.txt" 2>&1 \
	|| fail "publish failed: $(cat "$TEST_DIR/trace.txt")"
assert_contains "$TEST_DIR/trace.txt" "'About/index.html' moved aside: in the way of this commit's outputs"
assert_contains "$TEST_DIR/trace.txt" "'static/Docs/Guide.txt' moved aside"
[ -f "$out/about/index.html" ] || fail "no about/index.html"
[ ! -e "$out/About" ] || fail "About/ left"
[ ! -e "$out/static/Docs" ] || fail "static/Docs/ left"
same_as_full "$s" "$out" "renamed in case"
# a plain rename moves nothing aside
sed -i 's|^url: /about/|url: /apropos/|' pages/presentation.md
git commit -qam "apropos"
FOLIO_TRACE=1 "$FOLIO" build --repo "$s" --rev HEAD --out "$out" --state "$st" >"$TEST_DIR/trace2.txt" 2>&1 \
	|| fail "publish failed: $(cat "$TEST_DIR/trace2.txt")"
assert_not_contains "$TEST_DIR/trace2.txt" "moved aside"
same_as_full "$s" "$out" "renamed"
echo "ok an output renamed in case is moved aside before the writes, never removed after them"

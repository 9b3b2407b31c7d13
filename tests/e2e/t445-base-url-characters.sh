#!/bin/bash
# base_url's path is written before every site-absolute link of every HTML
# output; a pushed base_url holding a quote ('https://x.org/a"onmouseover=
# alert(1)//') passed the check, and its quote ended each href, the rest
# an attribute of every link of the site. Pushers' templates may hold
# scripts anyway, so this gave them nothing new, but it broke every link
# where html/active promises none in pages: config/syntax at its line now
# (quotes, <, >, &, ?, #, \ refused; a path such as /WAI kept).
. "$(dirname "$0")/lib.sh"

mkdir -p "$TEST_DIR/s/pages"
printf -- '---\ntitle: A\n---\n[a](/pages/a/)\n' >"$TEST_DIR/s/pages/a.md"
for u in "'https://x.org/a\"onmouseover=alert(1)//'" "'https://x.org/a>b'" "'https://x.org/a<b'" \
	"\"https://x.org/a'b\"" "'https://x.org/a?b=1'" "'https://x.org/a#b'" "'https://x.org/a&b'"; do
	printf 'title: T\nbase_url: %s\ncollections:\n  - name: pages\n' "$u" >"$TEST_DIR/s/folio.yaml"
	rc=0
	"$FOLIO" check --worktree "$TEST_DIR/s" >"$TEST_DIR/out.txt" 2>&1 || rc=$?
	[ $rc -eq 1 ] || fail "base_url $u: check exited $rc: $(cat "$TEST_DIR/out.txt")"
	assert_contains "$TEST_DIR/out.txt" 'folio.yaml:2:11: error: "base_url" must be an http or https URL'
done
printf 'title: T\nbase_url: https://www.w3.org/WAI\ncollections:\n  - name: pages\n' >"$TEST_DIR/s/folio.yaml"
"$FOLIO" build --worktree "$TEST_DIR/s" --out "$TEST_DIR/o" >/dev/null 2>&1 || fail "base_url with a path refused"
assert_contains "$TEST_DIR/o/pages/a/index.html" 'href="/WAI/pages/a/"'
echo "PASS"

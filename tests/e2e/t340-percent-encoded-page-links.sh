#!/bin/bash
# A Markdown link to a page whose file name holds a space or a '+' is
# written percent-encoded, as no link destination may hold them as they
# are: Homebrew's docs link "C%2B%2B-Standard-Libraries.md". GitHub and
# jekyll-relative-links decode the name before finding the file; folio
# refused the link (link/broken). A name with a real '%' still resolves.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/docs"
printf 'title: T\nurl: "https://t.example"\n' >"$s/_config.yml"
printf -- '---\ntitle: A\n---\nSee [b](My%%20Page.md), [c](C%%2B%%2B-Libraries.md#use), [c again](C++-Libraries.md) and [p](100%%-done.md).\n' >"$s/docs/a.md"
printf -- '---\ntitle: B\n---\nB.\n' >"$s/docs/My Page.md"
printf -- '---\ntitle: C\n---\n## Use\nC.\n' >"$s/docs/C++-Libraries.md"
printf -- '---\ntitle: P\n---\nP.\n' >"$s/docs/100%-done.md"
out="$TEST_DIR/out"
migrate_and_build jekyll "$s" "$out" >/dev/null
b=$(cd "$out/docs" && ls | grep -i 'page' | head -1)
[ -n "$b" ] || fail "My Page.md not published"
assert_contains "$out/docs/a.html" "href=\"/docs/$b\""
c=$(cd "$out/docs" && ls | grep -i 'librar' | head -1)
assert_contains "$out/docs/a.html" "href=\"/docs/$c#use\""
# a link to no such file, encoded or not, is still refused
printf -- '---\ntitle: E\n---\n[x](No%%20Such.md)\n' >"$s/docs/e.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a link to no file passed"
assert_contains "$TEST_DIR/check.txt" 'docs/e.md:4:5: error: link to "No%20Such.md" points to no page'
echo ok

#!/bin/bash
# A Hugo site whose posts all carry date-times: init inferred
# "format": "date-time", and the next post an author wrote with a plain
# date (which Hugo reads) was refused. Its schema now takes a date or a
# date-time, whichever the sample held; what is no date stays refused,
# with its file and line.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/posts"
printf 'baseURL = "https://example.org/"\ntitle = "T"\n' >"$s/hugo.toml"
for i in 1 2 3; do
	printf -- '---\ntitle: "Post %s"\ndate: 2024-0%s-10T09:30:00+01:00\nlastmod: 2024-0%s-12\n---\nText %s.\n' \
		"$i" "$i" "$i" "$i" >"$s/content/posts/p$i.md"
done
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null

# an author's next posts: the other form in each key
printf -- '---\ntitle: "Post 4"\ndate: 2025-03-01\nlastmod: 2025-03-02T08:00:00Z\n---\nText 4.\n' >"$s/content/posts/p4.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 || { cat "$TEST_DIR/check.txt"; fail "a plain date after date-times refused"; }
"$FOLIO" build --quiet --worktree "$s" --out "$TEST_DIR/out2" || fail "build"
grep -rqF '"date": "2025-03-01"' "$TEST_DIR/out2" || fail "post 4 not published with its date"

printf -- '---\ntitle: "Post 5"\ndate: 2025-03-01\nlastmod: next week\n---\nText 5.\n' >"$s/content/posts/p5.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a lastmod that is no date passed"
assert_contains "$TEST_DIR/check.txt" 'content/posts/p5.md:4:'
assert_contains "$TEST_DIR/check.txt" '"lastmod" is not a valid date'
echo ok

#!/bin/bash
# A page's item in its collection's JSON Feed is kept in the state
# (feed_items) while no section page above it cascades. When its section
# gains a cascade:, its {{< param >}} takes another value, and its blob and
# folio.yaml stay the same: the feed page was rendered again with the kept
# item, the old value in it (docs/index.json said "Version site." where a
# full build says "Version 1.0."). Now such a page's kept item is neither
# taken nor kept, and its row goes, so that a later body edit of another
# page of the feed (the fast path, which reads the rows) does not find it.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs/v1"
cat >"$site/hugo.toml" <<'EOF'
title = "Keystore"
baseURL = "https://keystore.example/"
[params]
version = "site"
EOF
printf -- '---\ntitle: v1 docs\n---\nThe v1 docs.\n' >"$site/content/docs/v1/_index.md"
printf -- '---\ntitle: Install\n---\nVersion {{< param version >}}.\n' >"$site/content/docs/v1/install.md"
printf -- '---\ntitle: Tuning\n---\nTune it.\n' >"$site/content/docs/v1/tuning.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"

repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
feed=$(grep -l '"content_html": "<p>Version site.</p>' -r "$pub" --include=index.json | head -1)
[ -n "$feed" ] || fail "no JSON Feed holds the install page's item"
items=$(sqlite3 "$st/state.sqlite" "SELECT count(*) FROM feed_items WHERE path LIKE '%install.md'")
[ "$items" -ge 1 ] || fail "the install page's feed item was not kept ($items rows)"

# the section gains a cascade: the feed shows the new value
sed -i 's/^title: v1 docs$/title: v1 docs\ncascade:\n  version: "1.0"/' "$repo/content/docs/v1/_index.md"
git -C "$repo" commit -qam "the v1 docs cascade their version"
publish "$repo" "$pub" "$st" "the cascade added"
assert_contains "$pub/docs/v1/install/index.html" 'Version 1.0.'
assert_contains "$feed" '"content_html": "<p>Version 1.0.</p>'
assert_not_contains "$feed" 'Version site.'
same_as_full "$repo" "$pub" "the cascade added"
items=$(sqlite3 "$st/state.sqlite" "SELECT count(*) FROM feed_items WHERE path LIKE '%install.md'")
[ "$items" = 0 ] || fail "the install page's old feed item is still kept ($items rows)"

# a body edit of the other page of the feed: its feed page again
printf '\nTune it more.\n' >>"$repo/content/docs/v1/tuning.md"
git -C "$repo" commit -qam "tuning: a sentence"
publish "$repo" "$pub" "$st" "a body edit beside"
assert_contains "$feed" 'Tune it more.'
assert_contains "$feed" '"content_html": "<p>Version 1.0.</p>'
same_as_full "$repo" "$pub" "a body edit beside"
echo "ok"

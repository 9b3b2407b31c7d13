#!/bin/bash
# Hugo keeps a content file's letters of any script in its address:
# content/posts/café.md is /posts/café/ and 你好.md /posts/你好/ (accents
# dropped only with removePathAccents). folio's slug rule transliterated
# them (/posts/cafe/, /posts/ni-hao/): every old address changed, and links
# written to Hugo's were refused. With hugo_links (init writes it), a name
# beyond ASCII is made a segment as Hugo's urlize makes it.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/posts" "$s/layouts"
printf 'title = "t"\nbaseURL = "https://example.org/"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Café\n---\nSee [nǐ hǎo](/posts/你好/), [encoded](/posts/%%E4%%BD%%A0%%E5%%A5%%BD/).\n' \
	>"$s/content/posts/café.md"
printf -- '---\ntitle: Nǐ hǎo\n---\nSee [café]({{< relref "café.md" >}}) and [Fête](/posts/fête-des-semis/).\n' \
	>"$s/content/posts/你好.md"
printf -- '---\ntitle: Fête\n---\nDes semis.\n' >"$s/content/posts/Fête des semis.md"
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$s/folio.yaml" "hugo_links: true"
for p in café 你好 fête-des-semis; do
	[ -f "$TEST_DIR/out/posts/$p/index.html" ] || fail "posts/$p/ is not published: $(cd "$TEST_DIR/out" && find posts -name index.html)"
done
assert_contains "$TEST_DIR/out/posts/你好/index.html" 'href="/posts/caf%C3%A9/"'

# removePathAccents: Hugo drops the accents, and so does folio
sed -i '1i removePathAccents = true' "$s/hugo.toml"
rm -rf "$s/folio.yaml" "$s/schemas" "$s/templates"
sed -i 's|/posts/fête-des-semis/|/posts/fete-des-semis/|' "$s/content/posts/你好.md"
migrate_and_build hugo "$s" "$TEST_DIR/out2" >/dev/null
[ -f "$TEST_DIR/out2/posts/cafe/index.html" ] || fail "with removePathAccents, café.md is not at /posts/cafe/"
[ -f "$TEST_DIR/out2/posts/你好/index.html" ] || fail "with removePathAccents, 你好.md is not at /posts/你好/"
echo ok

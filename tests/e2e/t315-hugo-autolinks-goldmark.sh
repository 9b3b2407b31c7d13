#!/bin/bash
# A Chinese Hugo blog writes bare URLs against its text, with no blank:
# "访问 https://example.net。". Goldmark's linkify (Hugo) ends the link
# before the first character outside ASCII and looks for one only at a
# line head or after a blank, '*', '_', '~' or '('; cmark-gfm ran the link
# to the next blank, so folio refused the page ("https://example.net。"
# has an invalid host: 4 pages of a blog of 549). init --from hugo now
# writes autolinks: goldmark (or false when Hugo's linkify is off).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/posts" "$site/layouts"
printf 'baseURL = "https://blog.example/"\ntitle = "博客"\nlanguageCode = "zh-cn"\n' >"$site/hugo.toml"
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: 你好\ndate: 2024-01-01\n---\n访问 https://example.net。也可以看 www.example.org/路径。\n\n见https://example.com/a，很好记吧。\n' \
	>"$site/content/posts/a.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'autolinks: goldmark'
assert_contains "$out/posts/a/index.html" '访问 <a href="https://example.net">https://example.net</a>。也可以看 <a href="http://www.example.org/">www.example.org/</a>路径。'
assert_contains "$out/posts/a/index.html" '<p>见https://example.com/a，很好记吧。</p>'

# Hugo's linkify off: bare URLs stay text
site2=$TEST_DIR/site2
cp -r "$site" "$site2"
rm -rf "$site2/folio.yaml" "$site2/schemas"
printf '[markup.goldmark.extensions]\nlinkify = false\n' >>"$site2/hugo.toml"
out2=$TEST_DIR/out2
migrate_and_build hugo "$site2" "$out2"
assert_contains "$site2/folio.yaml" 'autolinks: false'
assert_contains "$out2/posts/a/index.html" '访问 https://example.net。也可以看 www.example.org/路径。'

# folio.yaml: true, false or goldmark
sed -i 's/^autolinks: false/autolinks: ascii/' "$site2/folio.yaml"
! "$FOLIO" check --worktree "$site2" >"$TEST_DIR/bad.txt" 2>&1 || fail "autolinks: ascii passed"
assert_contains "$TEST_DIR/bad.txt" '"autolinks" is "ascii", not true, false or goldmark'
echo "ok"

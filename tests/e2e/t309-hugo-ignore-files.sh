#!/bin/bash
# Hugo's ignoreFiles: tidyverse.org ignores blogdown's intermediate
# index.knit.md (ignoreFiles = ['\.knit\.md$', ...]), which stands beside
# the post's index.markdown; folio read both, and the two were one
# address (output/clash). init now leaves out each content file a pattern
# matches (exclude:) and says how many; a pattern PCRE2 cannot read is
# named, and its files are read.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/blog/2020/parsnip" "$site/content/blog/drafts" "$site/layouts"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://tidy.example/"
title = "Tidy"
ignoreFiles = ['\.knit\.md$', '\.Rmd$', '/drafts/', '(unclosed']
TOML
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: Parsnip\ndate: 2020-01-01\n---\nThe post.\n' >"$site/content/blog/2020/parsnip/index.markdown"
printf -- '---\ntitle: Parsnip (knitting)\ndate: 2020-01-01\n---\nIntermediate.\n' >"$site/content/blog/2020/parsnip/index.knit.md"
printf -- '---\ntitle: Draft\ndate: 2020-02-01\n---\nNot yet.\n' >"$site/content/blog/drafts/next.md"
printf -- '---\ntitle: Other\ndate: 2020-03-01\n---\nSee [parsnip](/blog/2020/parsnip/).\n' >"$site/content/blog/other.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$TEST_DIR/init.txt" "2 files and folders that Hugo's ignoreFiles leaves out are in exclude:"
assert_contains "$TEST_DIR/init.txt" 'ignoreFiles: "(unclosed" is not read as a regular expression'
assert_contains "$site/folio.yaml" '"content/blog/2020/parsnip/index.knit.md"'
assert_contains "$out/blog/2020/parsnip/index.html" 'The post.'
assert_not_contains "$out/blog/2020/parsnip/index.html" 'Intermediate.'
[ ! -e "$out/blog/drafts" ] || fail "a file ignoreFiles names is published"
echo "ok"

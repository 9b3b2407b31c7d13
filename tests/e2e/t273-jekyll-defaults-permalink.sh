#!/bin/bash
# Jekyll's defaults: may give the documents of a type their permalink, over
# the site's: brew.sh says permalink: :title, and :year/:month/:day/:title/
# for its posts there (without a leading '/'). init --from jekyll read the
# site's only, so two posts of one title in different years clashed at
# /posts/<title>/ and links to their dated addresses were refused. It now
# takes defaults: for posts and for a collection, a later entry winning, as
# Jekyll does; one scoped to a path is not taken.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/_posts" "$site/_recipes"
cat >"$site/_config.yml" <<'EOF2'
title: Brewery
url: https://brewery.example
permalink: :title
collections:
  recipes:
    output: true
    permalink: /:collection/:name/
defaults:
  - scope:
      type: posts
    values:
      permalink: /:year/:title/
  - scope:
      type: posts
    values:
      layout: post
      permalink: :year/:month/:day/:title/
  - scope:
      path: "_posts/old"
      type: posts
    values:
      permalink: /old/:title/
  - scope:
      type: recipes
    values:
      permalink: /cook/:name/
EOF2
printf -- '---\ntitle: Audit\n---\nThe first audit.\n' >"$site/_posts/2022-05-17-security-audit.md"
printf -- '---\ntitle: Audit\n---\nThe second audit, after [the first](/2022/05/17/security-audit/).\n' \
	>"$site/_posts/2024-07-30-security-audit.md"
printf -- '---\ntitle: Bread\n---\nBake it.\n' >"$site/_recipes/bread.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" 'permalink: "/:year/:month/:day/:slug/"'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the posts: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/2022/05/17/security-audit/index.html" 'The first audit.'
assert_contains "$out/2024/07/30/security-audit/index.html" 'href="/2022/05/17/security-audit/"'
assert_contains "$out/cook/bread/index.html" 'Bake it.'
echo "ok"

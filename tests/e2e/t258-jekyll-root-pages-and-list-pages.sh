#!/bin/bash
# Jekyll publishes a page at the top (about.md) by the site's permalink
# style: /about/ with pretty (or any permalink ending in /), /about.html
# otherwise; folio put it at /pages/about/, so links to it were broken.
# A theme's list pages (posts.md with permalink: /posts/, recipes.md at
# /recipes/, whose layouts loop over a collection) stand where folio's
# list of that collection is: they clashed with it. init now writes
# permalink: "/:slug/" for the top's pages, and leaves the list pages out,
# naming each, so the site builds with folio's lists at those addresses.
# A collection's permalink /:path/index.html (the Carpentries' lessons:
# _episodes/01-intro.md at /01-intro/) is kept as permalink: "/:path/".
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/_posts" "$site/_recipes" "$site/_episodes"
cat >"$site/_config.yml" <<'YAML'
title: Basic
url: https://basic.example
permalink: pretty
collections:
  recipes:
    output: true
    permalink: /:collection/:path/
  episodes:
    output: true
    permalink: /:path/index.html
YAML
printf -- '---\ntitle: About\n---\nSee [the posts](/posts/), [the recipes](/recipes/) and [the CV](/cv/).\n' >"$site/about.md"
printf -- '---\ntitle: CV\nlayout: cv\n---\nMy work.\n' >"$site/cv.md"
printf -- '---\ntitle: Post Archive\nlayout: posts\npermalink: /posts/\n---\n' >"$site/posts.md"
printf -- '---\ntitle: Recipes\nlayout: collection\npermalink: /recipes\n---\nEvery recipe.\n' >"$site/recipes.md"
printf -- '---\ntitle: Hello\n---\nRead [about us](/about/).\n' >"$site/_posts/2024-05-01-hello.md"
printf -- '---\ntitle: Soup\n---\nHot.\n' >"$site/_recipes/soup.md"
printf -- '---\ntitle: Intro\n---\nStart [here]({%% link _episodes/02-setup.md %%}).\n' >"$site/_episodes/01-intro.md"
printf -- '---\ntitle: Setup\n---\nBack to [the intro](/01-intro/).\n' >"$site/_episodes/02-setup.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$TEST_DIR/init.txt" 'posts.md (at /posts/, the list of collection posts) is not published'
assert_contains "$TEST_DIR/init.txt" 'recipes.md (at /recipes/, the list of collection recipes) is not published'
assert_contains "$TEST_DIR/init.txt" 'collection pages: 2 pages in ./'
python3 - "$site/folio.yaml" <<'PY'
import sys, yaml
cfg = yaml.safe_load(open(sys.argv[1]))
cols = {c["name"]: c for c in cfg["collections"]}
assert cols["pages"]["permalink"] == "/:slug/" and not cols["pages"].get("ugly_urls"), cols["pages"]
assert cols["episodes"]["permalink"] == "/:path/", cols["episodes"]
assert "posts.md" in cfg["exclude"] and "recipes.md" in cfg["exclude"], cfg["exclude"]
PY
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/about/index.html" 'href="/cv/">the CV'
assert_contains "$out/cv/index.html" 'My work.'
assert_contains "$out/posts/index.html" 'href="/2024/05/01/hello/"'
assert_contains "$out/recipes/index.html" 'href="/recipes/soup/"'
assert_contains "$out/2024/05/01/hello/index.html" 'href="/about/">about us'
assert_contains "$out/01-intro/index.html" 'href="/02-setup/">here'
assert_contains "$out/02-setup/index.html" 'href="/01-intro/">the intro'
[ ! -e "$out/pages/about" ] || fail "about.md is published below /pages/"
echo "ok"

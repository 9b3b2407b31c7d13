#!/bin/bash
# remote_theme: (jekyll-remote-theme, a blog on minimal-mistakes in the
# 28th pass) is fetched at each build and a theme: gem installed by
# Bundler: neither is in the repository, so the theme's layouts and the
# includes its pages use ({% include video id="..." %}, 76 tags in that
# blog) were missing without a word from init, each page's warning
# saying only that _includes/ lacks the file. init now names the theme.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts"
cat >"$j/_config.yml" <<'YML'
title: Carnet
url: https://carnet.example
remote_theme: "pages-themes/cayman@v0.2.0"
plugins:
  - jekyll-remote-theme
YML
cat >"$j/_posts/2024-02-01-conference.md" <<'MD'
---
title: Conférence
---
La vidéo :

{% include video id="abc" provider="youtube" %}
MD
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$TEST_DIR/init.txt" 'remote_theme: pages-themes/cayman@v0.2.0 (jekyll-remote-theme fetches it at each build) is not in the repository'
assert_contains "$TEST_DIR/build.txt" 'liquid include "video" is not in _includes/'

# a theme gem is named too
rm -rf "$j/folio.yaml" "$j/schemas"
sed -i 's/^remote_theme:.*/theme: minima/' "$j/_config.yml"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$TEST_DIR/init2.txt" 'theme: minima (a gem, which Bundler installs) is not in the repository'
echo "ok"

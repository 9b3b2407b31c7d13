#!/bin/bash
# buildpacks.io's pages show images of its theme, themes/buildpacks/static/
# images/builder.svg at /images/builder.svg: Hugo publishes a theme's
# static/ at the root beneath the site's own. init excluded themes/ whole,
# so every such image was a broken link. init now names the theme's static/
# in static_roots:, its files are published at the root, and the site's own
# static/ wins where both have a file (themesDir "./themes", as digital.gov
# writes it, is the folder themes). One of its pages also opens with a
# blank line before its +++ (Hugo skips it): its front matter was read as
# text and its aliases lost.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs" "$site/static/images" "$site/themes/cnb/static/images" "$site/themes/cnb/layouts"
printf 'baseURL = "https://cnb.example"\ntitle = "CNB"\ntheme = "cnb"\nthemesDir = "./themes/"\n' >"$site/hugo.toml"
printf '<svg>theme builder</svg>' >"$site/themes/cnb/static/images/builder.svg"
printf '<svg>theme logo</svg>' >"$site/themes/cnb/static/images/logo.svg"
printf '<svg>site logo</svg>' >"$site/static/images/logo.svg"
printf '<html></html>' >"$site/themes/cnb/layouts/baseof.html"
printf -- '---\ntitle: Builder\n---\n![builder](/images/builder.svg) ![logo](/images/logo.svg) [pack](/docs/install-pack/)\n' \
	>"$site/content/docs/builder.md"
printf -- '\n+++\ntitle = "Pack"\naliases = ["/docs/install-pack/"]\n+++\nPack is a CLI.\n' >"$site/content/docs/pack.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" $'static_roots:\n  - "themes/cnb/static"'
assert_contains "$out/images/builder.svg" 'theme builder'
assert_contains "$out/images/logo.svg" 'site logo'
[ ! -e "$out/themes/cnb/layouts/baseof.html" ] || fail "the theme's layouts are published"
[ ! -e "$out/themes/cnb/static/images/builder.svg" ] || fail "the theme's file is published at its own path too"
assert_contains "$out/docs/pack/index.html" 'Pack is a CLI.'
if grep -q '+++' "$out/docs/pack/index.html"; then fail "the front matter after a blank line is shown as text"; fi
assert_contains "$out/docs/install-pack/index.html" '/docs/pack/'

# a themesDir that climbs out of the site names no folder of it: no static_roots:
hostile=$TEST_DIR/hostile
mkdir -p "$hostile/content/docs" "$TEST_DIR/outside/cnb/static"
printf 'baseURL = "https://cnb.example"\ntitle = "CNB"\ntheme = "cnb"\nthemesDir = "../outside"\n' >"$hostile/hugo.toml"
printf -- '---\ntitle: A\n---\nA.\n' >"$hostile/content/docs/a.md"
"$FOLIO" init --from hugo "$hostile" >"$TEST_DIR/hostile-init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/hostile-init.txt")"
assert_not_contains "$hostile/folio.yaml" 'static_roots'
assert_not_contains "$hostile/folio.yaml" 'outside'

# published from a state: the theme's image changed, then the site's own removed
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
printf '<svg>theme builder 2</svg>' >"$repo/themes/cnb/static/images/builder.svg"
git -C "$repo" commit -qam "the theme's image"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/images/builder.svg" 'theme builder 2'
git -C "$repo" rm -q static/images/logo.svg
git -C "$repo" commit -qm "the site's logo goes: the theme's shows"
publish "$repo" "$pub" "$st" "third publish"
assert_contains "$pub/images/logo.svg" 'theme logo'
same_as_full "$repo" "$pub" "the site's logo gone"
echo "ok"

#!/bin/bash
# Hugo's defaultContentLanguageInSubdir (hugo-theme-learn's example site,
# vitess): the site language's pages were at /en/..., so links name them
# /en/basics/ and a French page names the English page's image
# /en/basics/images/x.png. folio read /en/ as a folder of no page: every
# such link was link/broken or link/asset (22 on the theme's site).
# init writes language_subdir: en; folio publishes the pages at the root,
# reads those links without /en (and writes them so), and keeps the old
# addresses as redirect pages, none below another language's folder.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/basics/images" "$site/content/cont" "$site/layouts"
cat >"$site/config.toml" <<'TOML'
baseURL = "https://docs.example/"
title = "Docs"
defaultContentLanguage = "EN"
defaultContentLanguageInSubdir = true
[markup.goldmark.renderer]
unsafe = true
[Languages.en]
weight = 1
[Languages.fr]
weight = 2
TOML
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: Home\n---\nStart with [the basics](/en/basics/).\n' >"$site/content/_index.en.md"
printf -- '---\ntitle: Accueil\n---\nCommencez par [les bases](/fr/basics/).\n' >"$site/content/_index.fr.md"
printf -- '---\ntitle: Basics\n---\n![home](/en/basics/images/home.png?width=50%%) and [content](/en/cont/#top).\n\n## Top\n' \
	>"$site/content/basics/_index.en.md"
printf -- '---\ntitle: Bases\n---\n![accueil](/en/basics/images/home.png) et <a href="/en/cont/">le contenu</a>.\n' \
	>"$site/content/basics/_index.fr.md"
printf 'PNG' >"$site/content/basics/images/home.png"
printf -- '---\ntitle: Content\n---\n## Top\n\nBack [home](/en) or [to the basics](/en/basics/#top).\n' \
	>"$site/content/cont/_index.en.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'language_subdir: "en"'
# the links: read and written without /en, the French ones' too
assert_contains "$out/basics/index.html" 'src="/basics/images/home.png?width=50%"'
assert_contains "$out/basics/index.html" 'href="/cont/#top"'
assert_contains "$out/fr/basics/index.html" 'src="/basics/images/home.png"'
assert_contains "$out/fr/basics/index.html" 'href="/cont/"'
assert_contains "$out/cont/index.html" 'href="/"'
assert_contains "$out/cont/index.html" 'href="/basics/#top"'
assert_contains "$out/basics/images/home.png" 'PNG'
# the old addresses lead on; nothing stands at /en/fr/
assert_contains "$out/en/basics/index.html" 'url=https://docs.example/basics/'
assert_contains "$out/en/index.html" 'url=https://docs.example/'
[ ! -e "$out/en/fr" ] || fail "redirect pages below /en/fr/: $(find "$out/en/fr" | head -3)"
# a link below /en/ that names nothing is still broken
printf -- '---\ntitle: Content\n---\nSee [gone](/en/gone/).\n' >"$site/content/cont/_index.en.md"
! "$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "a broken /en/ link passed"
assert_contains "$TEST_DIR/check.txt" 'link to "/en/gone/"'

# folio.yaml: not another language's folder, a plain key
cp "$site/folio.yaml" "$TEST_DIR/good.yaml"
sed -i 's/^language_subdir: "en"/language_subdir: "fr"/' "$site/folio.yaml"
! "$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "language_subdir: fr passed"
assert_contains "$TEST_DIR/check.txt" 'a language of languages:'
sed -i 's|^language_subdir: "fr"|language_subdir: "../x"|' "$site/folio.yaml"
! "$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "language_subdir: ../x passed"
assert_contains "$TEST_DIR/check.txt" 'not a language key'
cp "$TEST_DIR/good.yaml" "$site/folio.yaml"
{ echo "redirects:"; for i in $(seq 256); do printf '  - {from: /old%d/*, to: /new/:splat}\n' "$i"; done; } \
	>>"$site/folio.yaml"
! "$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "a seventeenth splat passed"
assert_contains "$TEST_DIR/check.txt" '"language_subdir" needs one of the 256 redirects with a splat'
cp "$TEST_DIR/good.yaml" "$site/folio.yaml"
printf -- '---\ntitle: Content\n---\n## Top\n' >"$site/content/cont/_index.en.md"

# published from a state: a page added, then removed; its old address too
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
mkdir -p "$repo/content/cont/new"
printf -- '---\ntitle: New\n---\nBack to [the basics](/en/basics/).\n' >"$repo/content/cont/new/index.en.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a page linking below /en/"
publish "$repo" "$pub" "$st" "a page added"
assert_contains "$pub/cont/new/index.html" 'href="/basics/"'
assert_contains "$pub/en/cont/new/index.html" 'url=https://docs.example/cont/new/'
same_as_full "$repo" "$pub" "a page added"
git -C "$repo" rm -q content/cont/new/index.en.md
git -C "$repo" commit -qm "the page removed"
publish "$repo" "$pub" "$st" "a page removed"
[ ! -e "$pub/en/cont/new/index.html" ] || fail "the removed page's old address stayed"
same_as_full "$repo" "$pub" "a page removed"
echo "ok"

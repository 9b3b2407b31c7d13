#!/bin/bash
# A Hugo theme's own content/ folder, which Hugo 0.111 mounts beneath the
# site's: themes/t/content/conduct.md is /conduct/ (a bundle about/ at
# /about/, its logo beside it), a section only the theme has is listed at
# its address, and a file the site has at the same path
# (content/news/a.md) wins over the theme's. folio read the site's content/
# only; init now makes the theme's folders collections at Hugo's addresses,
# the shadowed file excluded. The same with the theme imported as a module
# ([[module.imports]] path = "t", which Hugo finds in themes/).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/news" "$site/themes/t/content/news" "$site/themes/t/content/events" \
	"$site/themes/t/layouts/_default"
printf 'baseURL = "https://example.org/"\ntheme = "t"\n' >"$site/hugo.toml"
page() { printf -- '---\ntitle: %s\n---\n%s\n' "$2" "$3" >"$site/$1"; }
page content/news/a.md 'Site A' 'From the site.'
page content/news/b.md 'Site B' 'See [the code](/conduct/) and [the event](/events/e/).'
page themes/t/content/conduct.md 'Code of conduct' 'Be kind.'
page themes/t/content/news/a.md 'Theme A' 'From the theme.'
page themes/t/content/news/c.md 'Theme C' 'Also from the theme.'
page themes/t/content/events/e.md 'Theme event' 'An event.'
mkdir -p "$site/themes/t/content/about"
page themes/t/content/about/index.md 'About' '![logo](logo.png)'
printf 'PNG' >"$site/themes/t/content/about/logo.png"
# a folder without pages (a content adapter, which Hugo 0.126 runs): left out
mkdir -p "$site/themes/t/content/speakers"
printf '{{ $x := 1 }}\n' >"$site/themes/t/content/speakers/_content.gotmpl"
printf '{{ .Content }}\n' >"$site/themes/t/layouts/_default/single.html"
printf '{{ range .Pages }}{{ .RelPermalink }}{{ end }}\n' >"$site/themes/t/layouts/_default/list.html"
cp -r "$site" "$TEST_DIR/imported"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" '  - "themes/t/content/news/a.md"'
assert_contains "$TEST_DIR/init.txt" 'themes/t/content is the theme'
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
for f in conduct/index.html about/index.html about/logo.png news/a/index.html news/b/index.html news/c/index.html events/e/index.html \
	events/index.html news/index.html; do
	[ -f "$out/$f" ] || fail "no $f: $(cd "$out" && find . -name index.html | sort | tr '\n' ' ')"
done
assert_contains "$out/conduct/index.html" 'Be kind.'
assert_contains "$out/news/a/index.html" 'From the site.'
assert_not_contains "$out/news/a/index.html" 'From the theme.'
assert_contains "$out/events/index.html" 'href="/events/e/"'
[ -z "$(find "$out" -name '*gotmpl')" ] || fail "a content adapter is published"
# no address Hugo lacks: the theme's lists of the site's own sections
for f in news-2 pages themes; do
	[ -e "$out/$f" ] && fail "$f is written, where Hugo writes nothing"
done

# published with --state, a change of the theme's page as a full build
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
publish "$repo" "$TEST_DIR/inc" "$TEST_DIR/state.db" "first"
printf -- '---\ntitle: Code of conduct\n---\nBe kinder.\n' >"$repo/themes/t/content/conduct.md"
git -C "$repo" commit -qam "the theme's page changed"
publish "$repo" "$TEST_DIR/inc" "$TEST_DIR/state.db" "second"
same_as_full "$repo" "$TEST_DIR/inc" "second"
assert_contains "$TEST_DIR/inc/conduct/index.html" 'Be kinder.'

# the theme as a module, found in themes/
imported=$TEST_DIR/imported
printf 'baseURL = "https://example.org/"\n[module]\n[[module.imports]]\npath = "t"\n' >"$imported/hugo.toml"
migrate_and_build hugo "$imported" "$TEST_DIR/out2"
assert_contains "$TEST_DIR/out2/conduct/index.html" 'Be kind.'
assert_contains "$TEST_DIR/out2/news/a/index.html" 'From the site.'
echo "ok"

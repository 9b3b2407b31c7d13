#!/bin/bash
# Three things Academic-theme and multilingual Hugo sites (volcano.sh,
# MetaDocencia) met:
# - the theme's {{< figure library="1" src="x.png" >}} names static/img/x.png
#   (its shortcode writes printf "img/%s" | relURL): init writes
#   figure_src: library, and the figure's src is /img/x.png (folio looked
#   for static/x.png: 430 link/asset errors on volcano.sh);
# - a relative link with more ../ than the page's URL has folders
#   (blogdown's ../../../../img/x.jpg on /post/a/) stays at the root, as a
#   browser resolves it: /img/x.jpg, which is published;
# - with defaultContentLanguageInSubdir, a page's url: /en/docs/x/ is the
#   address of a page of the site's language, which folio publishes at
#   /docs/x/ (a redirect at /en/docs/x/), so a link to /en/docs/x/ holds;
#   folio published it at /en/docs/x/ and refused the link.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$s/content/post" "$s/static/img" "$s/themes/academic/layouts/shortcodes"
cat >"$s/config.toml" <<'TOML'
baseURL = "https://lab.example/"
title = "Lab"
theme = "academic"
[markup.goldmark.renderer]
unsafe = true
TOML
cat >"$s/themes/academic/layouts/shortcodes/figure.html" <<'T'
{{ $image_src := .Get "src" }}
{{ if .Get "library" }}
  {{ $image_src = printf "img/%s" $image_src | relURL }}
{{ end }}
<figure><img src="{{ $image_src }}" alt=""/></figure>
T
printf 'PNG' >"$s/static/img/x.png"
printf 'JPG' >"$s/static/img/photo.jpg"
printf -- '---\ntitle: A\n---\n\n{{< figure library="1" src="x.png" >}}\n\n![p](../../../../img/photo.jpg)\n' \
	>"$s/content/post/a.md"
printf -- '---\ntitle: B\n---\n\n<p><img src="../../../../../img/photo.jpg" alt="b"></p>\n' >"$s/content/post/b.html"
printf -- '---\ntitle: C\n---\n\n![gone](../../../../img/gone.jpg)\n' >"$s/content/post/c.md"
"$FOLIO" init --from hugo "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$s/folio.yaml" 'figure_src: library'
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a link to a missing image passed"
# the only finding: the image that is missing wherever the link is read from
assert_contains "$TEST_DIR/check.txt" 'content/post/c.md:5:9: error: link to "../../../../img/gone.jpg": no such file in static/ [link/asset]'
assert_contains "$TEST_DIR/check.txt" 'checked the worktree: 1 error'
rm "$s/content/post/c.md"
"$FOLIO" build --worktree "$s" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/post/a/index.html" '<img src="/img/x.png"'
assert_contains "$out/post/a/index.html" '<img src="/img/photo.jpg" alt="p"'
assert_contains "$out/post/b/index.html" '<img src="/img/photo.jpg" alt="b">'
[ "$(cat "$out/img/photo.jpg")" = JPG ] || fail "the image the clamped link names is not published"
# a site whose figure shortcode has no library keeps figure_src: root
printf '<figure><img src="{{ .Get "src" | relURL }}" alt=""/></figure>\n' \
	>"$s/themes/academic/layouts/shortcodes/figure.html"
"$FOLIO" init --from hugo --force "$s" >"$TEST_DIR/init2.txt" 2>&1 || fail "init --force failed"
assert_contains "$s/folio.yaml" 'figure_src: root'

# url: below the site language's old folder
v=$TEST_DIR/volcano out2=$TEST_DIR/out2
mkdir -p "$v/content/en/docs" "$v/content/zh/docs"
cat >"$v/config.toml" <<'TOML'
baseURL = "https://volcano.example/"
title = "V"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
[languages.en]
contentDir = "content/en"
[languages.zh]
contentDir = "content/zh"
TOML
printf '+++\ntitle = "Guide"\nurl = "/en/docs/guide/x/"\n+++\nGuide.\n' >"$v/content/en/docs/x.md"
printf '+++\ntitle = "Index"\n+++\nSee [the guide](/en/docs/guide/x/).\n' >"$v/content/en/docs/index-page.md"
printf '+++\ntitle = "指南"\nurl = "/zh/docs/guide/x/"\n+++\n指南。\n' >"$v/content/zh/docs/x.md"
migrate_and_build hugo "$v" "$out2" >/dev/null
assert_contains "$out2/docs/guide/x/index.html" 'Guide.'
assert_contains "$out2/en/docs/guide/x/index.html" 'https://volcano.example/docs/guide/x/'
assert_contains "$out2/docs/index-page/index.html" 'href="/docs/guide/x/"'
[ ! -e "$out2/en/en" ] || fail "a redirect below /en/en/"
assert_contains "$out2/zh/docs/guide/x/index.html" '指南。'

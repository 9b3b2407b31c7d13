#!/bin/bash
# embeds: lists the hosts whose <iframe>s a page may hold; it never lets a
# <script src> of that host in (docs/migrating.md, "Scripts in pages"): an
# iframe runs in its host's origin, a script in the site's, with its
# cookies and every page's DOM, and the one who pushes writes folio.yaml.
# A script, inline or loaded (from an embeds host, from the site's own
# static/), is html/active at its line with a hint that says where scripts
# go; the iframe of the same host beside it is kept. A script moved to the
# template (a file of static/ loaded there) builds.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/docs" "$site/static/js" "$site/layouts"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n[markup.goldmark.renderer]\nunsafe = true\n' \
	>"$site/hugo.toml"
cat >"$site/content/docs/video.md" <<'MD'
---
title: Video
---
The talk:

<iframe src="https://player.vimeo.com/video/1" width="640" height="360"></iframe>

<script src="https://player.vimeo.com/api/player.js"></script>

<script src="/js/glossary.js" async></script>

<script>
document.title = "changed";
</script>
MD
printf 'document.title = "glossary";\n' >"$site/static/js/glossary.js"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'allow_html: true'
assert_contains "$site/folio.yaml" 'player.vimeo.com'
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "scripts in a page should be refused (exit $r)"
for line in 8 10 12; do
	assert_contains "$TEST_DIR/check.txt" \
		"content/docs/video.md:$line:1: error: active HTML tag \"<script>\" is not allowed [html/active]"
done
assert_contains "$TEST_DIR/check.txt" 'embeds: lists iframe hosts, never script hosts'
[ "$(grep -c 'error:' "$TEST_DIR/check.txt")" -eq 3 ] || fail "the iframe of a listed host should be kept"

# the scripts moved out of the page: the iframe stays, the page builds
sed -i '/<script/,/<\/script>/d; /^document.title/d' "$site/content/docs/video.md"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed without the scripts: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/docs/video/index.html" '<iframe src="https://player.vimeo.com/video/1"'
assert_not_contains "$out/docs/video/index.html" '<script'
[ -e "$out/js/glossary.js" ] || fail "static/js/glossary.js is not published at /js/glossary.js"
echo "ok"

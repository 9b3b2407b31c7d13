#!/bin/bash
# Images in Hugo's assets/: Hugo publishes such a file at the root
# (assets/images/kitten.jpg at /images/kitten.jpg) when a template or its
# image render hook uses it, so [x](/images/kitten.jpg) works there.
# folio init --from hugo writes assets_at_root: true, and build copies the
# file there and checks the link; a link to a file in neither static/ nor
# assets/ is still refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_initfrom.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/guide" "$site/assets/images" "$site/static/img" "$site/layouts"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://lantern.example/"
title = "Lantern"
TOML
printf 'kitten bytes\n' >"$site/assets/images/kitten.jpg"
printf 'logo bytes\n' >"$site/static/img/logo.png"
cat >"$site/content/guide/kitten.md" <<'MD'
---
title: Kitten
---
![A kitten](/images/kitten.jpg "A kitten!") beside the ![logo](/img/logo.png).
MD
tree_sums "$site" >"$TEST_DIR/before.sums"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
tree_sums "$site" | cmp -s "$TEST_DIR/before.sums" - || fail "init touched the site's files"
assert_contains "$site/folio.yaml" 'assets_at_root: true'

out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
cmp -s "$site/assets/images/kitten.jpg" "$out/images/kitten.jpg" \
	|| fail "assets/images/kitten.jpg is not published at /images/kitten.jpg"
cmp -s "$site/static/img/logo.png" "$out/img/logo.png" || fail "static/ is not published at the root"
assert_contains "$out/guide/kitten/index.html" 'src="/images/kitten.jpg"'

cat >"$site/content/guide/typo.md" <<'MD'
---
title: Typo
---
![A cat](/images/cat.jpg)
MD
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse the image in neither folder (exit $r)"
assert_contains "$TEST_DIR/check.txt" \
	'content/guide/typo.md:4:10: error: link to "/images/cat.jpg": no such file in static/ [link/asset]'
echo "ok"

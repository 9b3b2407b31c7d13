#!/bin/bash
# A relative alias climbs folders as a browser reads it: jaegertracing.io's
# docs/1.76/architecture/apis.md keeps "aliases: [../apis]", its address
# before it moved into architecture/, so Hugo writes a redirect page at
# /docs/1.76/apis/. folio refused every ".." (451 pages of that site, as
# slug/invalid). Now ".." is taken against the folder of the page's URL;
# one that climbs above the site's root is still refused, and so is ".."
# inside an absolute alias.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs/1.76/architecture"
printf 'title = "Tracer"\nbaseURL = "https://tracer.example/"\n' >"$site/hugo.toml"
printf -- '---\ntitle: APIs\naliases: [../apis, ./interfaces]\n---\nThe APIs.\n' \
	>"$site/content/docs/1.76/architecture/apis.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused a relative alias: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/docs/1.76/apis/index.html" '/docs/1.76/architecture/apis/'
assert_contains "$out/docs/1.76/architecture/interfaces/index.html" '/docs/1.76/architecture/apis/'

# above the root: refused at its line; ".." in an absolute alias is
# cleaned as Hugo cleans it (path.Clean: /docs/../odd is /odd, and
# Osuny's /../fr/x/ is /fr/x/, the root being the floor)
printf -- '---\ntitle: Far\naliases: [../../../../../../far]\n---\nFar.\n' >"$site/content/docs/1.76/far.md"
printf -- '---\ntitle: Odd\naliases: [/docs/../odd]\n---\nOdd.\n' >"$site/content/docs/1.76/odd.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "an alias above the root should be refused (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'content/docs/1.76/far.md:3:11: error: alias "../../../../../../far" is not a path of the site [slug/invalid]'
assert_not_contains "$TEST_DIR/check.txt" 'content/docs/1.76/odd.md'
rm "$site/content/docs/1.76/far.md"
printf -- '---\ntitle: Old\naliases: [/../../fr/accueil/]\n---\nOld.\n' >"$site/content/docs/1.76/old.md"
"$FOLIO" build --worktree "$site" --out "$TEST_DIR/out2" >"$TEST_DIR/b2.txt" 2>&1 || fail "cleaned aliases refused: $(cat "$TEST_DIR/b2.txt")"
assert_contains "$TEST_DIR/out2/odd/index.html" 'docs/1.76/odd/'
assert_contains "$TEST_DIR/out2/fr/accueil/index.html" 'docs/1.76/old/'
[ -z "$(find "$TEST_DIR" -path '*fr/accueil*' -not -path "$TEST_DIR/out2/*")" ] || fail "an alias climbed out"
echo "ok"

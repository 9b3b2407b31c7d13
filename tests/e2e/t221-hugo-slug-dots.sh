#!/bin/bash
# Hugo publishes a page's slug: as written, dots kept (letsencrypt.org's
# "slug: isrg-cp-cps-v6.2" is at /documents/isrg-cp-cps-v6.2/), where
# folio's slug rule makes every dot a dash. init --from hugo writes
# slug_dots: true, so the page keeps its address and links to it hold;
# without the key a dot is a dash, as before. Hugo keeps the dots of file
# and folder names too (etcd.io's docs/v3.5/ and announcing-etcd-3.5.md are
# at /docs/v3.5/ and /blog/2021/announcing-etcd-3.5/): so does slug_dots.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/documents"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n' >"$site/hugo.toml"
printf -- '---\ntitle: CP/CPS v6.2\nslug: isrg-cp-cps-v6.2\n---\nThe policy.\n' >"$site/content/documents/cps.md"
printf -- '---\ntitle: Odd\nslug: ".Release 2.0 Final."\n---\nOdd.\n' >"$site/content/documents/odd.md"
mkdir -p "$site/content/documents/v3.5" "$site/content/documents/2021"
printf -- '---\ntitle: Install\n---\nInstall 3.5.\n' >"$site/content/documents/v3.5/install.md"
printf -- '---\ntitle: Announcing 3.5\n---\nRead [how](../../v3.5/install/).\n' \
	>"$site/content/documents/2021/announcing-3.5.md"
printf -- '---\ntitle: Index\n---\nSee [the policy](/documents/isrg-cp-cps-v6.2/) and [odd](/documents/release-2.0-final/).\n' \
	>"$site/content/documents/list.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'slug_dots: true'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused a link to a slug with a dot: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/documents/isrg-cp-cps-v6.2/index.html" 'The policy.'
assert_contains "$out/documents/release-2.0-final/index.html" 'Odd.'
assert_contains "$out/documents/list/index.html" 'href="/documents/isrg-cp-cps-v6.2/"'
assert_contains "$out/documents/v3.5/install/index.html" 'Install 3.5.'
assert_contains "$out/documents/2021/announcing-3.5/index.html" 'href="/documents/v3.5/install/"'
assert_contains "$out/index.json" '"url": "/documents/v3.5/install/"'

# without slug_dots: a dot is a dash, and the link is broken
sed -i '/^slug_dots: true$/d' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "without slug_dots the link to v6.2 should be broken (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'link to "/documents/isrg-cp-cps-v6.2/"'
out2=$TEST_DIR/out2
rm "$site/content/documents/list.md" "$site/content/documents/2021/announcing-3.5.md"
"$FOLIO" build --worktree "$site" --out "$out2" >"$TEST_DIR/build2.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build2.txt")"
[ -f "$out2/documents/isrg-cp-cps-v6-2/index.html" ] || fail "without slug_dots the slug should be v6-2: $(ls "$out2/documents")"
[ -f "$out2/documents/v3-5/install/index.html" ] || fail "without slug_dots the folder should be v3-5: $(ls "$out2/documents")"
echo "ok"

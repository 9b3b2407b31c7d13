#!/bin/bash
# A bundle's files are published beside its page wherever slug: or url: put
# it, as in Hugo: posts/x/photo.jpg at /billets/autre/photo.jpg when
# posts/x/index.md says url: /billets/autre/, at /posts/nouveau/ for
# slug: nouveau, at /posts/ete-a-zurich/ for the folder "Été à Zürich".
# Relative links and figures follow; an absolute link to the old place is
# link/asset; two bundles whose files land on one path are output/clash.
# An incremental publish after moving the page equals a full build, leaves
# nothing at the old place, and a body change takes the fast path exactly.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/posts/x/docs" "$site/posts/y" "$site/posts/Été à Zürich"
cat >"$site/folio.yaml" <<'YAML'
title: Bundles
base_url: https://bundles.example
language: fr
collections:
  - name: posts
    label: Billets
    template: page
    sort: title
YAML
printf -- '---\ntitle: X\nurl: /billets/autre/\n---\nVoici ![la photo](photo.jpg) et [le pdf](docs/a.pdf).\n\n{{< figure src="photo.jpg" alt="Figure" >}}\n' \
	>"$site/posts/x/index.md"
printf 'JPEG-X' >"$site/posts/x/photo.jpg"
printf 'PDF-A' >"$site/posts/x/docs/a.pdf"
printf -- '---\ntitle: Y\nslug: nouveau\n---\nUne ![image](y.png).\n' >"$site/posts/y/index.md"
printf 'PNG-Y' >"$site/posts/y/y.png"
printf -- '---\ntitle: Été\n---\nLe ![jardin](Photo%%20du%%20jardin.jpg).\n' >"$site/posts/Été à Zürich/index.md"
printf 'JPEG-E' >"$site/posts/Été à Zürich/Photo du jardin.jpg"
# a page that is no bundle keeps its files at their folder's path, and
# links to a bundle's file from outside it
printf -- '---\ntitle: Plat\n---\nUne ![image](plat.jpg) et [la photo de X](x/photo.jpg) de [X](x/index.md).\n' >"$site/posts/plat.md"
printf 'JPEG-P' >"$site/posts/plat.jpg"
git -C "$site" init -q
git -C "$site" add -A
git -C "$site" commit -qm "A Hugo-layout site with bundles"

out=$TEST_DIR/out
"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
for f in billets/autre/index.html billets/autre/photo.jpg billets/autre/docs/a.pdf \
	posts/nouveau/index.html posts/nouveau/y.png \
	posts/ete-a-zurich/index.html "posts/ete-a-zurich/Photo du jardin.jpg" posts/plat.jpg; do
	[ -f "$out/$f" ] || fail "no $f in the output: $(cd "$out" && find . -type f)"
done
cmp "$out/billets/autre/photo.jpg" "$site/posts/x/photo.jpg" || fail "the bundle's file is not copied as it is"
for f in posts/x posts/y "posts/Été à Zürich"; do
	[ -e "$out/$f" ] && fail "$f is published at its folder's path"
done
assert_contains "$out/billets/autre/index.html" '<img src="/billets/autre/photo.jpg" alt="la photo"'
assert_contains "$out/billets/autre/index.html" 'href="/billets/autre/docs/a.pdf"'
assert_contains "$out/billets/autre/index.html" '<figure><img src="/billets/autre/photo.jpg" alt="Figure">'
assert_contains "$out/posts/nouveau/index.html" 'src="/posts/nouveau/y.png"'
assert_contains "$out/posts/ete-a-zurich/index.html" 'src="/posts/ete-a-zurich/Photo%20du%20jardin.jpg"'
assert_contains "$out/posts/plat/index.html" 'src="/posts/plat.jpg"'
assert_contains "$out/posts/plat/index.html" 'href="/billets/autre/photo.jpg"'

# an absolute link to the old place names a path nothing publishes
git -C "$site" branch -q good
printf -- '---\ntitle: Vieux\n---\nLa [photo](/posts/x/photo.jpg).\n' >"$site/posts/vieux.md"
git -C "$site" add -A && git -C "$site" commit -qm "old link"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/old.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a link to the old place passes (exit $r): $(cat "$TEST_DIR/old.txt")"
assert_contains "$TEST_DIR/old.txt" 'posts/vieux.md:4:12: error: link to "/posts/x/photo.jpg": file "posts/x/photo.jpg" is published at "/billets/autre/photo.jpg", beside its page [link/asset]'
git -C "$site" reset -q --hard good

# two bundles whose files land on one path
mkdir -p "$site/posts/z"
printf -- '---\ntitle: Z\nurl: /billets/autre/z.html\n---\nUne ![photo](photo.jpg).\n' >"$site/posts/z/index.md"
printf 'JPEG-Z' >"$site/posts/z/photo.jpg"
git -C "$site" add -A && git -C "$site" commit -qm "clash"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/clash.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "two bundle files at one path pass (exit $r): $(cat "$TEST_DIR/clash.txt")"
assert_contains "$TEST_DIR/clash.txt" 'posts/z/photo.jpg: error: output "billets/autre/photo.jpg" would be written twice, also for "posts/x/photo.jpg"'
git -C "$site" reset -q --hard good

# incremental: moving the page moves its files, deletes the old ones, and
# equals a full build; then a body change takes the fast path, exactly
inc=$TEST_DIR/inc
state=$TEST_DIR/state
"$FOLIO" build --repo "$site" --out "$inc" --state "$state" >"$TEST_DIR/inc1.txt" 2>&1 \
	|| fail "first incremental build failed: $(cat "$TEST_DIR/inc1.txt")"
sed -i 's|^url: /billets/autre/|url: /billets/ailleurs/|' "$site/posts/x/index.md"
git -C "$site" commit -qam "move X"
"$FOLIO" build --repo "$site" --out "$inc" --state "$state" >"$TEST_DIR/inc2.txt" 2>&1 \
	|| fail "incremental build after the move failed: $(cat "$TEST_DIR/inc2.txt")"
full=$TEST_DIR/full
"$FOLIO" build --repo "$site" --out "$full" >/dev/null 2>&1 || fail "full build failed"
diff -r "$inc" "$full" >"$TEST_DIR/diff.txt" || fail "incremental differs from full: $(cat "$TEST_DIR/diff.txt")"
[ -f "$inc/billets/ailleurs/photo.jpg" ] && [ -f "$inc/billets/ailleurs/docs/a.pdf" ] || fail "the files did not follow the page"
[ -e "$inc/billets/autre" ] && fail "files left at the old place: $(find "$inc/billets/autre")"
assert_contains "$inc/posts/plat/index.html" 'href="/billets/ailleurs/photo.jpg"'
assert_contains "$inc/posts/plat/index.html" 'href="/billets/ailleurs/">X</a>'
assert_contains "$inc/sitemap.xml" 'https://bundles.example/billets/ailleurs/'

printf '\nUne ligne de plus.\n' >>"$site/posts/x/index.md"
git -C "$site" commit -qam "body only"
"$FOLIO" build --repo "$site" --out "$inc" --state "$state" >"$TEST_DIR/inc3.txt" 2>&1 \
	|| fail "incremental build of a body change failed: $(cat "$TEST_DIR/inc3.txt")"
assert_contains "$TEST_DIR/inc3.txt" '(fast path)'
rm -rf "$full"
"$FOLIO" build --repo "$site" --out "$full" >/dev/null 2>&1 || fail "full build failed"
diff -r "$inc" "$full" >"$TEST_DIR/diff.txt" || fail "the fast path differs from full: $(cat "$TEST_DIR/diff.txt")"
echo ok

#!/bin/bash
# A site in Hugo's layout (testdata/hugo-site) builds as it is: nested
# sections give nested URLs, a bundle's index.md is its folder's page with
# its images published beside it (links to them checked), the collection's
# _index.md gives its list page a text and is no item of it, a sub-section's
# _index.md is the page of its folder. A Markdown file at the site root is
# a warning (README.md is not); a link to a missing bundle file is link/asset;
# a page named like the slug: of another is an output clash.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site" "$FOLIO_SOURCE_DIR/testdata/hugo-site"
out=$TEST_DIR/out
"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '0 errors, 0 warnings'
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"

for f in agenda/2023/fete-des-semis/index.html agenda/2024/atelier-photo/index.html \
	agenda/2024/atelier-photo/jardin.jpg agenda/2024/atelier-photo/plan.pdf \
	agenda/2023/index.html posts/bonjour-le-monde/index.html agenda/index.html; do
	[ -f "$out/$f" ] || fail "no $f in the output"
done
cmp "$out/agenda/2024/atelier-photo/jardin.jpg" "$site/agenda/2024/atelier-photo/jardin.jpg" \
	|| fail "the bundle's image is not copied as it is"
[ -e "$out/agenda/_index" ] && fail "_index.md published as a page"
[ -e "$out/README" ] && fail "README.md published"
# the section page is the list's text, not one of its items nor of the feed
assert_contains "$out/agenda/index.html" '<div class="section"><p>Tous nos rendez-vous'
assert_not_contains "$out/agenda/index.html" 'href="/agenda/"><'
python3 - "$out" <<'PY' || fail "feed or index lists the section page"
import json, sys
out = sys.argv[1]
feed = json.load(open(out + "/agenda/index.json"))
urls = [i["url"] for i in feed["items"]]
assert "https://jardins.example/agenda/" not in urls, urls
assert "https://jardins.example/agenda/2024/atelier-photo/" in urls, urls
idx = json.load(open(out + "/index.json"))
assert all(p["slug"] != "_index" for p in idx["pages"]), idx["pages"]
PY
# a bundle's file is beside its page, at the page's slug URL; a
# percent-encoded link finds it
[ -f "$out/posts/ete-a-zurich/Photo du jardin.jpg" ] || fail "the bundle file with a space is not published"
[ -e "$out/posts/Été à Zürich" ] && fail "the bundle's file is also at its folder's path"
assert_contains "$out/posts/ete-a-zurich/index.html" 'src="/posts/ete-a-zurich/Photo%20du%20jardin.jpg"'
# relative links from a nested page resolve against its folder
assert_contains "$out/agenda/2023/fete-des-semis/index.html" 'href="/agenda/2024/atelier-photo/"'
assert_contains "$out/agenda/2024/atelier-photo/index.html" 'src="/agenda/2024/atelier-photo/jardin.jpg"'

# a page at the site root: a warning that names it, the rest still builds
printf -- '---\ntitle: Contact\n---\nÉcrivez-nous.\n' >"$site/contact.md"
git -C "$site" add -A && git -C "$site" commit -qm "root page"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/root.txt" 2>&1 || r=$?
[ $r -eq 0 ] || fail "a root page is an error (exit $r): $(cat "$TEST_DIR/root.txt")"
assert_contains "$TEST_DIR/root.txt" 'contact.md: warning: page "contact.md" at the site root belongs to no collection'
assert_contains "$TEST_DIR/root.txt" '[collection/root]'
assert_not_contains "$TEST_DIR/root.txt" 'README.md'
git -C "$site" rm -q contact.md && git -C "$site" commit -qm "no root page"

# a link to a file the bundle does not hold is broken
sed -i 's/plan.pdf/plan-2024.pdf/' "$site/agenda/2024/atelier-photo/index.md"
git -C "$site" commit -qam "broken bundle link"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/broken.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a link to a missing bundle file passes (exit $r)"
assert_contains "$TEST_DIR/broken.txt" 'agenda/2024/atelier-photo/index.md:9:19'
assert_contains "$TEST_DIR/broken.txt" 'link to "plan-2024.pdf": no such file "agenda/2024/atelier-photo/plan-2024.pdf" [link/asset]'
git -C "$site" reset -q --hard HEAD~1

# a file whose name is the slug: of another page: one page twice
printf -- '---\ntitle: Doublon\n---\nDeux fois.\n' >"$site/posts/bonjour-le-monde.md"
git -C "$site" add -A && git -C "$site" commit -qm "clash"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/clash.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a page given by two files passes (exit $r)"
assert_contains "$TEST_DIR/clash.txt" 'output "posts/bonjour-le-monde/index.html" would be written twice'
assert_contains "$TEST_DIR/clash.txt" '[output/clash]'
echo ok

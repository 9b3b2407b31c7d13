#!/bin/bash
# Hugo publishes the pages at the root of content/ (content/about.md) at
# /about/, and a section whose permalink is the page's name alone
# (fljdin.github.io's `pages = "/:slug"`) at /<its title>/: the site's
# links say so. folio put both below their collection (/pages/about/,
# /pages/a-propos/), so every link to them was broken. init now writes
# permalink: "/:slug/" (no date needed) for those collections: each page
# is at /<name>/, the list stays at the collection's url:. The addresses
# hold on the incremental path too: a body-only commit, then a retitle
# (the old address deleted), then a link to the old address refused.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

repo=$TEST_DIR/repo
mkdir -p "$repo/content/posts" "$repo/content/legal"
cat >"$repo/hugo.toml" <<'TOML'
baseURL = "https://root.example/"
title = "Root"
removePathAccents = true
[permalinks]
legal = "/:slug"
TOML
printf -- '---\ntitle: "About us"\n---\nWho we are. See the [notice](/mentions-legales/).\n' >"$repo/content/about.md"
printf -- '---\ntitle: "Contact"\nslug: write-to-us\n---\nWrite.\n' >"$repo/content/contact.md"
printf -- '---\ntitle: "Legal"\n---\nThe legal pages.\n' >"$repo/content/legal/_index.md"
printf -- '---\ntitle: "Mentions légales"\n---\n## Hébergeur\n\nA host.\n' >"$repo/content/legal/notice.md"
printf -- '---\ntitle: "Hello"\ndate: 2024-05-01\n---\nRead [about](/about/), [contact](/write-to-us/) and [the host](/mentions-legales/#hébergeur).\n' \
	>"$repo/content/posts/hello.md"
"$FOLIO" init --from hugo "$repo" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$TEST_DIR/init.txt" 'each at /<name>/ as in Hugo, with no list (list: false)'
python3 - "$repo/folio.yaml" <<'PY'
import sys, yaml
cols = {c["name"]: c for c in yaml.safe_load(open(sys.argv[1]))["collections"]}
assert cols["pages"]["permalink"] == "/:slug/" and cols["pages"]["list"] is False, cols["pages"]
assert "date_field" not in cols["legal"], cols["legal"]
assert cols["legal"]["permalink"] == "/:slug/" and cols["legal"].get("slug_from") == "title", cols["legal"]
PY
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm one
out=$TEST_DIR/out state=$TEST_DIR/state
build() { "$FOLIO" build --repo "$repo/.git" --out "$out" --state "$state" --explain >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"; }
build
assert_contains "$out/about/index.html" 'Who we are.'
assert_contains "$out/write-to-us/index.html" 'Write.'
assert_contains "$out/mentions-legales/index.html" 'A host.'
[ -f "$out/legal/index.html" ] || fail "no list legal/index.html"
# the top's pages have no list, as in Hugo: none at /pages/, none in the navigation
[ ! -e "$out/pages/index.html" ] || fail "the top's pages have a list at /pages/"
assert_not_contains "$out/about/index.html" 'href="/pages/"'
assert_contains "$out/about/index.html" 'href="/legal/"'
assert_not_contains "$out/sitemap.xml" '/pages/</loc>' 
assert_contains "$out/legal/index.html" 'The legal pages.'
for d in pages/about pages/write-to-us legal/notice legal/mentions-legales; do
	[ ! -e "$out/$d" ] || fail "$d is published"
done
hello=$out/posts/hello/index.html
assert_contains "$hello" 'href="/about/">about'
assert_contains "$hello" 'href="/mentions-legales/#h%C3%A9bergeur">the host'
assert_contains "$out/sitemap.xml" '<loc>https://root.example/about/</loc>'

# a body-only commit keeps the addresses; a retitle moves the page by its title
sed -i 's/Who we are./Who we are, truly./' "$repo/content/about.md"
git -C "$repo" commit -qam body
build
assert_contains "$out/about/index.html" 'Who we are, truly.'
[ ! -e "$out/pages/about" ] || fail "the body-only commit published /pages/about/"
sed -i 's/Mentions légales/Informations légales/' "$repo/content/legal/notice.md"
sed -i 's#(/mentions-legales/)#(/informations-legales/)#' "$repo/content/about.md"
sed -i 's#(/mentions-legales/\#hébergeur)#(/informations-legales/\#hébergeur)#' "$repo/content/posts/hello.md"
git -C "$repo" commit -qam retitle
build
assert_contains "$out/informations-legales/index.html" 'A host.'
[ ! -e "$out/mentions-legales" ] || fail "the old address is still published"

# a link to the old address is broken, for check --state as for check
printf '\n[old](/mentions-legales/)\n' >>"$repo/content/posts/hello.md"
git -C "$repo" commit -qam old
r=0
(cd "$repo" && "$FOLIO" check --state "$state" HEAD) >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check --state should refuse the old address (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'content/posts/hello.md:7:7: error: link to "/mentions-legales/" points to no page [link/broken]'
echo "ok"

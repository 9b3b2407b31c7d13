#!/bin/bash
# languages: [fr, es]: "x.fr.md" and "x/index.fr.md" beside the default
# file are the same page in another language, at /fr/...; the versions link
# each other both ways (<link rel=alternate hreflang>, absolute), each
# language has its lists and feeds, the default ones hold the default
# language only; index.json, the sitemap; an incremental build after a
# translation is added or removed equals a full build; mistakes are findings.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
translated_posts "$repo"
page() { printf -- '---\ntitle: %s\ndate: %s\n---\n%s\n' "$2" "$3" "$4" >"$repo/$1"; }
page posts/hello.md Hello 2024-01-02 'Hello. [En français](/fr/posts/hello/).'
page posts/hello.fr.md Bonjour 2024-01-02 'Bonjour. [In English](/posts/hello/).'
page posts/bundle/index.md Bundle 2024-02-02 'Bundle.'
page posts/bundle/index.fr.md Paquet 2024-02-02 'Paquet.'
page posts/seul.fr.md Seul 2024-03-02 'Only in French.'
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm site
out=$TEST_DIR/out
"$FOLIO" build --repo "$repo" --out "$out" --state "$TEST_DIR/state" >"$TEST_DIR/b1.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b1.txt")"
for f in posts/hello/index.html fr/posts/hello/index.html fr/posts/bundle/index.html \
	fr/posts/seul/index.html fr/posts/index.html fr/posts/index.json fr/posts/atom.xml \
	fr/posts/index.xml es/posts/index.html; do
	[ -f "$out/$f" ] || fail "no $f"
done
[ -e "$out/posts/hello-fr" ] && fail "hello.fr.md published as a page of its own"
# linked both ways, with absolute URLs, each in its language
for f in posts/hello/index.html fr/posts/hello/index.html; do
	assert_contains "$out/$f" '<link rel="alternate" hreflang="en" href="https://site.example/posts/hello/">'
	assert_contains "$out/$f" '<link rel="alternate" hreflang="fr" href="https://site.example/fr/posts/hello/">'
done
assert_not_contains "$out/posts/hello/index.html" 'hreflang="es"'
assert_contains "$out/fr/posts/hello/index.html" '<html lang="fr">'
assert_contains "$out/posts/hello/index.html" '<html lang="en">'
assert_contains "$out/fr/posts/bundle/index.html" 'hreflang="en" href="https://site.example/posts/bundle/"'
assert_not_contains "$out/fr/posts/seul/index.html" 'hreflang'
# per-language lists and feeds
assert_contains "$out/fr/posts/index.html" 'href="/fr/posts/seul/"'
assert_contains "$out/fr/posts/index.html" 'href="/fr/posts/atom.xml"'
assert_not_contains "$out/fr/posts/index.html" 'href="/posts/hello/"'
assert_not_contains "$out/posts/index.html" 'href="/fr/posts/seul/"'
# a list links its versions, as Hugo's .AllTranslations (t400)
assert_contains "$out/posts/index.html" 'hreflang="fr" href="https://site.example/fr/posts/"'
python3 - "$out" <<'PY' || fail "feeds or index.json"
import json, sys
out = sys.argv[1]
fr = json.load(open(out + "/fr/posts/index.json"))
assert fr["language"] == "fr", fr["language"]
assert [i["url"] for i in fr["items"]] == ["https://site.example/fr/posts/seul/",
    "https://site.example/fr/posts/bundle/", "https://site.example/fr/posts/hello/"], fr["items"]
en = json.load(open(out + "/posts/index.json"))
assert [i["url"] for i in en["items"]] == ["https://site.example/posts/bundle/",
    "https://site.example/posts/hello/"], en["items"]
idx = json.load(open(out + "/index.json"))
ids = [p["id"] for p in idx["pages"]]
assert len(ids) == len(set(ids)) and "fr/posts/hello" in ids and "posts/hello" in ids, ids
PY
assert_contains "$out/fr/posts/atom.xml" 'xml:lang="fr"'
assert_contains "$out/sitemap.xml" '<loc>https://site.example/fr/posts/hello/</loc>'
assert_contains "$out/sitemap.xml" '<loc>https://site.example/fr/posts/</loc>'

# a new translation: the page it translates links it after an incremental build
page posts/hello.es.md Hola 2024-01-02 'Hola.'
git -C "$repo" add -A && git -C "$repo" commit -qm "es"
"$FOLIO" build --repo "$repo" --out "$out" --state "$TEST_DIR/state" >"$TEST_DIR/b2.txt" 2>&1 \
	|| fail "incremental build failed: $(cat "$TEST_DIR/b2.txt")"
assert_contains "$out/posts/hello/index.html" 'hreflang="es" href="https://site.example/es/posts/hello/"'
assert_contains "$out/fr/posts/hello/index.html" 'hreflang="es" href="https://site.example/es/posts/hello/"'
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/full" >/dev/null 2>&1 || fail "full build failed"
diff -r -x .folio-output "$TEST_DIR/full" "$out" || fail "incremental output differs from a full build"
# removed again, and a body edit (the fast path steps aside for translated sites)
git -C "$repo" rm -q posts/hello.es.md
echo "More." >>"$repo/posts/hello.md"
git -C "$repo" commit -qam "no es"
"$FOLIO" build --repo "$repo" --out "$out" --state "$TEST_DIR/state" >/dev/null 2>&1 || fail "build 3 failed"
assert_not_contains "$out/posts/hello/index.html" 'hreflang="es"'
rm -rf "$TEST_DIR/full"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/full" >/dev/null 2>&1 || fail "full build 3 failed"
diff -r -x .folio-output "$TEST_DIR/full" "$out" || fail "incremental output differs after a removal"

# folio.yaml mistakes
sed -i 's/^languages: .*/languages: [fr, posts, "f r", fr]/' "$repo/folio.yaml"
git -C "$repo" commit -qam "bad languages"
r=0
"$FOLIO" check --repo "$repo" >"$TEST_DIR/bad.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "bad languages pass (exit $r): $(cat "$TEST_DIR/bad.txt")"
assert_contains "$TEST_DIR/bad.txt" "language \"posts\" would publish its pages in a collection's folder"
assert_contains "$TEST_DIR/bad.txt" 'a language must be a language tag'
assert_contains "$TEST_DIR/bad.txt" 'duplicate language "fr"'
echo ok

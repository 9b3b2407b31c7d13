#!/bin/bash
# Scouts' Hugo round on multilingual associations' sites:
# 1. a url: without its first '/' is from the language's root, as Hugo
#    reads it (iccs-isac's French "docs/logiciels_libres/..." at
#    /fr/docs/...): folio dropped it without a word;
# 2. a file name starting with '_' (not _index) keeps it, as Hugo does
#    (altruisme's footer/_footer-left.fr.md at /footer/_footer-left/);
# 3. taxonomies given under the default language (PaperMod's sample,
#    languages.en.taxonomies: tags and series) are the site's: init wrote
#    tags and categories, and /series/ was missing;
# 4. [outputFormats.RSS] baseName = "feed" puts every list's and term's RSS
#    at feed.xml (rss_name:), where folio moved the site's alone.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/s
mkdir -p "$s/content/en/docs" "$s/content/fr/docs" "$s/content/en/footer" "$s/content/fr/footer"
cat >"$s/config.toml" <<'T'
baseURL = "https://assoc.example/"
title = "Assoc"
defaultContentLanguage = "en"
[languages.en]
contentDir = "content/en"
weight = 1
[languages.fr]
contentDir = "content/fr"
weight = 2
T
printf -- '---\ntitle: Docs\n---\nDocs.\n' >"$s/content/en/docs/_index.md"
printf -- '---\ntitle: Docs\n---\nDocs.\n' >"$s/content/fr/docs/_index.md"
printf -- '---\ntitle: Open source\nurl: "docs/open_source/module_1"\n---\nModule.\n' >"$s/content/en/docs/a.md"
printf -- '---\ntitle: Logiciels libres\nurl: "docs/logiciels_libres/module_1"\n---\nModule.\n' >"$s/content/fr/docs/a.md"
printf -- '---\ntitle: Footer\n---\nFooter.\n' >"$s/content/en/footer/_footer-left.md"
printf -- '---\ntitle: Pied\n---\nPied.\n' >"$s/content/fr/footer/_footer-left.md"
printf -- '---\ntitle: Home\n---\nSee [the module](/docs/open_source/module_1/).\n' >"$s/content/en/_index.md"
printf -- '---\ntitle: Accueil\n---\nVoir [le module](/fr/docs/logiciels_libres/module_1/).\n' >"$s/content/fr/_index.md"
migrate_and_build hugo "$s" "$TEST_DIR/out"
assert_contains "$TEST_DIR/out/docs/open_source/module_1/index.html" "Module."
assert_contains "$TEST_DIR/out/fr/docs/logiciels_libres/module_1/index.html" "Module."
assert_contains "$TEST_DIR/out/footer/_footer-left/index.html" "Footer."
assert_contains "$TEST_DIR/out/fr/footer/_footer-left/index.html" "Pied."
[ ! -e "$TEST_DIR/out/docs/a" ] && [ ! -e "$TEST_DIR/out/footer/footer-left" ] || fail "a page at its file's address"

p=$TEST_DIR/p
mkdir -p "$p/content/posts"
cat >"$p/hugo.yaml" <<'Y'
baseURL: https://blog.example/
title: Blog
languages:
  en:
    weight: 1
    taxonomies:
      tag: tags
      series: series
Y
printf -- '---\ntitle: One\ndate: 2024-01-02\ntags: [go]\nseries: [intro]\n---\nHello.\n' >"$p/content/posts/one.md"
migrate_and_build hugo "$p" "$TEST_DIR/out-p"
[ -f "$TEST_DIR/out-p/series/intro/index.html" ] && [ -f "$TEST_DIR/out-p/tags/go/index.html" ] || fail "series or tags missing"
[ ! -e "$TEST_DIR/out-p/categories" ] || fail "categories, which the site does not have"

f=$TEST_DIR/f
mkdir -p "$f/content/posts"
printf 'baseURL = "https://f.example/"\ntitle = "F"\n[outputFormats.RSS]\nbaseName = "feed"\n' >"$f/hugo.toml"
printf -- '---\ntitle: One\ndate: 2024-01-02\ntags: [go]\n---\nHello.\n' >"$f/content/posts/one.md"
"$FOLIO" init --from hugo "$f" >/dev/null 2>&1 || fail "init f"
assert_contains "$f/folio.yaml" "rss_name: feed.xml"
frepo=$TEST_DIR/frepo fout=$TEST_DIR/fout fst=$TEST_DIR/fst
repo_of "$f" "$frepo"
publish "$frepo" "$fout" "$fst" "feeds"
for x in feed.xml posts/feed.xml tags/go/feed.xml; do
	[ -f "$fout/$x" ] || fail "$x is missing"
done
[ ! -e "$fout/posts/index.xml" ] && [ ! -e "$fout/tags/go/index.xml" ] || fail "an RSS at index.xml still"
printf -- '---\ntitle: Two\ndate: 2024-01-03\ntags: [go]\n---\nMore.\n' >"$frepo/content/posts/two.md"
git -C "$frepo" add -A && git -C "$frepo" commit -qm "two"
publish "$frepo" "$fout" "$fst" "two"
same_as_full "$frepo" "$fout" "two"
assert_contains "$fout/posts/feed.xml" "Two"
sed -i 's/^rss_name: .*/rss_name: atom.xml/' "$frepo/folio.yaml"
"$FOLIO" check --worktree "$frepo" >"$TEST_DIR/rss.txt" 2>&1 && fail "rss_name: atom.xml passed"
assert_contains "$TEST_DIR/rss.txt" '"rss_name" is "atom.xml", not a file name such as feed.xml'
echo "ok"

#!/bin/bash
# A Hugo site with a contentDir per language (content/en, content/fr): a
# file of the French folder named for English (content/fr/project/y.en.md)
# is an English page, at /project/y/, as Hugo 0.111 takes a file's language
# from its name before its folder's (folio wrote /fr/project/y.en/). A
# bundle's index.en.md in both folders gives one page: the site language
# folder's, which Hugo mounts first, and the French folder's files join its
# bundle (/project/x/b.png); folio refused the two (output/clash). Each
# step published with --state has a full build's bytes, the last one
# removing the English folder's file, so that the French folder's is read.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/en/project/x" "$site/content/fr/project/x"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
defaultContentLanguage = "en"
[languages.en]
contentDir = "content/en"
weight = 1
[languages.fr]
contentDir = "content/fr"
weight = 2
TOML
page() { printf -- '---\ntitle: %s\n---\n%s\n' "$2" "$3" >"$site/content/$1"; }
page en/project/z.md 'Z en' 'Zed.'
page fr/project/z.md 'Z fr' 'Zède.'
page en/project/x/index.en.md 'X from en' 'X, English folder. ![a](a.png)'
printf 'PNG' >"$site/content/en/project/x/a.png"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" '"fr": "content/fr"'
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
out=$TEST_DIR/out state=$TEST_DIR/state.db
publish "$repo" "$out" "$state" "first"
same_as_full "$repo" "$out" "first"

# the French folder's English page and bundle
page() { printf -- '---\ntitle: %s\n---\n%s\n' "$2" "$3" >"$repo/content/$1"; }
page fr/project/y.en.md 'Y from fr' 'Y, French folder.'
page fr/project/x/index.en.md 'X from fr' 'X, French folder. ![b](b.png)'
printf 'PNG' >"$repo/content/fr/project/x/b.png"
git -C "$repo" add -A && git -C "$repo" commit -qm "English pages in the French folder"
publish "$repo" "$out" "$state" "second"
same_as_full "$repo" "$out" "second"
for f in project/y/index.html project/x/index.html project/x/a.png project/x/b.png fr/project/z/index.html; do
	[ -f "$out/$f" ] || fail "no $f: $(cd "$out" && find . -path '*project*' -type f | sort | tr '\n' ' ')"
done
for f in fr/project/y.en fr/project/y fr/project/x; do
	[ -e "$out/$f" ] && fail "$f is written, where Hugo writes nothing"
done
assert_contains "$out/project/x/index.html" 'X from en'
assert_contains "$out/project/y/index.html" '<html lang="en">'
assert_contains "$out/project/index.html" 'href="/project/y/"'
assert_not_contains "$out/fr/project/index.html" 'project/y'

# the English folder's file gone: the French folder's is that page
git -C "$repo" rm -q content/en/project/x/index.en.md
git -C "$repo" commit -qm "the English folder's x removed"
publish "$repo" "$out" "$state" "third"
same_as_full "$repo" "$out" "third"
assert_contains "$out/project/x/index.html" 'X from fr'
[ -f "$out/project/x/b.png" ] || fail "no project/x/b.png"
echo "ok"

#!/bin/bash
# The files of a leaf bundle whose page is held (a draft, a publishDate to
# come, an expiryDate past) are not published, as Hugo writes no resource of
# a page it does not render: a draft announcement's images are not on the
# site before it. A published page linking one is told (link/unpublished,
# a warning, as a link to the held page is); the draft's own links to its
# files say nothing. A bundle whose translation is published keeps its
# files. A draft made public, then a draft again: the files come and go, as
# a full build has them.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo out=$TEST_DIR/out state=$TEST_DIR/state
mkdir -p "$repo/content/blog/secret/images" "$repo/content/blog/later" "$repo/content/blog/gone" \
	"$repo/content/blog/bilingual"
cd "$repo"
printf 'baseURL = "https://example.org/"\ntitle = "Blog"\ndefaultContentLanguage = "en"\n[languages.en]\n[languages.fr]\n' >config.toml
printf -- '---\ntitle: Public\ndate: 2024-01-01\n---\n\nSee ![teaser](/blog/secret/pic.png).\n' >content/blog/public.md
printf -- '---\ntitle: Secret\ndate: 2024-01-02\ndraft: true\n---\n\n![p](pic.png) ![q](images/plan.png)\n' >content/blog/secret/index.md
printf 'PNG-unreleased' >content/blog/secret/pic.png
printf 'PNG-plan' >content/blog/secret/images/plan.png
printf -- '---\ntitle: Later\ndate: 2024-01-03\npublishDate: 2999-01-01\n---\n\n![p](later.png)\n' >content/blog/later/index.md
printf 'PNG-later' >content/blog/later/later.png
printf -- '---\ntitle: Gone\ndate: 2024-01-04\nexpiryDate: 2001-01-01\n---\n\n![p](gone.png)\n' >content/blog/gone/index.md
printf 'PNG-gone' >content/blog/gone/gone.png
printf -- '---\ntitle: Draft in English\ndate: 2024-01-05\ndraft: true\n---\n\n![p](both.png)\n' >content/blog/bilingual/index.md
printf -- '---\ntitle: Publié en français\ndate: 2024-01-05\n---\n\n![p](both.png)\n' >content/blog/bilingual/index.fr.md
printf 'PNG-both' >content/blog/bilingual/both.png
"$FOLIO" init --from hugo . >"$TEST_DIR/init.txt" 2>&1 || { cat "$TEST_DIR/init.txt" >&2; fail "init failed"; }
git init -q && git add -A && git commit -qm site

"$FOLIO" check --worktree . >"$TEST_DIR/check.txt" 2>&1 || { cat "$TEST_DIR/check.txt" >&2; fail "the site is refused"; }
assert_contains "$TEST_DIR/check.txt" \
	'content/blog/public.md:6:15: warning: link to "/blog/secret/pic.png" points to a draft ("content/blog/secret/index.md") [link/unpublished]'
assert_not_contains "$TEST_DIR/check.txt" "content/blog/secret/index.md:"
assert_not_contains "$TEST_DIR/check.txt" "link/asset"

publish "$repo" "$out" "$state" "the first publish"
for f in blog/secret/pic.png blog/secret/images/plan.png blog/later/later.png blog/gone/gone.png; do
	[ ! -e "$out/$f" ] || fail "$f, a held bundle's file, is published"
done
[ -f "$out/blog/bilingual/both.png" ] || fail "a bundle whose translation is published lost its file"
[ -f "$out/blog/public/index.html" ] || fail "the public page is not published"
same_as_full "$repo" "$out" "the first publish"

# made public: its files come; a draft again: they go
sed -i 's/^draft: true$/draft: false/' content/blog/secret/index.md
git commit -qam "publish the secret"
publish "$repo" "$out" "$state" "made public"
[ "$(cat "$out/blog/secret/pic.png")" = PNG-unreleased ] || fail "a published bundle's file is missing"
[ -f "$out/blog/secret/images/plan.png" ] || fail "a published bundle's nested file is missing"
same_as_full "$repo" "$out" "made public"

sed -i 's/^draft: false$/draft: true/' content/blog/secret/index.md
git commit -qam "a draft again"
publish "$repo" "$out" "$state" "a draft again"
[ ! -e "$out/blog/secret/pic.png" ] || fail "a draft's file stayed published"
same_as_full "$repo" "$out" "a draft again"

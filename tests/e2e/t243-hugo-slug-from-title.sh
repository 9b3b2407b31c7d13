#!/bin/bash
# Hugo's ":slug" permalink names a post without slug: by its title, made a
# URL segment by urlize (lower case, spaces to dashes, punctuation and emoji
# dropped, accents dropped too with removePathAccents): the posts of a
# French blog are at /2021/12/06/migrer-vers-postgresql/, not at their file
# names, and its links say so. init --from hugo writes slug_from: title
# (and remove_path_accents: true); links by file (ref, relative .md) still
# find the post; a translation is named by its own title; a title that
# would leave the site is one plain segment; two posts whose titles give one
# address are an output/clash naming both; a title with no letter is a
# finding at its line. The section's _index.md says url: /archives: its
# list is there, as Hugo puts it.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
fr=$site/content/fr/posts
en=$site/content/en/posts
mkdir -p "$fr/2019" "$fr/2021" "$fr/2022" "$fr/2023" "$fr/2024" "$en/2021"
cat >"$site/hugo.yaml" <<'YAML'
baseURL: https://carnet.example
title: Carnet
languageCode: fr
defaultContentLanguage: fr
removePathAccents: true
permalinks:
  posts: /:year/:month/:day/:slug
languages:
  fr:
    contentDir: content/fr
    weight: 1
  en:
    contentDir: content/en
    weight: 2
YAML
post() { # post FILE TITLE DATE [EXTRA-FRONT-MATTER] BODY
	printf -- '---\ntitle: "%s"\ndate: %s\n%s---\n%s\n' "$2" "$3" "$4" "$5" >"$1"
}
post "$fr/2021/2021-12-06-migrer.md" "Migrer vers PostgreSQL" 2021-12-06 $'translationKey: migrer\n' "Un billet."
post "$en/2021/2021-12-06-migrer.md" "Moving to PostgreSQL" 2021-12-06 $'translationKey: migrer\n' \
	"A post, [in French](/2021/12/06/migrer-vers-postgresql/)."
post "$fr/2019/2019-09-27-index.md" "Index décomplexé" "2019-09-27 16:00:00 +0200" "" $'## Usage\n\nDu texte.'
post "$fr/2022/2022-01-10-bilan.md" "Bilan 2021 : 🎉 et après ?" 2022-01-10 "" "Un bilan."
post "$fr/2023/2023-01-10-bilan.md" "Bilan" 2023-01-10 "" "Bilan 2022."
post "$fr/2024/2024-01-10-bilan.md" "Bilan" 2024-01-10 "" "Bilan 2023."
post "$fr/2022/2022-03-01-fixe.md" "Un titre ignoré" 2022-03-01 $'slug: mon-adresse\n' "Adresse fixe."
post "$fr/2022/2022-04-01-evasion.md" "../../../tmp/Évasion" 2022-04-01 "" "Pas d'évasion."
# a sub-section's page keeps its folder's address, as Hugo's sections do
printf -- '---\ntitle: "Année 2022"\n---\nLes billets de 2022.\n' >"$fr/2022/_index.md"
# the section's own url: is where Hugo puts its list
printf -- '---\ntitle: Archives\nurl: /archives\n---\nTous les billets.\n' >"$fr/_index.md"
cat >"$fr/liens.md" <<'MD'
---
title: "Liens"
date: 2024-06-01
---
- [absolu](/2021/12/06/migrer-vers-postgresql/)
- [ref]({{< ref "2021/2021-12-06-migrer.md" >}})
- [relatif](2019/2019-09-27-index.md#usage)
- [bilan](/2022/01/10/bilan-2021-et-apres/), [fixe](/2022/03/01/mon-adresse/)
- [archives](/archives/)
MD

"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'slug_from: title'
assert_contains "$site/folio.yaml" 'remove_path_accents: true'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the posts named by their titles: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/2021/12/06/migrer-vers-postgresql/index.html" 'Un billet.'
assert_contains "$out/en/2021/12/06/moving-to-postgresql/index.html" 'A post'
assert_contains "$out/2019/09/27/index-decomplexe/index.html" 'Du texte.'
assert_contains "$out/2022/01/10/bilan-2021-et-apres/index.html" 'Un bilan.'
assert_contains "$out/2023/01/10/bilan/index.html" 'Bilan 2022.'
assert_contains "$out/2024/01/10/bilan/index.html" 'Bilan 2023.'
assert_contains "$out/2022/03/01/mon-adresse/index.html" 'Adresse fixe.'
# a title naming other folders is one segment below the site
assert_contains "$out/2022/04/01/tmpevasion/index.html" "Pas d"
[ ! -e "$TEST_DIR/tmp" ] && [ ! -e "$out/tmp" ] || fail "a title's path escaped its segment"
links=$out/2024/06/01/liens/index.html
assert_contains "$links" 'href="/2021/12/06/migrer-vers-postgresql/">absolu'
assert_contains "$links" 'href="/2021/12/06/migrer-vers-postgresql/">ref'
assert_contains "$links" 'href="/2019/09/27/index-decomplexe/#usage">relatif'
[ ! -e "$out/2021/12/06/2021-12-06-migrer" ] || fail "the post is still at its file's name"
# the list at the section's url:, no redirect there, nothing at /posts/
assert_contains "$site/folio.yaml" 'url: "/archives/"'
assert_contains "$out/archives/index.html" 'Tous les billets.'
assert_contains "$out/archives/index.html" 'href="/2021/12/06/migrer-vers-postgresql/"'
assert_not_contains "$out/archives/index.html" 'http-equiv="refresh"'
[ -f "$out/archives/index.xml" ] || fail "no feed beside the list at /archives/"
assert_contains "$out/archives/2022/index.html" 'Les billets de 2022.'
[ ! -e "$out/archives/annee-2022" ] || fail "a sub-section's page was named by its title"
[ ! -e "$out/posts" ] || fail "the list is still at /posts/: $(ls "$out/posts")"

# two posts whose titles give one address, and a title with no letter
post "$fr/2021/2021-12-06-autre.md" "Migrer vers  PostgreSQL !" 2021-12-06 "" "Un autre."
post "$fr/2021/2021-12-07-fete.md" "🎉 !" 2021-12-07 "" "Fête."
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "a clash of titles should be an error (exit $r)"
grep -F '[output/clash]' "$TEST_DIR/check.txt" | grep -F '2021-12-06-autre.md' \
	| grep -qF '2021-12-06-migrer.md' || fail "the clash does not name both posts"
assert_contains "$TEST_DIR/check.txt" \
	'content/fr/posts/2021/2021-12-07-fete.md:2:8: error: its title gives no address (slug_from: title)'
rm "$fr/2021/2021-12-06-autre.md" "$fr/2021/2021-12-07-fete.md"

# without the key, posts are named by their files: the links break
sed -i '/slug_from: title/d' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "without slug_from the title's address should be unknown (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'link to "/2021/12/06/migrer-vers-postgresql/"'
echo "ok"

#!/bin/bash
# Three things French and German association sites on Jekyll
# (doc.data.gouv.fr, de-rse.github.io) met:
# - {% link _api/intro.md %} under collections_dir: articles names
#   articles/_api/intro.md, as Jekyll compares the tag's argument with a
#   document's path from collections_dir (22 link/broken on doc.data.gouv.fr);
# - a collection without a permalink of its own is at /:collection/:path/,
#   and :path is the file's: a slug: does not move the page (Jekyll's slug
#   feeds :slug and :title only);
# - a folder of pages (de/) is no collection to Jekyll, which writes each
#   page and de/index.md at /de/, no list, no /de/page/2/: folio listed
#   every page of the folder at /de/ under index.md's text.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$s/articles/_api" "$s/articles/_guides" "$s/de"
cat >"$s/_config.yml" <<'YML'
title: Doc
url: https://doc.example
permalink: pretty
collections_dir: articles
collections:
  api:
    output: true
  guides:
    output: true
YML
printf -- '---\ntitle: Intro\n---\n\n## Filtrage\n\nText.\n' >"$s/articles/_api/intro.md"
printf -- '---\ntitle: Ref\n---\n\nRead [the intro]({{ site.baseurl }}{%% link _api/intro.md %%}) and [filters]({%% link _api/intro.md %%}#filtrage).\n' \
	>"$s/articles/_api/reference.md"
printf -- '---\ntitle: Profil acheteur\nslug: publier-profil\n---\n\nText.\n' \
	>"$s/articles/_guides/publier-profil-acheteur-public.md"
printf -- '---\ntitle: Home\n---\n\nSee [the guide](/guides/publier-profil-acheteur-public/) and [de](/de/).\n' >"$s/index.md"
printf -- '---\ntitle: Start\n---\n\nWillkommen.\n' >"$s/de/index.md"
for i in 1 2 3; do printf -- '---\ntitle: Vortrag %s\n---\n\nText %s.\n' $i $i >"$s/de/talk-$i.md"; done
printf -- '---\ntitle: Mitglieder\n---\n\nZum [Start](/de/) und [Vortrag 2](/de/talk-2/).\n' >"$s/de/members.md"
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 || fail "the site is refused: $(cat "$TEST_DIR/check.txt")"
repo_of "$s" "$TEST_DIR/repo"
publish "$TEST_DIR/repo" "$out" "$TEST_DIR/state" "the first publish"
same_as_full "$TEST_DIR/repo" "$out" "the first publish"

assert_contains "$out/api/reference/index.html" 'href="/api/intro/"'
assert_contains "$out/api/reference/index.html" 'href="/api/intro/#filtrage"'
assert_contains "$out/guides/publier-profil-acheteur-public/index.html" 'Profil acheteur'
[ ! -e "$out/guides/publier-profil" ] || fail "slug: moved a page whose address is its path"
# de/: each page, de/index.md at /de/, nothing else
assert_contains "$out/de/index.html" 'Willkommen.'
assert_not_contains "$out/de/index.html" 'Vortrag'
[ ! -e "$out/de/page" ] || fail "a list page of de/, which Jekyll does not write"
assert_contains "$out/de/members/index.html" 'href="/de/talk-2/"'
assert_not_contains "$out/sitemap.xml" '<loc>https://doc.example/de/page/'
assert_contains "$out/sitemap.xml" '<loc>https://doc.example/de/</loc>'

# its text changed: /de/ follows, incrementally as in full
sed -i 's/Willkommen./Herzlich willkommen./' "$TEST_DIR/repo/de/index.md"
git -C "$TEST_DIR/repo" commit -qam "de/index.md reworded"
publish "$TEST_DIR/repo" "$out" "$TEST_DIR/state" "de/index.md reworded"
assert_contains "$out/de/index.html" 'Herzlich willkommen.'
same_as_full "$TEST_DIR/repo" "$out" "de/index.md reworded"
# a page added to de/: no list shows it, /de/ stays as it was
printf -- '---\ntitle: Vortrag 4\n---\n\nText 4.\n' >"$TEST_DIR/repo/de/talk-4.md"
git -C "$TEST_DIR/repo" add -A && git -C "$TEST_DIR/repo" commit -qm "talk 4"
publish "$TEST_DIR/repo" "$out" "$TEST_DIR/state" "a page added to de/"
assert_not_contains "$out/de/index.html" 'Vortrag 4'
[ -f "$out/de/talk-4/index.html" ] || fail "the added page is not published"
same_as_full "$TEST_DIR/repo" "$out" "a page added to de/"

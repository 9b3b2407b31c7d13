#!/bin/bash
# Hugo writes a 404 page per language when the theme has a 404 layout:
# /404.html and /fr/404.html for a site in English with French beside it
# (checked with Hugo 0.111 on this fixture, the French one rendered in
# French). folio wrote /404.html only. Now each translation language has
# its own, in that language (html lang="fr", its home at /fr/), unless a
# page or file of the site is at that address; a publish with --state
# after a French post is added writes the bytes of a full build.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
hugo_en_fr "$s"
printf -- '---\ntitle: Meetup\ndate: 2024-05-01\n---\nSee you.\n' >"$s/content/en/posts/meetup.md"
printf -- '---\ntitle: Rencontre\ndate: 2024-05-01\n---\nA bientot.\n' >"$s/content/fr/posts/rencontre.md"
mkdir -p "$s/static"
printf 'User-agent: *\n' >"$s/static/robots.txt"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
[ -f "$out/404.html" ] || fail "no /404.html"
[ -f "$out/fr/404.html" ] || fail "no /fr/404.html: $(cd "$out" && find . -name 404.html | tr '\n' ' ')"
assert_contains "$out/fr/404.html" 'lang="fr"'
assert_not_contains "$out/404.html" 'lang="fr"'
[ ! -e "$out/en/404.html" ] || fail "/en/404.html written: English is at the root"
assert_not_contains "$out/sitemap.xml" '404'

# a file of the site at /fr/404.html is its own
mkdir -p "$s/static/fr"
printf '<!doctype html><title>Introuvable</title>\n' >"$s/static/fr/404.html"
rm -rf "$out"
"$FOLIO" build --worktree "$s" --out "$out" >"$TEST_DIR/build2.txt" 2>&1 || fail "build refused: $(cat "$TEST_DIR/build2.txt")"
cmp -s "$s/static/fr/404.html" "$out/fr/404.html" || fail "static/fr/404.html is not the site's /fr/404.html"
rm -r "$s/static/fr"

# published with a state, then a French post added: a full build's bytes
repo=$TEST_DIR/repo
repo_of "$s" "$repo"
pub=$TEST_DIR/pub
publish "$repo" "$pub" "$TEST_DIR/state" first
same_as_full "$repo" "$pub" first
printf -- '---\ntitle: Atelier\ndate: 2024-06-01\n---\nAtelier.\n' >"$repo/content/fr/posts/atelier.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "atelier"
publish "$repo" "$pub" "$TEST_DIR/state" second
same_as_full "$repo" "$pub" second
[ -f "$pub/fr/404.html" ] || fail "the publish has no /fr/404.html"
echo "ok"

#!/bin/bash
# Hugo's :filename and :contentbasename permalink tokens name a page by its
# file (a bundle by its folder) and ignore its slug: (Hugo 0.111 put
# posts/first-post.md with slug: other-name at /posts/first-post/). folio
# put it at /posts/other-name/, every such page of a migrated site moved.
# 1. init writes slug_names: false for those sections, not for :slug or
#    :slugorcontentbasename ones (where slug: names the page).
# 2. The pages are at their files' names; a link by file finds them; a
#    url: still places a page.
# 3. A site of folio's own: slug_names: false there too, and the default
#    (true) lets slug: name the page.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts/bund" "$s/content/notes" "$s/content/blog"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://ex.example/"
title = "Journal"
[permalinks]
posts = "/:section/:filename/"
notes = "/n/:contentbasename/"
blog = "/b/:slugorcontentbasename/"
TOML
printf -- '---\ntitle: Premier\nslug: other-name\n---\nVoir [la note](../notes/my-note.md).\n' >"$s/content/posts/first-post.md"
printf -- '---\ntitle: Paquet\nslug: bundle-slug\n---\nUn paquet.\n' >"$s/content/posts/bund/index.md"
printf -- '---\ntitle: Placé\nslug: ignored\nurl: /ailleurs/\n---\nPlacé.\n' >"$s/content/posts/placed.md"
printf -- '---\ntitle: Note\nslug: note-slug\n---\nUne note.\n' >"$s/content/notes/my-note.md"
printf -- '---\ntitle: Billet\nslug: named-by-slug\n---\nUn billet.\n' >"$s/content/blog/a-file.md"
# 1
migrate_and_build hugo "$s" "$TEST_DIR/out"
[ "$(grep -c '^    slug_names: false' "$s/folio.yaml")" = 2 ] || fail "1: posts and notes only: $(cat "$s/folio.yaml")"
# 2
o=$TEST_DIR/out
assert_contains "$o/posts/first-post/index.html" "Premier"
assert_contains "$o/posts/bund/index.html" "Un paquet."
assert_contains "$o/n/my-note/index.html" "Une note."
assert_contains "$o/ailleurs/index.html" "Placé."
assert_contains "$o/b/named-by-slug/index.html" "Un billet."
assert_contains "$o/posts/first-post/index.html" 'href="/n/my-note/"'
for gone in posts/other-name posts/bundle-slug n/note-slug posts/ignored; do
	[ ! -e "$o/$gone" ] || fail "2: a page at its slug: /$gone/"
done
# 3
f=$TEST_DIR/own
mkdir -p "$f/events"
cat >"$f/folio.yaml" <<'YAML'
title: Site
base_url: https://own.example
language: fr
collections:
  - name: events
    slug_names: false
  - name: news
YAML
mkdir -p "$f/news"
printf -- '---\ntitle: Colloque\nslug: autre\n---\nUn colloque.\n' >"$f/events/colloque.md"
printf -- '---\ntitle: Annonce\nslug: annonce-2026\n---\nUne annonce.\n' >"$f/news/annonce.md"
"$FOLIO" build --worktree "$f" --out "$TEST_DIR/own-out" >"$TEST_DIR/own.txt" 2>&1 || fail "3: $(cat "$TEST_DIR/own.txt")"
assert_contains "$TEST_DIR/own-out/events/colloque/index.html" "Un colloque."
assert_contains "$TEST_DIR/own-out/news/annonce-2026/index.html" "Une annonce."
printf 'collections:\n  - name: events\n    slug_names: maybe\n' >"$f/folio.yaml"
! "$FOLIO" check --worktree "$f" >"$TEST_DIR/bad.txt" 2>&1 || fail "3: slug_names: maybe accepted"
assert_contains "$TEST_DIR/bad.txt" "slug_names"
echo "t415 ok"

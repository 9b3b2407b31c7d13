#!/bin/bash
# A fragment that is a route a page's script reads, not an element's id:
# an open-data portal's documentation links its API reference as
# reference/#/datasets/create_dataset (Swagger UI's routes), a talk's post
# its reveal.js slides as slides/#/objectifs. folio refused both pages
# (link/anchor: no heading with that id), though no heading id can begin
# with '/'. Such a fragment (#/..., #!/...) is now a link/anchor-unchecked
# warning naming it; a fragment that is no id stays an error.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

h=$TEST_DIR/site
mkdir -p "$h/content/docs"
printf 'baseURL = "https://donnees.example/"\ntitle = "Données"\nlanguageCode = "fr"\n' >"$h/hugo.toml"
printf -- '---\ntitle: Référence\n---\n## Datasets\n\nLa référence de l’API.\n' >"$h/content/docs/reference.md"
printf -- '---\ntitle: Guide\n---\nVoir [créer un jeu](/docs/reference/#/datasets/create_dataset), [la route](/docs/reference/#!/datasets) et [la section](/docs/reference/#datasets).\n' \
	>"$h/content/docs/guide.md"
"$FOLIO" init --from hugo "$h" >/dev/null 2>&1 || fail "init"
"$FOLIO" check --worktree "$h" >"$TEST_DIR/c1.txt" 2>&1 || fail "routes refused: $(cat "$TEST_DIR/c1.txt")"
assert_contains "$TEST_DIR/c1.txt" 'warning: link to "/docs/reference/#/datasets/create_dataset": "#/datasets/create_dataset" is a route a script of "content/docs/reference.md" reads, not an element'"'"'s id: not checked [link/anchor-unchecked]'
assert_contains "$TEST_DIR/c1.txt" '"#!/datasets" is a route'
printf -- '\n[absente](/docs/reference/#absente)\n' >>"$h/content/docs/guide.md"
r=0; "$FOLIO" check --worktree "$h" >"$TEST_DIR/c2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a missing anchor was not refused: $(cat "$TEST_DIR/c2.txt")"
assert_contains "$TEST_DIR/c2.txt" 'has no heading with id "absente" [link/anchor]'
echo "ok"

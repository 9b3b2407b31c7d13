#!/bin/bash
# A hugo.toml at the top and config/_default/hugo.toml beside it: Hugo
# (0.111 as today's) reads the top's file, then sets the folder's over it,
# key by key, a mapping's keys into the top's (params). init took the
# top's where both say: a photographer's site in French whose top
# hugo.toml is `hugo new site`'s (title 'My New Hugo Site', languageCode
# 'en-us') and whose real settings are in config/_default/ was written in
# English under the placeholder title, every page's <html lang> and
# <title> wrong. Per-key files of the folder (params.toml) win too.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/config/_default" "$s/content/ateliers"
printf "baseURL = 'https://institut.example/'\nlanguageCode = 'en-us'\ntitle = 'My New Hugo Site'\n[params]\nville = 'Nantes'\nsalle = 'A'\n" >"$s/hugo.toml"
printf 'title = "Institut coopératif"\nlanguageCode = "fr-FR"\ndefaultContentLanguage = "fr"\n[params]\nsalle = "B12"\n' \
	>"$s/config/_default/hugo.toml"
printf 'courriel = "contact@institut.example"\n' >"$s/config/_default/params.toml"
cat >"$s/content/ateliers/printemps.md" <<'MD'
---
title: Atelier de printemps
---
À {{< param ville >}}, salle {{< param salle >}} ; écrire à {{< param courriel >}}.
MD
migrate_and_build hugo "$s" "$TEST_DIR/out"
assert_contains "$s/folio.yaml" 'title: "Institut coopératif"'
assert_contains "$s/folio.yaml" 'language: "fr-FR"'
assert_contains "$s/folio.yaml" 'base_url: "https://institut.example"'
p=$TEST_DIR/out/ateliers/printemps/index.html
assert_contains "$p" '<html lang="fr-FR"'
assert_contains "$p" 'À Nantes, salle B12'
assert_contains "$p" 'contact@institut.example'
assert_not_contains "$p" 'My New Hugo Site'
echo "ok"

#!/bin/bash
# A Hugo site on Doks mounts the theme's layouts from npm's folder
# ([[module.mounts]] source = "node_modules/@hyas/doks/layouts", target =
# "layouts"), which the repository does not hold; its own layouts/ has an
# index.html and a section's list.html only. Hugo writes the section's
# pages with Doks' _default/single.html. init left them out ("no layout
# writes it"), having looked in layouts/ and themes/ alone: les-bacots'
# five "succes" pages, published at the nineteenth pass, were missing when
# its site was measured again. A mounted folder the site holds is read as
# the site's layouts: without a single.html there, the page is left out as
# before, with one it is written.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/adhesion" "$s/layouts/adhesion"
cat >"$s/hugo.toml" <<'EOF'
baseURL = "https://coop-recherche.example/"
title = "Coopérative de recherche"
languageCode = "fr"
[module]
  [[module.mounts]]
    source = "node_modules/@hyas/doks/layouts"
    target = "layouts"
  [[module.mounts]]
    source = "layouts"
    target = "layouts"
EOF
printf '{{ .Content }}\n' >"$s/layouts/index.html"
printf '{{ range .Pages }}{{ .Title }}{{ end }}\n' >"$s/layouts/adhesion/list.html"
printf -- '---\ntitle: Adhérer\n---\nRejoindre la coopérative.\n' >"$s/content/adhesion/_index.md"
printf -- '---\ntitle: Formulaire envoyé\n---\nVotre adhésion est **enregistrée**.\n' >"$s/content/adhesion/merci.md"
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$s/content/_index.md"
base=$TEST_DIR/base
cp -r "$s" "$base"

# the theme's layouts are not here: the page is written, as Hugo writes it
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_not_contains "$TEST_DIR/init.txt" 'no layout writes it'
assert_contains "$out/adhesion/merci/index.html" 'enregistrée'

# the mounted folder in the site, without a single.html: left out, as Hugo
# writes no page of it; a folder mounted at layouts/partials/ does not
# change that
h=$TEST_DIR/here
cp -r "$base" "$h"
mkdir -p "$h/node_modules/@hyas/doks/layouts/_default"
# (a mount of partials writes no page: it leaves the layouts known)
printf '  [[module.mounts]]\n    source = "fonctions"\n    target = "layouts/partials/fonctions"\n' >>"$h/hugo.toml"
printf '{{ .Content }}\n' >"$h/node_modules/@hyas/doks/layouts/_default/list.html"
migrate_and_build hugo "$h" "$TEST_DIR/out-here" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'content/adhesion/merci.md: no layout writes it'
[ ! -e "$TEST_DIR/out-here/adhesion/merci/index.html" ] || fail "/adhesion/merci/ written, which no layout writes"

# with its _default/single.html: written
w=$TEST_DIR/with
cp -r "$h" "$w"
rm -rf "$w/folio.yaml" "$w/schemas"
printf '{{ .Content }}\n' >"$w/node_modules/@hyas/doks/layouts/_default/single.html"
migrate_and_build hugo "$w" "$TEST_DIR/out-with" >/dev/null
assert_not_contains "$TEST_DIR/init.txt" 'no layout writes it'
assert_contains "$TEST_DIR/out-with/adhesion/merci/index.html" 'enregistrée'
echo "ok layouts mounted from outside the repository leave no page out"

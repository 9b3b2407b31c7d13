#!/bin/bash
# `cmake --install` puts the French catalogue under <prefix>/share/locale,
# and the installed folio finds it there, beside its own bin/, whatever
# prefix the build was configured with (a package built for /usr, a tree
# copied elsewhere): a French site's findings are French.
. "$(dirname "$0")/lib.sh"
unset FOLIO_FINDINGS_LANG # lib.sh's English default off: the site decides
: "${FOLIO_BUILD_DIR:?FOLIO_BUILD_DIR must name the build tree}"

prefix=$TEST_DIR/prefix
cmake --install "$FOLIO_BUILD_DIR" --prefix "$prefix" >"$TEST_DIR/install.out" 2>&1 ||
	{ cat "$TEST_DIR/install.out"; fail "cmake --install failed"; }
[ -f "$prefix/share/locale/fr/LC_MESSAGES/folio.mo" ] || fail "no French catalogue installed"
# moved after installing: found beside the binary, not at the configured path
mv "$prefix" "$TEST_DIR/moved"
folio=$TEST_DIR/moved/bin/folio

site=$TEST_DIR/site
make_repo "$site"
printf -- '---\ntitle: Essai\n---\n\nVoir [la page perdue](/pages/perdue/).\n' >"$site/pages/essai.md"
git -C "$site" add -A
git -C "$site" commit -qm "Essai"
out=$TEST_DIR/check.out
LANG=C "$folio" check --repo "$site" >"$out" 2>&1 || true
cat "$out"
assert_contains "$out" 'error: le lien vers "/pages/perdue/" ne mène à aucune page [link/broken]'
LANG=fr_FR.UTF-8 "$folio" check --help >"$out"
assert_contains "$out" "affiche cette aide"
echo "ok: the installed folio speaks French"

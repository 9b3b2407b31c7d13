#!/bin/bash
# Hugo's disableLanguages = ["en"] (hugoplate's starter, kept by 180°C, a
# Lausanne students' cooking association (UNIL, EPFL), in French only):
# Hugo builds no page of a language it names, nor the /fr/ its default
# language would have beside another. init read only a language's own
# disabled = true, so folio wrote an English home page at /en/, /en/404.html
# and a redirect at /fr/, none of which Hugo 0.111 writes on this fixture.
# A language named in disableLanguages, in any case, is now left out as
# one marked disabled. Thirty-second pass (Hugo).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/french/blog" "$s/content/english/blog" "$s/config/_default"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://asso.example/"
title = "Asso"
disableLanguages = [ "EN" ]
defaultContentLanguage = "fr"
TOML
cat >"$s/config/_default/languages.toml" <<'TOML'
[en]
languageName = "En"
contentDir = "content/english"
weight = 2
[fr]
languageName = "Fr"
contentDir = "content/french"
weight = 1
TOML
printf -- '---\ntitle: "Recrutement"\ndate: 2026-02-26\n---\nRejoins-nous.\n' >"$s/content/french/blog/recrutement.md"
printf -- '---\ntitle: "Hiring"\ndate: 2026-02-26\n---\nJoin us.\n' >"$s/content/english/blog/hiring.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/blog/recrutement/index.html" 'Rejoins-nous'
for p in en/index.html en/404.html en/blog/hiring/index.html fr/index.html; do
	[ ! -e "$out/$p" ] || fail "folio wrote /$p, a page of a language Hugo builds none of"
done
if grep -q '^languages:' "$s/folio.yaml"; then fail "folio.yaml names a disabled language"; fi

# A language disabled by its own settings stays left out as before.
s2=$TEST_DIR/site2
cp -r "$s" "$s2" && rm "$s2/folio.yaml" && rm -rf "$s2/schemas"
sed -i 's/^disableLanguages.*//' "$s2/hugo.toml"
printf '[en]\ndisabled = true\ncontentDir = "content/english"\n[fr]\ncontentDir = "content/french"\nweight = 1\n' >"$s2/config/_default/languages.toml"
migrate_and_build hugo "$s2" "$TEST_DIR/out2" >/dev/null
[ ! -e "$TEST_DIR/out2/en/index.html" ] || fail "a language of disabled = true was built"

repo_of "$s" "$TEST_DIR/r"
publish "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
printf -- '---\ntitle: "Fringale"\ndate: 2026-03-01\n---\nLe livre.\n' >"$TEST_DIR/r/content/french/blog/fringale.md"
git -C "$TEST_DIR/r" add -A && git -C "$TEST_DIR/r" commit -qm "fringale"
publish "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "fringale"
[ ! -e "$TEST_DIR/pub/en/index.html" ] || fail "a push built the disabled language"
same_as_full "$TEST_DIR/r" "$TEST_DIR/pub" "fringale"
echo "ok a language named in disableLanguages is left out, as Hugo builds none of it"

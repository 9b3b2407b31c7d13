#!/bin/bash
# {% include_relative %} whose file is named by a Liquid output: a Belgian
# sea scouts' event site in French and Dutch keeps each page's text in
# fr/ and nl/ (excluded), and every page at the top is one tag,
# {% include_relative {{ site.language | append: "/" | append: page.name }} %},
# built once per language with another _config.yml. Debian's Jekyll 4.3.1
# reads fr/contact.md for contact.md (site.language, then "/", then the
# page's file name), from the page's own folder (docs/fr/guide.md for
# docs/guide.md). folio took the name for Liquid it does not run: every
# page was empty, a warning each. A name made of site values, quoted
# strings and page.name joined by append: and prepend: is
# now read; any other Liquid in it is still nothing, with the warning.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/fr" "$j/docs/fr"
printf 'title: Fanion\nurl: https://fanion.example\nlanguage: fr\nexclude: [fr, docs/fr]\n' >"$j/_config.yml"
for p in index contact; do
	printf -- '---\ntitle: %s\n---\n{%% include_relative {{ site.language | append: "/" | append: page.name }} %%}\n' \
		"$p" >"$j/$p.md"
done
printf '## Nous écrire\n\nLe texte du contact.\n' >"$j/fr/contact.md"
printf 'Bienvenue au Fanion.\n' >"$j/fr/index.md"
printf -- '---\ntitle: Guide\n---\n{%% include_relative {{ page.name | prepend: "/" | prepend: site.language }} %%}\n' \
	>"$j/docs/guide.md"
printf 'Le guide, en français.\n' >"$j/docs/fr/guide.md"
# Liquid folio does not run in the name: still nothing, with the warning
printf -- '---\ntitle: Autre\n---\n{%% include_relative {{ site.language | upcase }}.md %%}\n' >"$j/autre.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
flat() { tr -d '\n' <"$1"; }
flat "$out/contact.html" | grep -qF 'Le texte du contact.' || fail "contact.md: fr/contact.md not read"
flat "$out/contact.html" | grep -qF 'id="nous-écrire"' || fail "contact.md: the heading of fr/contact.md has no id"
flat "$out/index.html" | grep -qF 'Bienvenue au Fanion.' || fail "index.md: fr/index.md not read"
flat "$out/docs/guide.html" | grep -qF 'Le guide, en français.' || fail "docs/guide.md: docs/fr/guide.md not read"
assert_contains "$TEST_DIR/build.txt" 'autre.md:4:1: warning: liquid include "{{" names its file with Liquid'
assert_not_contains "$TEST_DIR/build.txt" 'contact.md:4:1'
# a value that climbs out of the site is no plain path, as any other
printf -- '---\n---\n{%% include_relative {{ "../../etc/" | append: page.name }} %%}\n' >"$j/passwd.md"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || true
assert_contains "$TEST_DIR/check.txt" 'is no plain path within the site'
echo "ok"

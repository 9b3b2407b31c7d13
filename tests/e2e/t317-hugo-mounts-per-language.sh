#!/bin/bash
# A Hugo site whose languages are module mounts onto content/, each naming
# the languages it serves (lang: fr, or Hugo 0.153's sites: {matrix:
# {languages: [...]}}, as docsy.dev mounts content/fr before content/en):
# init reads the default language's mount as the content folder and the
# others as their languages' folders (language_dirs:). It took the first
# mount for the whole site: the French home page became the site's, and
# every English page was excluded without a word.
. "$(dirname "$0")/lib.sh"

site_with() { # DIR MOUNTS-YAML
	mkdir -p "$1/content/en/docs" "$1/content/fr" "$1/layouts/_default"
	printf -- '---\ntitle: Home\n---\nSee [the guide](/docs/guide/).\n' >"$1/content/en/_index.md"
	printf -- '---\ntitle: Docs\n---\n' >"$1/content/en/docs/_index.md"
	printf -- '---\ntitle: Guide\n---\nHello.\n' >"$1/content/en/docs/guide.md"
	printf -- '---\ntitle: Accueil\n---\nBonjour.\n' >"$1/content/fr/_index.md"
	cat >"$1/hugo.yaml" <<YAML
title: t
baseURL: https://example.org/
defaultContentLanguage: en
languages:
  en: {weight: 1}
  fr: {weight: 2}
module:
  mounts:
$2
YAML
}

check_site() { # DIR LABEL
	migrate_and_build hugo "$1" "$1.out" >/dev/null
	assert_contains "$1/folio.yaml" 'language: "en"'
	assert_contains "$1/folio.yaml" '"fr": "content/fr"'
	assert_not_contains "$1/folio.yaml" '- "content/en"'
	[ -f "$1.out/docs/guide/index.html" ] || fail "$2: the English guide is not published at /docs/guide/"
	assert_contains "$1.out/index.html" "Home"
	assert_contains "$1.out/fr/index.html" "Accueil"
	assert_not_contains "$1.out/index.html" "Accueil"
}

site_with "$TEST_DIR/lang" '    - {source: content/fr, target: content, lang: fr}
    - {source: content/en, target: content, lang: en}'
check_site "$TEST_DIR/lang" "lang:"

site_with "$TEST_DIR/matrix" '    - {source: content/fr, target: content, sites: {matrix: {languages: [fr]}}}
    - {source: content/en, target: content, sites: {matrix: {languages: [en, fr]}}}'
check_site "$TEST_DIR/matrix" "sites: matrix"
echo ok

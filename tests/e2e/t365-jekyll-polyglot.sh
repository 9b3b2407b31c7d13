#!/bin/bash
# A Jekyll site translated with jekyll-polyglot (languages: and default_lang:
# in _config.yml): about.fr.md (lang: fr, permalink: about/) is the French
# about page at /fr/about/, _posts/fr/2024-01-02-news.md the French version
# of _posts/2024-01-02-news.md at /fr/2024/01/02/news/. init read neither:
# every translation was an output/clash (110 of polyglot's own 148 pages).
# Published commit after commit, the output is a full build's.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo out=$TEST_DIR/out state=$TEST_DIR/state
mkdir -p "$repo/_posts/fr" "$repo/_posts/pt-BR"
cd "$repo"
cat >_config.yml <<'YML'
title: Coop
url: https://coop.example
permalink: pretty
languages: ["en", "fr", "../../etc", "pt-BR", "fr/../../x"]
default_lang: "en"
plugins: [jekyll-polyglot]
YML
printf -- '---\ntitle: About\npermalink: about/\nlang: en\n---\n\nHello.\n' >about.md
printf -- '---\ntitle: À propos\npermalink: about/\nlang: fr\n---\n\nBonjour, voir [les nouvelles](/fr/2024/01/02/news/).\n' >about.fr.md
printf -- '---\ntitle: News\nlang: en\n---\n\nNews.\n' >_posts/2024-01-02-news.md
printf -- '---\ntitle: Nouvelles\nlang: fr\n---\n\nNouvelles.\n' >_posts/fr/2024-01-02-news.md
printf -- '---\ntitle: Notícias\nlang: pt-BR\n---\n\nNotícias.\n' >_posts/pt-BR/2024-01-02-news.md
printf -- '---\ntitle: Home\n---\n\nHome.\n' >index.md
"$FOLIO" init --from jekyll . >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" 'jekyll-polyglot: en is the site'"'"'s language'
assert_contains folio.yaml 'languages: ["fr", "pt-BR"]'
assert_contains folio.yaml '"fr": "_posts/fr"'
# whoever pushes writes _config.yml: a "language" that is no language tag
# is no language, nor a folder folio reads
assert_not_contains folio.yaml 'etc'
assert_not_contains folio.yaml '../'
"$FOLIO" check --worktree . >"$TEST_DIR/check.txt" 2>&1 || fail "the site is refused: $(cat "$TEST_DIR/check.txt")"
git init -q && git add -A && git commit -qm site
publish "$repo" "$out" "$state" "the first publish"
same_as_full "$repo" "$out" "the first publish"
assert_contains "$out/about/index.html" 'Hello.'
assert_contains "$out/fr/about/index.html" 'Bonjour'
assert_contains "$out/fr/about/index.html" '<html lang="fr"'
assert_contains "$out/2024/01/02/news/index.html" 'News.'
assert_contains "$out/fr/2024/01/02/news/index.html" 'Nouvelles.'
assert_contains "$out/pt-BR/2024/01/02/news/index.html" 'Notícias.'
# the versions of a post know each other (hreflang)
assert_contains "$out/2024/01/02/news/index.html" 'hreflang="fr" href="https://coop.example/fr/2024/01/02/news/"'
[ ! -e "$out/fr/2024/01/02/news/fr" ] && [ ! -e "$out/fr/fr" ] || fail "a translation's address holds its language twice"

# a French post added, then the English one deleted: as a full build has it
printf -- '---\ntitle: Assemblée\nlang: fr\n---\n\nAssemblée générale.\n' >_posts/fr/2024-02-01-assemblee.md
git add -A && git commit -qm "a French post"
publish "$repo" "$out" "$state" "a French post"
assert_contains "$out/fr/2024/02/01/assemblee/index.html" 'Assemblée générale.'
same_as_full "$repo" "$out" "a French post"
git rm -q _posts/2024-01-02-news.md && git commit -qm "the English news gone"
publish "$repo" "$out" "$state" "the English news gone"
[ ! -e "$out/2024/01/02/news/index.html" ] || fail "the deleted post stayed"
assert_contains "$out/fr/2024/01/02/news/index.html" 'Nouvelles.'
same_as_full "$repo" "$out" "the English news gone"

# jekyll-multiple-languages-plugin, which folio does not run: init says so,
# and check names the {% translate_file %} it leaves empty
ml=$TEST_DIR/multi
mkdir -p "$ml/_pages" "$ml/_i18n/de" "$ml/_i18n/en"
printf 'title: RSE\nlanguages: ["de", "en"]\nplugins: [jekyll-multiple-languages-plugin]\ncollections:\n  pages:\n    output: true\n' \
	>"$ml/_config.yml"
printf -- '---\ntitle: About\npermalink: /about/\n---\n{%% translate_file about.md %%}\n' >"$ml/_pages/about.md"
printf 'Über uns.\n' >"$ml/_i18n/de/about.md"
printf -- '---\ntitle: Home\n---\nHome.\n' >"$ml/index.md"
"$FOLIO" init --from jekyll "$ml" >"$TEST_DIR/init-ml.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init-ml.txt")"
assert_contains "$TEST_DIR/init-ml.txt" 'the site loads jekyll-multiple-languages-plugin, which folio does not run'
"$FOLIO" check --worktree "$ml" >"$TEST_DIR/check-ml.txt" 2>&1
assert_contains "$TEST_DIR/check-ml.txt" '_pages/about.md:5:1: warning: unknown liquid tag "translate_file" renders as nothing [shortcode/liquid]'

#!/bin/bash
# A Jekyll site built with `jekyll build --config _config.yml,_config.prod.yml`
# (production's address and permalinks over the development settings, or
# a language's over the site's) was read by init from _config.yml alone:
# its posts went to /seminaire/ where Jekyll writes
# /actualites/2024/seminaire/, and its title and address were the
# development ones. init --config takes the same list, each file merged
# over the ones before as Jekyll merges them (a mapping key by key:
# collections.publications keeps output: from _config.yml and gains
# permalink: from _config.prod.yml). Without --config, the notes name the
# files left unread. Debian's Jekyll 4.3.1 writes the addresses checked.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_publications" "$j/_posts"
cat >"$j/_config.yml" <<'Y'
title: Institut coopératif
url: https://preprod.institut-cooperatif.fr
lang: fr
permalink: /:categories/:title/
collections:
  publications:
    output: true
Y
cat >"$j/_config.prod.yml" <<'Y'
title: Institut coopératif de recherche
url: https://www.institut-cooperatif.fr
permalink: /actualites/:year/:title/
collections:
  publications:
    permalink: /publications/:name/
Y
printf -- '---\ntitle: Économie sociale et territoires\n---\nUn ouvrage collectif.\n' >"$j/_publications/economie-sociale.md"
printf -- '---\ntitle: Séminaire de printemps\n---\nÀ Lyon, [l’ouvrage](/publications/economie-sociale/).\n' \
	>"$j/_posts/2024-03-12-seminaire.md"
printf -- '---\ntitle: Accueil\n---\n[Le séminaire](/actualites/2024/seminaire/).\n' >"$j/index.md"

# _config.yml alone: the production file is named, not read
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init1.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init1.txt")"
assert_contains "$TEST_DIR/init1.txt" "_config.prod.yml is not read: when the site is built with it (jekyll build --config _config.yml,_config.prod.yml), give init the same --config"
assert_contains "$j/folio.yaml" 'base_url: "https://preprod.institut-cooperatif.fr"'

# the list, as Jekyll reads it
"$FOLIO" init --from jekyll --force --config _config.yml,_config.prod.yml "$j" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --config: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" "_config.prod.yml is read over what comes before it"
assert_not_contains "$TEST_DIR/init.txt" "is not read"
assert_contains "$j/folio.yaml" 'from _config.yml,_config.prod.yml'
assert_contains "$j/folio.yaml" 'title: "Institut coopératif de recherche"'
assert_contains "$j/folio.yaml" 'base_url: "https://www.institut-cooperatif.fr"'
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || fail "check: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
for p in actualites/2024/seminaire/index.html publications/economie-sociale/index.html index.html; do
	[ -f "$out/$p" ] || fail "no /$p, Jekyll's address with both files"
done
grep -qF 'Un ouvrage collectif' "$out/publications/economie-sociale/index.html" || fail "the publication's page is not its text"

# what cannot be read is said, and nothing is written
for bad in "_config.yml,../x.yml" "_config.yml,_absent.yml" "," "/etc/passwd"; do
	rm -f "$j/folio.yaml"
	if "$FOLIO" init --from jekyll --config "$bad" "$j" >"$TEST_DIR/bad.txt" 2>&1; then
		fail "init --config $bad succeeded"
	fi
	assert_contains "$TEST_DIR/bad.txt" "--config names"
	[ ! -e "$j/folio.yaml" ] || fail "init --config $bad wrote folio.yaml"
done
if "$FOLIO" init --from hugo --config _config.yml "$j" >"$TEST_DIR/hugo.txt" 2>&1; then
	fail "init --from hugo --config succeeded"
fi
assert_contains "$TEST_DIR/hugo.txt" "--config goes with --from jekyll"
echo "ok"

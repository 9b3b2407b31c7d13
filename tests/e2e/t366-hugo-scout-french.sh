#!/bin/bash
# What French Hugo sites (safe-n-tech, pragmatias, openfisca.org) met:
# - a 251-byte file name in a folder the site leaves out (a headless
#   bundle init excludes) refused the whole site (tree/path, locked):
#   nothing of it is written, so its name is no matter now; the same name
#   in a published folder is still refused;
# - "Tags :" with a capital: Hugo reads front matter keys without case,
#   so its terms are the page's tags (no term page was written);
# - "taxonomies:" given empty turns taxonomies off, as in Hugo;
# - {{< relref "/association/statutes#art-10" >}} on a French page names
#   the French statutes (statutes.fr.md, /fr/association/statuts/), as
#   Hugo's GetPage looks in the page's own language (a false link/anchor).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$s/content/good-practices" "$s/content/blog"
cat >"$s/config.yml" <<'YML'
baseURL: https://securite.example/
title: Sécurité
YML
printf -- '---\ntitle: GP\nheadless: true\ncascade:\n  _build:\n    render: never\n---\n' >"$s/content/good-practices/_index.md"
long=$(printf 'a%.0s' $(seq 1 248)).md
printf -- '---\ntitle: long\n---\nx\n' >"$s/content/good-practices/$long"
printf -- '---\ntitle: A\nTags: [Spark, azure]\n---\nHello.\n' >"$s/content/blog/a.md"
printf -- '---\ntitle: B\ntags: [spark]\n---\nWorld.\n' >"$s/content/blog/b.md"
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$s/folio.yaml" '"content/good-practices"'
assert_contains "$out/tags/spark/index.html" 'href="/blog/a/"'
assert_contains "$out/tags/spark/index.html" 'href="/blog/b/"'
assert_contains "$out/tags/azure/index.html" 'href="/blog/a/"'
assert_contains "$out/blog/a/index.html" 'rel="tag" href="/tags/spark/"'
# the long name where it would be published: refused, as before
mkdir -p "$s/content/blog/long"
mv "$s/content/good-practices/$long" "$s/content/blog/long/"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a 251-byte name to publish passed"
assert_contains "$TEST_DIR/check.txt" 'tree entry refused: name longer than 234 bytes [tree/path]'

# taxonomies: given empty
e=$TEST_DIR/empty out2=$TEST_DIR/out2
mkdir -p "$e/content/posts"
printf 'baseURL: https://e.example/\ntitle: t\ntaxonomies:\n  # disable all taxonomies\n' >"$e/config.yml"
printf -- '---\ntitle: A\ntags: [mineurs]\n---\nHello\n' >"$e/content/posts/a.md"
migrate_and_build hugo "$e" "$out2" >/dev/null
assert_not_contains "$e/folio.yaml" 'taxonomies:'
[ ! -e "$out2/tags" ] || fail "taxonomies: given empty, and /tags/ is written"

# relref on a translated page
o=$TEST_DIR/openfisca out3=$TEST_DIR/out3
mkdir -p "$o/content/association"
printf 'baseURL: https://openfisca.example/\ntitle: t\ndefaultContentLanguageInSubdir: true\nlanguages:\n  en: {weight: 0}\n  fr: {weight: 1}\n' \
	>"$o/config.yaml"
printf -- '---\ntitle: Statutes\n---\n## Article 10: Board\n' >"$o/content/association/statutes.en.md"
printf -- '---\ntitle: Statuts\nslug: statuts\n---\n## Article 10 : Conseil {#art-10}\n' >"$o/content/association/statutes.fr.md"
printf -- '---\ntitle: Association\n---\n[statuts]({{< relref "/association/statutes#art-10" >}})\n' \
	>"$o/content/association/_index.fr.md"
printf -- '---\ntitle: Association\n---\n[statutes]({{< relref "/association/statutes#article-10-board" >}})\n' \
	>"$o/content/association/_index.en.md"
migrate_and_build hugo "$o" "$out3" >/dev/null
assert_contains "$out3/fr/association/index.html" '<a href="/fr/association/statuts/#art-10">statuts</a>'
assert_contains "$out3/association/index.html" '<a href="/association/statutes/#article-10-board">statutes</a>'

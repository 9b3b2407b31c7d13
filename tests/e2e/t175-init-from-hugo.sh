#!/bin/bash
# folio init --from hugo on a site in Hugo's own layout (testdata/hugo-source:
# config.toml, content/ with nested sections, bundles, _index.md, TOML and
# YAML, CRLF, slug/aliases, a translation, a shortcode, taxonomies, a
# definition list whose terms links name, folders Hugo does not publish; layouts/,
# archetypes/, themes/): folio.yaml and schemas are written and no other file
# changes; check names exactly the two defects put there on purpose; without
# them check and build pass, at their permalinks (events' with dates); a second
# init refuses to replace folio.yaml unless --force. The moved-up layout
# (testdata/hugo-site without its folio.yaml) gives a site that passes too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_initfrom.sh"

site=$TEST_DIR/site
cp -r "$FOLIO_SOURCE_DIR/testdata/hugo-source" "$site"
tree_sums "$site" >"$TEST_DIR/before.sums"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
tree_sums "$site" >"$TEST_DIR/after.sums"
cmp -s "$TEST_DIR/before.sums" "$TEST_DIR/after.sums" \
	|| fail "init touched the site's files: $(diff "$TEST_DIR/before.sums" "$TEST_DIR/after.sums")"
cat "$TEST_DIR/init.txt"

# the configuration, from config.toml and content/
cfg=$site/folio.yaml
assert_contains "$cfg" 'title: "Jardins partagés de la Croix-Rousse"'
assert_contains "$cfg" 'base_url: "https://jardins-partages.example"'
assert_contains "$cfg" 'language: "fr"'
assert_contains "$cfg" 'allow_html: true'
assert_contains "$cfg" 'static_at_root: true'
assert_contains "$cfg" 'folder: "content/posts"'
# posts = "/billets/:slug/" places the pages; the section's list stays at
# /posts/, as Hugo leaves it
assert_contains "$cfg" 'url: "/posts/"'
assert_contains "$cfg" 'permalink: "/billets/:slug/"'
assert_contains "$cfg" 'label: "Billets"'
assert_contains "$cfg" 'permalink: "/:year/:month/:slug/"'
# what Hugo does not publish (headless:, cascade build.render: never) is excluded
for d in content/extraits content/posts/lexique/compost.md; do
	assert_contains "$cfg" "  - \"$d\""
done
assert_contains "$TEST_DIR/init.txt" 'content/extraits: Hugo does not publish its pages'
for d in archetypes layouts themes data; do
	assert_contains "$cfg" "  - \"$d\""
done
# content/_index.md is the home page's text, not excluded
assert_contains "$cfg" '    home: true'
if grep -q '"content/_index.md"' "$cfg"; then fail "the home page's text is excluded"; fi
assert_contains "$TEST_DIR/init.txt" 'collection posts: 8 pages in content/posts/, at /posts/'

# the schemas, inferred from the front matter
python3 - "$site/schemas" <<'PY' || fail "the inferred schemas are not as expected"
import json, sys
d = sys.argv[1]
posts = json.load(open(d + "/posts.json"))
p = posts["properties"]
# a date or a date-time, whichever the pages hold: Hugo reads both
assert p["date"] == {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]}, p["date"]
assert p["tags"] == {"type": ["string", "array"], "items": {"type": "string"}}, p["tags"]  # one tag or a list, as Hugo reads them
assert p["aliases"]["type"] == ["string", "array"], p["aliases"]
# every post has a date; the section's _index.md, which the schema is not for, has none
assert "title" in posts["required"] and "date" in posts["required"], posts["required"]
assert posts["additionalProperties"] is True
events = json.load(open(d + "/events.json"))
assert events["properties"]["date"] == {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]}, events["properties"]["date"]
pages = json.load(open(d + "/pages.json"))
assert pages["properties"]["weight"] == {"type": "integer"}, pages["properties"]
assert sorted(pages["required"]) == ["title", "weight"], pages["required"]
PY

# check names the two defects, and nothing else
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should find the defects (exit $r): $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'content/events/2024/date-cassee.md:4:1: error: duplicate key "title" [front-matter/syntax]'
assert_contains "$TEST_DIR/check.txt" 'content/posts/lien-casse.md:5:47: error: link to "/billets/page-disparue/" points to no page [link/broken]'
assert_contains "$TEST_DIR/check.txt" 'checked the worktree: 2 errors, 0 warnings'
mapfile -t pages < <(cd "$site" && find content -name '*.md' \
	! -path 'content/extraits/*' ! -path content/posts/lexique/compost.md | LC_ALL=C sort)
pages_share "$TEST_DIR/check.txt" "${pages[@]}" | tee "$TEST_DIR/share.txt"
assert_contains "$TEST_DIR/share.txt" 'built unchanged: 15 of 17 pages'

# without them, check and build pass
rm "$site/content/events/2024/date-cassee.md" "$site/content/posts/lien-casse.md"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" '0 errors, 0 warnings'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
# a page without slug: is at its title's address, as Hugo's :slug puts it
# (crlf.md is "Un billet écrit sous Windows"; removePathAccents: true)
assert_contains "$cfg" 'slug_from: title'
assert_contains "$cfg" 'remove_path_accents: true'
for f in posts/index.html billets/deuxieme/index.html billets/premier-billet/index.html \
	billets/un-billet-ecrit-sous-windows/index.html billets/ete-a-zurich/index.html \
	billets/fete-des-voisins/index.html \
	2023/05/second/index.html 2024/04/foire-aux-plants/index.html events/2024/index.html \
	2024/05/atelier-compost/index.html \
	a-propos/index.html img/logo.svg "billets/ete-a-zurich/Photo du jardin.jpg" \
	2024/04/foire-aux-plants/plan.pdf; do
	[ -f "$out/$f" ] || fail "no $f in the output"
done
# a sub-section's page keeps its folder's address: permalinks are for pages
[ -f "$out/posts/lexique/index.html" ] || fail "the lexicon's own page (build.render: always) is not published"
for f in archetypes themes layouts content/_index extraits posts/lexique/compost billets/compost billets/index.html; do
	[ -e "$out/$f" ] && fail "$f is published"
done
# a bundle's files are beside its page, wherever its URL puts it
# (and the Atom and RSS feeds are at the collection's url:, as Hugo's RSS is)
[ -z "$(find "$out" -path "$out/content/*" -type f)" ] || fail "files published below content/: $(find "$out" -path "$out/content/*" -type f)"
for f in posts/index.xml posts/atom.xml events/index.xml; do
	[ -f "$out/$f" ] || fail "no feed $f"
done
assert_contains "$out/posts/index.html" 'href="/posts/index.xml"'
assert_contains "$out/billets/ete-a-zurich/index.html" 'src="/billets/ete-a-zurich/Photo%20du%20jardin.jpg"'
# a root page is at /<name>/, as Hugo publishes it; an alias that is the
# page's own URL leaves the page there; another one redirects
assert_contains "$out/contact/index.html" 'Passez le samedi matin'
assert_contains "$out/pages/contact/index.html" 'url=https://jardins-partages.example/contact/'
# a definition list ("Terme\n: définition", Goldmark's) with ids on its terms,
# which links name as they name headings
assert_contains "$out/a-propos/index.html" '<dt id="parcelle-partagée"><code>Parcelle partagée</code></dt>'
assert_contains "$out/a-propos/index.html" '<dd>Cultivée à plusieurs'
assert_contains "$out/a-propos/index.html" '<dt id="bac-surélevé">Bac surélevé</dt>'

# a second init keeps folio.yaml; --force replaces it and the schemas
cp "$cfg" "$TEST_DIR/folio.yaml"
r=0
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/again.txt" 2>&1 || r=$?
[ $r -eq 2 ] || fail "a second init should refuse (exit $r): $(cat "$TEST_DIR/again.txt")"
assert_contains "$TEST_DIR/again.txt" 'folio.yaml already exists; nothing was written'
cmp -s "$cfg" "$TEST_DIR/folio.yaml" || fail "a refused init changed folio.yaml"
echo "# mine" >>"$cfg"
"$FOLIO" init --from hugo --force "$site" >"$TEST_DIR/force.txt" 2>&1 \
	|| fail "init --force failed: $(cat "$TEST_DIR/force.txt")"
cmp -s "$cfg" "$TEST_DIR/folio.yaml" || fail "init --force did not write folio.yaml afresh"

# the moved-up layout: content's folders at the top, config.toml beside them
flat=$TEST_DIR/flat
cp -r "$FOLIO_SOURCE_DIR/testdata/hugo-site" "$flat"
rm "$flat/folio.yaml"
# the fixture links Москва.md at folio's transliterated address; Hugo, and
# folio on a migrated Hugo site (hugo_links), keep its letters: /posts/москва/
sed -i 's|/posts/moskva/#fin|/posts/москва/#fin|' "$flat/posts/ancres.md"
tree_sums "$flat" >"$TEST_DIR/flat-before.sums"
"$FOLIO" init --from hugo "$flat" >"$TEST_DIR/flat-init.txt" 2>&1 \
	|| fail "init on the moved-up layout failed: $(cat "$TEST_DIR/flat-init.txt")"
tree_sums "$flat" | cmp -s "$TEST_DIR/flat-before.sums" - || fail "init touched the moved-up site"
# its one raw <iframe>, which the old site published: init lists its host in embeds:
assert_contains "$flat/folio.yaml" $'embeds:\n  - "www.openstreetmap.org"\n'
"$FOLIO" check --worktree "$flat" >"$TEST_DIR/flat-check.txt" 2>&1 \
	|| fail "check of the moved-up layout failed: $(cat "$TEST_DIR/flat-check.txt")"
assert_contains "$TEST_DIR/flat-check.txt" '0 errors, 0 warnings'
# without the host, the iframe is refused
sed -i '/^embeds:/,/^  - "www.openstreetmap.org"/d' "$flat/folio.yaml"
r=0
"$FOLIO" check --worktree "$flat" >"$TEST_DIR/flat-check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check of the moved-up layout should refuse its iframe (exit $r): $(cat "$TEST_DIR/flat-check.txt")"
assert_contains "$TEST_DIR/flat-check.txt" 'iframe of host "www.openstreetmap.org" is not in embeds [html/active]'
echo "embeds: [www.openstreetmap.org]" >>"$flat/folio.yaml"
"$FOLIO" build --worktree "$flat" --out "$TEST_DIR/flat-out" >/dev/null 2>&1 || fail "build of the moved-up layout failed"
[ -f "$TEST_DIR/flat-out/posts/bonjour-le-monde/index.html" ] || fail "the moved-up site lacks its bundle page"
echo "ok"

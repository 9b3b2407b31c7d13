#!/bin/bash
# init must write a folio.yaml that folio accepts, from configurations as
# real sites write them (a scout of ten new sites, stop 33):
# - datacarpentry.github.io: a pages/ folder beside pages at the top; the
#   top's collection took /pages/, the section's address, and both wrote
#   /pages/atom.xml: folio check refused init's own output;
# - a Wowchemy site: taxonomies {publication_type: publication_types}, a
#   name with '_' that folio.yaml refused;
# - a hugo.yaml or _config.yml giving a key twice (markup:, exclude:):
#   Hugo and Jekyll read the last one; init dropped the whole file
#   (title, baseURL, permalinks...);
# - disableKinds: [taxonomy] leaves out /tags/ alone since Hugo 0.73, not
#   the terms' pages that posts link to.
. "$(dirname "$0")/lib.sh"

# ---- Jekyll: pages/ and pages at the top
dc=$TEST_DIR/dc
mkdir -p "$dc/pages" "$dc/_layouts"
cat >"$dc/_config.yml" <<'YAML'
title: Carpentry
url: https://carpentry.example
exclude: [README.md]
exclude: [README.md, Gemfile]
YAML
printf '<html>{{ content }}</html>' >"$dc/_layouts/default.html"
printf -- '---\ntitle: Home\n---\nSee [the lessons](/lessons/).\n' >"$dc/index.md"
printf -- '---\ntitle: About\n---\nAbout us.\n' >"$dc/about.md"
printf -- '---\ntitle: Lessons\npermalink: /lessons/\n---\nThe lessons.\n' >"$dc/pages/lessons.md"
printf 'keep out\n' >"$dc/Gemfile"
migrate_and_build jekyll "$dc" "$TEST_DIR/dc-out"
assert_contains "$dc/folio.yaml" 'title: "Carpentry"'
assert_contains "$dc/folio.yaml" 'url: "/pages-2/"'
assert_contains "$TEST_DIR/dc-out/lessons/index.html" 'The lessons.'
# neither has a list, nor feeds (Jekyll writes none there)
[ ! -e "$TEST_DIR/dc-out/pages/atom.xml" ] && [ ! -e "$TEST_DIR/dc-out/pages-2/atom.xml" ] ||
	fail "a collection without a list got feeds: $(ls "$TEST_DIR/dc-out")"
# the last exclude: of the two was read
grep -q '"Gemfile"' "$dc/folio.yaml" || fail "the last of two exclude: keys was not read: $(grep -A4 '^exclude' "$dc/folio.yaml")"

# ---- Hugo: a taxonomy with '_', a key given twice, disableKinds: [taxonomy]
hu=$TEST_DIR/hugo
mkdir -p "$hu/content/publication" "$hu/content/post" "$hu/layouts"
cat >"$hu/hugo.yaml" <<'YAML'
baseURL: https://scholar.example/
title: First title
title: Scholar
disableKinds: [taxonomy]
taxonomies:
  tag: tags
  publication_type: publication_types
YAML
printf '<html></html>' >"$hu/layouts/baseof.html"
printf -- '---\ntitle: A paper\ndate: 2023-01-02\npublication_types: ["2"]\ntags: [julia]\n---\nA paper.\n' \
	>"$hu/content/publication/a.md"
printf -- '---\ntitle: A post\ndate: 2023-02-03\ntags: [julia]\n---\nOn [julia](/tags/julia/), [journal papers](/publication_types/2/).\n' \
	>"$hu/content/post/b.md"
migrate_and_build hugo "$hu" "$TEST_DIR/hugo-out"
assert_contains "$hu/folio.yaml" 'title: "Scholar"'
assert_contains "$hu/folio.yaml" 'publication_types'
assert_contains "$hu/folio.yaml" 'index: false' # disableKinds: [taxonomy], as Hugo 0.73 reads it
[ ! -e "$TEST_DIR/hugo-out/tags/index.html" ] || fail "an index of tags, which disableKinds leaves out"
assert_contains "$TEST_DIR/hugo-out/publication_types/2/index.html" 'A paper'
assert_contains "$TEST_DIR/hugo-out/tags/julia/index.html" 'A post'

# before Hugo 0.73, [taxonomy, taxonomyTerm] named both kinds: no terms
old=$TEST_DIR/old
mkdir -p "$old/content/post" "$old/layouts"
printf 'baseURL = "https://old.example/"\ntitle = "Old"\ndisableKinds = ["taxonomy", "taxonomyTerm"]\n' >"$old/config.toml"
printf '<html></html>' >"$old/layouts/baseof.html"
printf -- '---\ntitle: P\ndate: 2019-01-01\ntags: [x]\n---\nP.\n' >"$old/content/post/p.md"
"$FOLIO" init --from hugo "$old" >/dev/null 2>&1 || fail "init failed on an old Hugo site"
assert_not_contains "$old/folio.yaml" 'taxonomies:'

# carpentries.org: hugo.yaml at the top, its params and markup in
# config/_default/, which Hugo reads too: init read the top's file alone
# (39 params missing, raw HTML left out of 2,160 pages)
cf=$TEST_DIR/carpentries
mkdir -p "$cf/config/_default" "$cf/content/lessons" "$cf/layouts"
printf 'baseURL: https://carpentries.example/
title: The Carpentries
' >"$cf/hugo.yaml"
printf 'handbook_url: https://docs.carpentries.example
' >"$cf/config/_default/params.yaml"
printf 'goldmark:
  renderer:
    unsafe: true
' >"$cf/config/_default/markup.yaml"
printf 'title: Not this one
enableEmoji: true
' >"$cf/config/_default/hugo.yaml"
printf '<html></html>' >"$cf/layouts/baseof.html"
printf -- '---
title: Help wanted
---
See [the handbook]({{< param handbook_url >}}/maintainers.html).

<div class="note">Raw HTML, kept.</div>
' 	>"$cf/content/lessons/help.md"
migrate_and_build hugo "$cf" "$TEST_DIR/cf-out"
# the folder's keys are set over the top's, as Hugo 0.111 reads them (t576)
assert_contains "$cf/folio.yaml" 'title: "Not this one"'
assert_contains "$cf/folio.yaml" 'allow_html: true'
assert_contains "$TEST_DIR/cf-out/lessons/help/index.html" 'href="https://docs.carpentries.example/maintainers.html"'
assert_contains "$TEST_DIR/cf-out/lessons/help/index.html" '<div class="note">Raw HTML, kept.</div>'

# crystal-lang.org: _pages/releases.md is at /releases/ by its collection's
# permalink /:path/, where the releases collection's list is: init left it
# in and folio check refused its own folio.yaml (output/clash)
cr=$TEST_DIR/crystal
mkdir -p "$cr/_pages" "$cr/_releases" "$cr/_layouts"
printf 'title: Crystal\nurl: https://crystal.example\ncollections:\n  releases:\n    output: true\n  pages:\n    output: true\n    permalink: /:path/\n' \
	>"$cr/_config.yml"
printf '<html>{{ content }}</html>' >"$cr/_layouts/default.html"
printf -- '---\ntitle: Releases\n---\nAll releases.\n' >"$cr/_pages/releases.md"
printf -- '---\ntitle: About\n---\nAbout.\n' >"$cr/_pages/about.md"
printf -- '---\ntitle: One\ndate: 2024-01-01\n---\nOne.\n' >"$cr/_releases/2024-01-01-one.md"
migrate_and_build jekyll "$cr" "$TEST_DIR/cr-out"
assert_contains "$TEST_DIR/init.txt" '_pages/releases.md (at /releases/, the list of collection releases) is not published'
assert_contains "$TEST_DIR/cr-out/about/index.html" 'About.'

# folio.yaml itself still refuses a name no URL segment should have
bad=$TEST_DIR/bad
cp -r "$hu" "$bad"
sed -i 's/^taxonomies:$/taxonomies:\n  - "_private"\n  - "a b"/' "$bad/folio.yaml"
grep -q '^  - "_private"' "$bad/folio.yaml" || fail "the test did not set its taxonomies"
rc=0
"$FOLIO" check --worktree "$bad" >"$TEST_DIR/bad.txt" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || fail "a taxonomy named _private or \"a b\" passed"
[ "$(grep -c 'a taxonomy name must be \[a-z0-9_-\]+, starting with a letter or a digit' "$TEST_DIR/bad.txt")" = 2 ] ||
	fail "two bad taxonomy names, two findings: $(cat "$TEST_DIR/bad.txt")"
echo "ok"

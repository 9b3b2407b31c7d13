#!/bin/bash
# A Hugo site with uglyURLs = true whose sections' front pages are
# __index.md with slug: index (Apache Jena's layout: contentDir "source",
# source/documentation/inference/__index.md at
# /documentation/inference/index.html). Checked with Hugo 0.111 on this
# fixture:
# 1. Hugo writes each alias of such a page as a file, its "/" dropped and
#    .html added (renderAliases under uglyURLs): /documentation/rdfpatch/
#    at documentation/rdfpatch.html, /about/advisories at
#    about/advisories.html. folio wrote documentation/rdfpatch/index.html
#    and about/advisories/index.html.
# 2. A link to /documentation/inference/ (or ../inference/ from a page
#    beside it) is served by that page's index.html: folio refused it as
#    pointing to no page (link/broken).
# 3. From the state: a page linking the folder added, then an alias
#    added: each publish is a full build's bytes.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/source/documentation/inference" "$s/source/documentation/query" "$s/source/security" "$s/layouts/_default"
cat >"$s/config.toml" <<'TOML'
baseURL = "https://rdf.example"
title = "RDF"
contentDir = "source"
uglyURLs = true
disablePathToLower = true
TOML
printf -- '---\ntitle: Documentation\nslug: index\n---\nSee [inference](./inference/) and [query](query/arq.html).\n' \
	>"$s/source/documentation/__index.md"
printf -- '---\ntitle: Inference\nslug: index\naliases:\n    - /documentation/rdfpatch/\n    - /documentation/rdfpatch/index.html\n---\nRules.\n' \
	>"$s/source/documentation/inference/__index.md"
printf -- '---\ntitle: ARQ\n---\nSee [inference](../inference/), [again](/documentation/inference/) and [the folder](/documentation/inference).\n' \
	>"$s/source/documentation/query/arq.md"
printf -- '---\ntitle: Security\nslug: index\naliases:\n  - /about/advisories\n---\nReport here.\n' \
	>"$s/source/security/__index.md"
echo '{{ .Content }}' >"$s/layouts/_default/single.html"
# 1, 2
migrate_and_build hugo "$s" "$TEST_DIR/out"
o=$TEST_DIR/out
assert_contains "$o/documentation/inference/index.html" "Rules."
assert_contains "$o/documentation/query/arq.html" 'href="/documentation/inference/"'
for f in documentation/rdfpatch.html about/advisories.html documentation/rdfpatch/index.html; do
	[ -f "$o/$f" ] || fail "1: no redirect at $f: $(cd "$o" && find . -name '*.html' | sort | tr '\n' ' ')"
done
assert_contains "$o/documentation/rdfpatch.html" "/documentation/inference/"
assert_contains "$o/about/advisories.html" "/security/"
[ ! -e "$o/about/advisories/index.html" ] || fail "1: the alias is a folder too, which Hugo does not write"
# a link to the alias's old folder address is no page there, as in Hugo's output
printf -- '---\ntitle: Old\n---\nSee [old](/about/advisories/).\n' >"$s/source/documentation/old.md"
r=0
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "2: a link to /about/advisories/ passed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'link to "/about/advisories/" points to no page'
rm "$s/source/documentation/old.md"
# 3
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "3: first"
same_as_full "$r" "$TEST_DIR/pub" "3: first"
printf -- '---\ntitle: TDB\n---\nAbove: [inference](../inference/).\n' >"$r/source/documentation/query/tdb.md"
git -C "$r" add -A && git -C "$r" commit -qm "a page"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "3: a page"
same_as_full "$r" "$TEST_DIR/pub" "3: a page"
sed -i 's|^  - /about/advisories$|  - /about/advisories\n  - /security-advisories/|' "$r/source/security/__index.md"
git -C "$r" commit -qam "an alias"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "3: an alias"
[ -f "$TEST_DIR/pub/security-advisories.html" ] || fail "3: the new alias is not at security-advisories.html"
same_as_full "$r" "$TEST_DIR/pub" "3: an alias"
echo ok

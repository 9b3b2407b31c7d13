#!/bin/bash
# A book made with Getty's Quire (Hugo): disableKinds names home and
# section, and each part's overview, like the cover, says slug: ".", the
# folder's own address. folio refused such a book whole (slug/invalid on
# every overview: "." has no letter or digit), and would have clashed
# each overview with its section's list.
# 1. init writes list: false on the parts' collections and says why.
# 2. An overview is at its part's address (/1-part/), the cover at /,
#    an essay of the part at its own address; a link to the overview by
#    its file resolves to /1-part/; no list at /1-part/.
# 3. Editing an overview, then adding an essay, publishes from the state
#    as a full build does.
# 4. slug: "." means nothing special to a site of folio's own (no
#    hugo_links): still slug/invalid.
. "$(dirname "$0")/lib.sh"

b=$TEST_DIR/book
mkdir -p "$b/content/1-part" "$b/content/2-part"
cat >"$b/config.yml" <<'YAML'
baseURL: "https://book.example/"
title: "Actes du colloque"
languageCode: "fr"
disableKinds:
  - "home"
  - "section"
  - "taxonomy"
  - "taxonomyTerm"
YAML
printf -- '---\ntitle: Couverture\nweight: 1\ntype: cover\nslug: .\n---\nUn livre en contexte numérique.\n' >"$b/content/cover.md"
printf -- '---\ntitle: Avant-propos\nweight: 2\n---\nVoir [la première partie](1-part/section-overview.md).\n' >"$b/content/avant-propos.md"
for n in 1 2; do
	printf -- '---\ntitle: "Partie %s"\n---\n' $n >"$b/content/$n-part/_index.md"
	printf -- '---\ntitle: "Partie %s"\ntype: contents\nweight: 100\nslug: .\n---\nLes essais de la partie %s.\n' $n $n \
		>"$b/content/$n-part/section-overview.md"
	printf -- '---\ntitle: "Essai %s"\nweight: 101\n---\nUn essai.\n' $n >"$b/content/$n-part/essai-$n.md"
done
# 1
migrate_and_build hugo "$b" "$TEST_DIR/out"
assert_contains "$TEST_DIR/init.txt" "disableKinds names section"
[ "$(grep -c '^    list: false' "$b/folio.yaml")" = 3 ] || fail "1: the two parts and the top's pages have no list: $(cat "$b/folio.yaml")"
# 2
assert_contains "$TEST_DIR/out/1-part/index.html" "Les essais de la partie 1."
assert_contains "$TEST_DIR/out/2-part/index.html" "Les essais de la partie 2."
assert_contains "$TEST_DIR/out/index.html" "Un livre en contexte numérique."
assert_contains "$TEST_DIR/out/1-part/essai-1/index.html" "Un essai."
assert_contains "$TEST_DIR/out/avant-propos/index.html" 'href="/1-part/"'
[ ! -e "$TEST_DIR/out/1-part/section-overview" ] || fail "2: the overview is at its folder, not its file's name"
grep -q '"url": *"/1-part/"' "$TEST_DIR/out/index.json" || fail "2: index.json names the overview at /1-part/"
# 3
r=$TEST_DIR/repo
repo_of "$b" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "3: first"
sed -i 's/Les essais/Tous les essais/' "$r/content/1-part/section-overview.md"
git -C "$r" commit -qam "overview edited"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "3: overview edited"
assert_contains "$TEST_DIR/pub/1-part/index.html" "Tous les essais de la partie 1."
same_as_full "$r" "$TEST_DIR/pub" "3: overview edited"
printf -- '---\ntitle: "Essai 3"\nweight: 102\n---\nUn autre essai, [vers la partie](section-overview.md).\n' \
	>"$r/content/1-part/essai-3.md"
git -C "$r" add -A && git -C "$r" commit -qm "essay added"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "3: essay added"
assert_contains "$TEST_DIR/pub/1-part/essai-3/index.html" 'href="/1-part/"'
same_as_full "$r" "$TEST_DIR/pub" "3: essay added"
# 4
s=$TEST_DIR/own
make_repo "$s"
printf -- '---\ntitle: "Dot"\nslug: .\n---\nDot.\n' >"$s/pages/dot.md"
git -C "$s" add -A && git -C "$s" commit -qm dot
out=$("$FOLIO" check --repo "$s" HEAD 2>&1) && fail "4: slug . on a site of folio's own passed"
case $out in *'slug "." has no letter or digit [slug/invalid]'*) ;; *) fail "4: $out" ;; esac
echo ok

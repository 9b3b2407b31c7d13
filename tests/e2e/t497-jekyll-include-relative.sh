#!/bin/bash
# Jekyll's {% include_relative path %}: the text of the file at path from
# the page's own folder, its Liquid expanded as an include's (a French
# association's home reads _content/*.md so, in a capture). Refused, with
# a finding at the tag: a path climbing out of the site, an absolute path,
# a symbolic link, a missing file. The included file is an input of the
# page: a commit changing only it (a page file itself, or a file of an
# underscore folder) renders the page again, and each incremental publish
# equals a full build.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/_content" "$s/docs"
printf 'title: Le Chantier\npermalink: pretty\n' >"$s/_config.yml"
printf 'Nous **jardinons** ensemble.\n' >"$s/_content/accueil.md"
printf 'Bring gloves.\n' >"$s/docs/gloves.md"
printf -- '---\ntitle: Tips\n---\nWater at dusk.\n' >"$s/docs/tips.md"
printf -- '---\ntitle: More\n---\nRake leaves.\n' >"$s/docs/more.md"
printf -- '---\ntitle: Accueil\n---\n{%% capture texte %%}{%% include_relative _content/accueil.md %%}{%% endcapture %%}{{ texte | markdownify }}\n' \
	>"$s/index.md"
printf -- '---\ntitle: Guide\n---\nFirst:\n\n{%% include_relative gloves.md %%}\n\n{%% include_relative ../_content/accueil.md %%}\n\n{%% include_relative ./tips.md %%}\n' \
	>"$s/docs/guide.md"
printf -- '---\ntitle: Bad\n---\nA {%% include_relative ../../etc/passwd %%}\n\nB {%% include_relative /etc/passwd %%}\n\nC {%% include_relative link.md %%}\n\nD {%% include_relative ../_content/nowhere.md %%}\n' \
	>"$s/docs/bad.md"
ln -s gloves.md "$s/docs/link.md"
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
r=$TEST_DIR/repo
repo_of "$s" "$r"
st=$TEST_DIR/state pub=$TEST_DIR/pub
publish "$r" "$pub" "$st" "first"
same_as_full "$r" "$pub" "first"
home=$pub/index.html guide=$pub/docs/guide/index.html bad=$pub/docs/bad/index.html
assert_contains "$home" 'Nous <strong>jardinons</strong> ensemble.'
assert_not_contains "$home" 'include_relative'
assert_contains "$guide" 'Bring gloves.'
assert_contains "$guide" 'Nous <strong>jardinons</strong> ensemble.'
assert_contains "$guide" 'Water at dusk.'
assert_not_contains "$guide" 'include_relative'
assert_not_contains "$bad" 'root:'
assert_not_contains "$bad" 'include_relative'
out=$TEST_DIR/publish.txt
assert_contains "$out" 'docs/bad.md:4'
assert_contains "$out" 'liquid include "../../etc/passwd" is no plain path within the site'
assert_contains "$out" 'liquid include "/etc/passwd" is no plain path within the site'
assert_contains "$out" 'liquid include "link.md" is a symbolic link, which folio does not follow'
assert_contains "$out" 'liquid include "../_content/nowhere.md" is not in the site'

commit() {
	git -C "$r" add -A && git -C "$r" commit -qm "$1" || fail "cannot commit: $1"
}
# only the included files change: one in an underscore folder, then a page file
printf 'Nous **bricolons** ensemble.\n' >"$r/_content/accueil.md"
commit "accueil edited"
publish "$r" "$pub" "$st" "accueil edited"
assert_contains "$home" 'Nous <strong>bricolons</strong> ensemble.'
assert_contains "$guide" 'Nous <strong>bricolons</strong> ensemble.'
same_as_full "$r" "$pub" "accueil edited"
printf 'Bring boots.\n' >"$r/docs/gloves.md"
commit "gloves edited"
publish "$r" "$pub" "$st" "gloves edited"
assert_contains "$guide" 'Bring boots.'
same_as_full "$r" "$pub" "gloves edited"
# a page included (front matter and all, as Jekyll reads it), its body
# edited alone: a commit the fast path takes, but for the page including it
printf -- '---\ntitle: Tips\n---\nWater at dawn.\n' >"$r/docs/tips.md"
commit "tips edited"
publish "$r" "$pub" "$st" "tips edited"
assert_contains "$pub/docs/tips/index.html" 'Water at dawn.'
assert_contains "$guide" 'Water at dawn.'
same_as_full "$r" "$pub" "tips edited"
# a body edit adding an include_relative of a page (a commit the fast
# path could take, keeping the page's old input lines), then that page
# edited alone
sed -i 's/^D {% include_relative .*/Now {% include_relative more.md %}/' "$r/docs/bad.md"
commit "more.md included"
publish "$r" "$pub" "$st" "more.md included"
assert_contains "$bad" 'Rake leaves.'
same_as_full "$r" "$pub" "more.md included"
printf -- '---\ntitle: More\n---\nSweep leaves.\n' >"$r/docs/more.md"
commit "more.md edited"
publish "$r" "$pub" "$st" "more.md edited"
assert_contains "$bad" 'Sweep leaves.'
same_as_full "$r" "$pub" "more.md edited"
# the missing file added
printf -- '---\ntitle: Bad\n---\nD {%% include_relative ../_content/nowhere.md %%}\n' >"$r/docs/bad.md"
commit "nowhere included"
publish "$r" "$pub" "$st" "nowhere included"
printf 'Found it.\n' >"$r/_content/nowhere.md"
commit "nowhere added"
publish "$r" "$pub" "$st" "nowhere added"
assert_contains "$bad" 'Found it.'
same_as_full "$r" "$pub" "nowhere added"
echo "ok"

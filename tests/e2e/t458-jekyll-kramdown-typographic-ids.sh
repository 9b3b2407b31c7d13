#!/bin/bash
# kramdown 1.13 and later (Jekyll 4, GitHub Pages) make a heading's id of
# its text after their typographic conversion: "--" is an en dash and
# "---" an em dash, which the id drops, and a tab is a '-' as a space.
# Debian's Jekyll 4.3.1 writes these ids for the headings below:
#   ## Install -- Linux    install--linux
#   ## Step<TAB>one         step-one
#   ## x----y              x-y
#   ## `a--b` c            a--b-c (code keeps its dashes)
#   ## Pre-- and --post    pre-and-post
# folio made them with GitHub's rule from the line (install----linux,
# stepone, x----y, pre---and---post) and refused the links a Jekyll site
# wrote to them (link/anchor). init now writes heading_ids: kramdown-gfm.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Docs\nurl: https://docs.example\nmarkdown: kramdown\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Guide\npermalink: /guide/\n---\n## Install -- Linux\n\n## Step\tone\n\n## x----y\n\n## `a--b` c\n\n## Pre-- and --post\n' >"$j/guide.md"
printf -- '---\ntitle: Home\n---\nSee [Linux](/guide/#install--linux), [one](/guide/#step-one), [x](/guide/#x-y), [code](/guide/#a--b-c), [post](/guide/#pre-and-post).\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$j/folio.yaml" 'heading_ids: kramdown-gfm'
for id in install--linux step-one x-y a--b-c pre-and-post; do
	assert_contains "$out/guide/index.html" "id=\"$id\""
done

# a link to GitHub's id of the line is refused now, as on Jekyll's site
printf -- '---\ntitle: Old\npermalink: /old/\n---\n[Linux](/guide/#install----linux)\n' >"$j/old.md"
rc=0
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ "$rc" = 1 ] || fail "a link to install----linux passed (rc $rc)"
assert_contains "$TEST_DIR/check.txt" 'old.md:5:9: error: link to "/guide/#install----linux": "guide.md" has no heading with id "install----linux" [link/anchor]'
rm "$j/old.md"

# kramdown told to keep its symbols (gfm_quirks: no_auto_typographic),
# another markdown engine: GitHub's rule, as before
g=$TEST_DIR/quirks
mkdir -p "$g"
printf 'title: Docs\nkramdown:\n  gfm_quirks: [paragraph_end, no_auto_typographic]\n' >"$g/_config.yml"
printf -- '---\ntitle: Guide\n---\n## A -- B\n' >"$g/guide.md"
"$FOLIO" init --from jekyll "$g" >/dev/null 2>&1 || fail "init of the quirks site failed"
assert_not_contains "$g/folio.yaml" 'heading_ids:'

# published from a state as a full build
repo=$TEST_DIR/repo
repo_of "$j" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
printf -- '---\ntitle: Guide\npermalink: /guide/\n---\n## Install -- Linux\n\n## Step\tone\n\n## x----y\n\n## `a--b` c\n\n## Pre-- and --post\n\n## Build --- fast\n' >"$repo/guide.md"
git -C "$repo" commit -qam "one more heading"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "heading added"
assert_contains "$TEST_DIR/pub/guide/index.html" 'id="build--fast"'
same_as_full "$repo" "$TEST_DIR/pub" "heading added"
echo "ok"

#!/bin/bash
# tekton.dev's blog post content/en/blog/2023/speeding-up-…/index.md is a
# Hugo leaf bundle: beside it a sample application, whose
# src/main/resources/templates/index.html (a <script>, a <title>) and
# README.md Hugo neither renders nor publishes, as every Markdown or HTML
# file below a leaf bundle's index.md is one of its resources. folio read
# each as a page: the site was refused for their HTML and links. init now
# writes leaf_bundles: true, and such files are resources: not pages, not
# published; the bundle's other files are published beside the page. A
# leaf bundle whose index.md says headless: true (nginx's content/includes/)
# is excluded whole, as a section's _index.md saying so was.
#
# kubeflow.org has static/OWNERS and assets/OWNERS: with assets_at_root
# both were published at /OWNERS, an output/clash. Hugo publishes an asset
# only when a template uses it, never over a static file: static/'s wins.
#
# Its requirements.txt, a symbolic link at the top of the repository to a
# file of a folder Hugo does not read, was a tree/symlink error: a link is
# only named where the site would read or publish it (static/ still is).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
post=$site/content/blog/speed-builds
mkdir -p "$post/sample/src/templates" "$site/static" "$site/sync" "$site/layouts"
printf 'baseURL = "https://tekton.example/"\ntitle = "Tekton"\n' >"$site/hugo.toml"
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: Speed builds\ndate: 2023-05-04\n---\nBuild faster: ![chart](chart.png), [the sample](sample/src/main.js).\n' \
	>"$post/index.md"
printf 'PNG' >"$post/chart.png"
printf -- '---\ntitle: Notes\n---\nSee [nothing](/nowhere/).\n' >"$post/notes.md"
printf '# Sample\nRun [it](/not/a/page/).\n' >"$post/sample/README.md"
printf '<html><head><title>Sample</title><script>boot()</script></head></html>\n' \
	>"$post/sample/src/templates/index.html"
printf 'console.log(1)\n' >"$post/sample/src/main.js"
printf -- '---\ntitle: Plain post\ndate: 2023-06-01\n---\nRead [speed builds](/blog/speed-builds/).\n' \
	>"$site/content/blog/plain.md"
printf 'mkdocs\n' >"$site/sync/requirements.txt"
# nginx's content/includes/: a headless leaf bundle of texts other pages include
mkdir -p "$site/content/includes/waf"
printf -- '---\nheadless: true\n---\n' >"$site/content/includes/index.md"
printf -- 'See [the checks](#update-configuration-files).\n' >"$site/content/includes/waf/checks.md"
ln -s sync/requirements.txt "$site/requirements.txt"
mkdir -p "$site/assets/js"
printf 'static owners\n' >"$site/static/OWNERS"
printf 'assets owners\n' >"$site/assets/OWNERS"
printf 'app()\n' >"$site/assets/js/app.js"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'leaf_bundles: true'
assert_contains "$TEST_DIR/init.txt" 'collection blog: 2 pages'
assert_contains "$TEST_DIR/init.txt" 'content/includes: Hugo does not publish its pages (headless: in its index.md'
[ ! -e "$out/includes" ] || fail "the headless bundle is published"
assert_contains "$out/blog/speed-builds/index.html" 'Build faster'
assert_contains "$out/blog/speed-builds/chart.png" 'PNG'
assert_contains "$out/blog/speed-builds/sample/src/main.js" 'console.log'
assert_contains "$site/folio.yaml" 'assets_at_root: true'
assert_contains "$out/OWNERS" 'static owners'
assert_contains "$out/js/app.js" 'app()'
for f in blog/speed-builds/notes/index.html blog/speed-builds/sample/index.html \
	blog/speed-builds/sample/src/templates/index.html blog/speed-builds/notes.md \
	blog/speed-builds/sample/README.md requirements.txt; do
	[ ! -e "$out/$f" ] || fail "$f is published"
done
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "check refused the site: $(cat "$TEST_DIR/check.txt")"
assert_not_contains "$TEST_DIR/check.txt" 'tree/symlink'
assert_not_contains "$TEST_DIR/check.txt" 'notes.md'

# a symbolic link the site would publish is still named
ln -s ../sync/requirements.txt "$site/static/requirements.txt"
rc=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "a link in static/ passed (rc $rc): $(cat "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" 'static/requirements.txt: error: symbolic link committed'
rm "$site/static/requirements.txt"

# without leaf_bundles: (a folio.yaml of before) each file is a page again
sed 's/^leaf_bundles: true$/leaf_bundles: false/' "$site/folio.yaml" >"$TEST_DIR/folio.yaml"
cp "$TEST_DIR/folio.yaml" "$site/folio.yaml"
rc=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check3.txt" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "the resources passed as pages (rc $rc)"
assert_contains "$TEST_DIR/check3.txt" 'notes.md'
sed -i 's/^leaf_bundles: false$/leaf_bundles: true/' "$site/folio.yaml"

# published from a state: a resource edited, then one added, then the
# bundle's index removed (its files become pages of the section)
repo=$TEST_DIR/repo
rm "$site/requirements.txt" # git would keep the link; tested above
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
printf -- '---\ntitle: Notes\n---\nSee [nothing](/still/nowhere/).\n' >"$repo/content/blog/speed-builds/notes.md"
git -C "$repo" commit -qam "a resource's text"
publish "$repo" "$pub" "$st" "a resource edited"
[ ! -e "$pub/blog/speed-builds/notes/index.html" ] || fail "the edited resource was published as a page"
same_as_full "$repo" "$pub" "a resource edited"
printf -- '---\ntitle: More\n---\n[x](/nowhere/)\n' >"$repo/content/blog/speed-builds/sample/more.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a resource added"
publish "$repo" "$pub" "$st" "a resource added"
same_as_full "$repo" "$pub" "a resource added"
git -C "$repo" rm -q content/blog/speed-builds/notes.md
git -C "$repo" commit -qm "a resource removed"
publish "$repo" "$pub" "$st" "a resource removed"
same_as_full "$repo" "$pub" "a resource removed"
git -C "$repo" rm -q -r content/blog/speed-builds/sample
git -C "$repo" mv content/blog/speed-builds/index.md content/blog/speed-builds/post.md
printf -- '---\ntitle: Speed builds\ndate: 2023-05-04\n---\nBuild faster: ![chart](chart.png).\n' \
	>"$repo/content/blog/speed-builds/post.md"
printf -- '---\ntitle: Aside\ndate: 2023-05-05\n---\nAn aside.\n' >"$repo/content/blog/speed-builds/aside.md"
sed -i 's|(/blog/speed-builds/)|(/blog/speed-builds/post/)|' "$repo/content/blog/plain.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "no bundle any more: its pages are the section's"
publish "$repo" "$pub" "$st" "the bundle undone"
assert_contains "$pub/blog/speed-builds/aside/index.html" 'An aside.'
same_as_full "$repo" "$pub" "the bundle undone"
echo "ok"

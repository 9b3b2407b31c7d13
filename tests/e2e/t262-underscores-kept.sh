#!/bin/bash
# Hugo and Jekyll keep an underscore of a file or folder name in the
# page's address (content/docs/cloud_native_apps.md at
# /docs/cloud_native_apps/), and the site's links are written so; folio's
# slug rule made it a dash, so each such link was broken (cncf/glossary's
# Italian pages). init now writes slug_underscores: keep for a section
# with such names; the default stays a dash, and the key's value is
# checked. A Hugo section _includes is at /_includes/, as Hugo has it
# (Jekyll's _posts stays /posts/). slug: keeps its underscore too, as Hugo's does. The addresses
# hold on the incremental path: a body edit, then a new page with one.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

repo=$TEST_DIR/repo
mkdir -p "$repo/content/docs/bare_metal" "$repo/content/posts" "$repo/content/field_notes" "$repo/content/_includes"
cat >"$repo/hugo.toml" <<'TOML'
baseURL = "https://under.example/"
title = "Under"
TOML
printf -- '---\ntitle: "Docs"\n---\nThe docs.\n' >"$repo/content/docs/_index.md"
printf -- '---\ntitle: "Cloud native apps"\n---\nApps. See [bare metal](/docs/bare_metal/).\n' \
	>"$repo/content/docs/cloud_native_apps.md"
printf -- '---\ntitle: "Bare metal"\n---\nMetal.\n\n![rack](rack_01.png)\n' >"$repo/content/docs/bare_metal/index.md"
printf 'PNG' >"$repo/content/docs/bare_metal/rack_01.png"
printf -- '---\ntitle: "Slugged"\nslug: my_slug\n---\nSlugged.\n' >"$repo/content/docs/slugged.md"
printf -- '---\ntitle: "Hello"\ndate: 2024-05-01\n---\nRead [apps](/docs/cloud_native_apps/), [slugged](/docs/my_slug/) and [metal](../docs/bare_metal/index.md).\n' \
	>"$repo/content/posts/hello.md"
printf -- '---\ntitle: "Notes"\ndate: 2024-05-02\n---\nNotes.\n' >"$repo/content/field_notes/first.md"
printf -- '---\ntitle: "Footer"\n---\nFooter.\n' >"$repo/content/_includes/footer.md"
"$FOLIO" init --from hugo "$repo" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
python3 - "$repo/folio.yaml" <<'PY'
import sys, yaml
cols = {c["name"]: c for c in yaml.safe_load(open(sys.argv[1]))["collections"]}
assert cols["docs"].get("slug_underscores") == "keep", cols["docs"]
assert "slug_underscores" not in cols["posts"], cols["posts"]
assert cols["field-notes"]["url"] == "/field_notes/", cols["field-notes"]
assert cols["includes"]["url"] == "/_includes/", cols["includes"]
PY
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm one
out=$TEST_DIR/out state=$TEST_DIR/state
build() { "$FOLIO" build --repo "$repo/.git" --out "$out" --state "$state" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"; }
build
assert_contains "$out/docs/cloud_native_apps/index.html" 'Apps.'
assert_contains "$out/docs/bare_metal/index.html" 'src="/docs/bare_metal/rack_01.png"'
[ -f "$out/docs/bare_metal/rack_01.png" ] || fail "the bundle's image is not beside its page"
assert_contains "$out/docs/my_slug/index.html" 'Slugged.'
assert_contains "$out/field_notes/first/index.html" 'Notes.'
assert_contains "$out/_includes/footer/index.html" 'Footer.'
assert_contains "$out/posts/hello/index.html" 'href="/docs/bare_metal/">metal'
for d in docs/cloud-native-apps docs/bare-metal docs/my-slug; do [ ! -e "$out/$d" ] || fail "$d is published"; done

# incremental: a body edit, then a new page whose name holds one
sed -i 's/Apps\./Apps, again./' "$repo/content/docs/cloud_native_apps.md"
git -C "$repo" commit -qam body
build
assert_contains "$out/docs/cloud_native_apps/index.html" 'Apps, again.'
printf -- '---\ntitle: "Edge"\n---\nEdge. Back to [apps](/docs/cloud_native_apps/).\n' >"$repo/content/docs/edge_nodes.md"
git -C "$repo" add -A && git -C "$repo" commit -qm add
build
assert_contains "$out/docs/edge_nodes/index.html" 'Edge.'

# without the key an underscore is a dash (a link to the old address
# still finds its page by the same rule, a slug: does not)
sed -i '/slug_underscores/d' "$repo/folio.yaml"
r=0
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse the links without slug_underscores (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'content/posts/hello.md:5:50: error: link to "/docs/my_slug/" points to no page [link/broken]'
sed -i 's#(/docs/my_slug/)#(/docs/my-slug/)#' "$repo/content/posts/hello.md"
"$FOLIO" build --worktree "$repo" --out "$TEST_DIR/out2" >"$TEST_DIR/build2.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build2.txt")"
for d in docs/cloud-native-apps docs/bare-metal docs/my-slug; do [ -f "$TEST_DIR/out2/$d/index.html" ] || fail "$d is not published"; done
# a value other than dash or keep is named
sed -i 's/^\(    folder: "content\/docs"\)$/\1\n    slug_underscores: yes/' "$repo/folio.yaml"
r=0
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check3.txt" 2>&1 || r=$?
[ $r -ne 0 ] || fail "check should refuse slug_underscores: yes"
assert_contains "$TEST_DIR/check3.txt" '"slug_underscores" is "yes", neither dash nor keep'
echo "ok"

#!/bin/bash
# A research group's Hugo Blox site (DataHealth Lab's, 25th pass): its
# Markdown images and figures name files the page's folder lacks
# (![Tree](tree.jpg), {{< figure src="x.png" >}} in content/post/x/index.md),
# which Hugo Blox's image render hook and figure shortcode, fetched as a Go
# module, find in its media library, assets/media/ (published at /media/).
# folio refused 8 of its pages (14 link/asset errors) that Hugo builds.
# 1. init writes image_library: /media/ for a site importing Hugo Blox's
#    modules; a Markdown image or figure src the page's folder lacks is
#    /media/<name>; the page's own file still wins; raw HTML's <img src>
#    (which no render hook reads) and a name neither place has stay
#    link/asset.
# 2. Published commit by commit, as a full build: a file added beside the
#    page takes over from the library's; the library's file removed while a
#    page still names it is refused as a full build refuses it.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$s/config/_default" "$s/assets/media" "$s/content/post/welcome" "$s/content/post/own" \
	"$s/content/post/raw"
cat >"$s/config/_default/hugo.yaml" <<'YAML'
baseURL: https://lab.example/
title: Lab
markup:
  goldmark:
    renderer:
      unsafe: true
YAML
cat >"$s/config/_default/module.yaml" <<'YAML'
imports:
  - path: github.com/HugoBlox/hugo-blox-builder/modules/blox-tailwind
YAML
printf 'LIB-TREE' >"$s/assets/media/tree.jpg"
printf 'LIB-ICON' >"$s/assets/media/icon.png"
printf -- '---\ntitle: Welcome\ndate: 2024-01-02\n---\n\n![A tree](tree.jpg)\n\n{{< figure src="icon.png" caption="Logo" >}}\n' \
	>"$s/content/post/welcome/index.md"
printf -- '---\ntitle: Own\ndate: 2024-01-03\n---\n\n![Icon](icon.png)\n' >"$s/content/post/own/index.md"
printf 'OWN-ICON' >"$s/content/post/own/icon.png"
printf -- '---\ntitle: Raw\ndate: 2024-01-04\n---\n\n<p><img src="tree.jpg" alt="r"></p>\n\n![Gone](gone.jpg)\n' \
	>"$s/content/post/raw/index.md"
"$FOLIO" init --from hugo "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$s/folio.yaml" 'image_library: /media/'
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "raw HTML's image and a missing one passed"
assert_contains "$TEST_DIR/check.txt" 'content/post/raw/index.md:6:14: error: link to "tree.jpg": no such file "content/post/raw/tree.jpg" [link/asset]'
assert_contains "$TEST_DIR/check.txt" 'content/post/raw/index.md:8:9: error: link to "gone.jpg": no such file "content/post/raw/gone.jpg" [link/asset]'
assert_contains "$TEST_DIR/check.txt" 'checked the worktree: 2 errors'
rm -r "$s/content/post/raw"
"$FOLIO" build --worktree "$s" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/post/welcome/index.html" '<img src="/media/tree.jpg" alt="A tree"'
assert_contains "$out/post/welcome/index.html" '<img src="/media/icon.png" alt="Logo"'
assert_contains "$out/post/own/index.html" '<img src="/post/own/icon.png" alt="Icon"'
[ "$(cat "$out/media/tree.jpg")" = LIB-TREE ] || fail "the library's image is not at /media/tree.jpg"

# 2. commit by commit
r=$TEST_DIR/repo pub=$TEST_DIR/pub st=$TEST_DIR/state
repo_of "$s" "$r"
publish "$r" "$pub" "$st" "first publish"
same_as_full "$r" "$pub" "first publish"
printf 'OWN-TREE' >"$r/content/post/welcome/tree.jpg"
git -C "$r" add -A && git -C "$r" commit -qm "the tree beside its page"
publish "$r" "$pub" "$st" "a file beside the page"
same_as_full "$r" "$pub" "a file beside the page"
assert_contains "$pub/post/welcome/index.html" '<img src="/post/welcome/tree.jpg" alt="A tree"'
git -C "$r" rm -q content/post/welcome/tree.jpg && git -C "$r" commit -qm "back to the library"
publish "$r" "$pub" "$st" "the page's file removed"
same_as_full "$r" "$pub" "the page's file removed"
assert_contains "$pub/post/welcome/index.html" '<img src="/media/tree.jpg" alt="A tree"'
git -C "$r" rm -q assets/media/tree.jpg && git -C "$r" commit -qm "library file removed"
refused_like_full "$r" "$pub" "$st" "the library's file removed" 'link to "tree.jpg": no such file'
echo "ok"

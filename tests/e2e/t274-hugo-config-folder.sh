#!/bin/bash
# linkerd.io splits its Hugo configuration by key in config/_default/
# (hugo.yaml, permalinks.yaml, params.yaml) and keeps each version of its
# documentation in a section named after it, content/2.10/. init read only
# hugo.yaml there: its blog posts lost their dated addresses
# (/:year/:month/:day/:slug/), and 280 links to them were refused; and
# folio put content/2.10/ at /2-10/, where Hugo has /2.10/. Now each
# <key>.yaml beside hugo.yaml is that key where hugo.yaml does not set it
# (a name with a dot, menus.en.yaml, is one language's), and a Hugo
# section's dotted name stays in its URL.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/config/_default" "$site/content/blog" "$site/content/2.10/tasks"
printf 'title: Mesh\nbaseURL: https://mesh.example/\n' >"$site/config/_default/hugo.yaml"
printf 'blog: /:year/:month/:day/:slug/\n' >"$site/config/_default/permalinks.yaml"
printf 'latest: "2.10"\n' >"$site/config/_default/params.yaml"
printf -- '- name: Blog\n  url: /blog/\n' >"$site/config/_default/menus.en.yaml"
printf -- '---\ntitle: Under the hood\ndate: 2020-07-23\n---\nThe proxy.\n' >"$site/content/blog/under-the-hood.md"
printf -- '---\ntitle: Install\n---\nSee [the proxy](/2020/07/23/under-the-hood/), docs {{< param latest >}}.\n' \
	>"$site/content/2.10/tasks/install.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" 'permalink: "/:year/:month/:day/:slug/"'
assert_contains "$site/folio.yaml" 'url: "/2.10/"'
assert_contains "$site/folio.yaml" '"latest": "2.10"'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/2020/07/23/under-the-hood/index.html" 'The proxy.'
assert_contains "$out/2.10/tasks/install/index.html" 'href="/2020/07/23/under-the-hood/"'
assert_contains "$out/2.10/tasks/install/index.html" 'docs 2.10.'
echo "ok"

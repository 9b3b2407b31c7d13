#!/bin/bash
# What a Jekyll site renders besides its pages (Azure's SDK guidelines,
# 901 pages: 52 refused before, 8 after, all its own defects):
# - files that open with front matter are Liquid templates Jekyll renders
#   (sitemap.xml, feed.xml, search.json at the top; Sass in css/): init
#   leaves them out and names them, instead of publishing their source
#   (sitemap.xml clashed with folio's own); one whose "---" is a YAML
#   document marker (no closing line, no Liquid) is copied, as Jekyll
#   writes it unchanged;
# - a relative link ending in .html is read from the page's URL when that
#   names a page: design.md at /android_design.html links
#   "registered_namespaces.html", another page's permalink:;
# - {% include requirement/MUST id="x" %} makes an anchor folio cannot
#   see: a link to #x is link/anchor-unchecked (a warning), as for Hugo's
#   unknown shortcodes.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

jk=$TEST_DIR/site
mkdir -p "$jk/docs/android" "$jk/docs/tables" "$jk/css" "$jk/_includes/requirement"
printf 'title: SDK\nurl: https://sdk.example\n' >"$jk/_config.yml"
printf -- '---\nlayout: none\n---\n<urlset>{%% for p in site.pages %%}<url>{{ p.url }}</url>{%% endfor %%}</urlset>\n' >"$jk/sitemap.xml"
printf -- '---\nlayout: none\n---\n<feed>{%% for p in site.posts %%}{{ p.title }}{%% endfor %%}</feed>\n' >"$jk/feed.xml"
printf -- '---\n---\n@import "main";\n' >"$jk/css/style.scss"
printf 'body { margin: 0 }\n' >"$jk/css/plain.css"
# a YAML document marker, no closing line, no Liquid: Jekyll reads no front
# matter and writes the file as it is (Kong's 520 CRDs); with a closing
# line, or with Liquid, it renders it
mkdir -p "$jk/assets/crds"
printf -- '---\napiVersion: v1\nkind: Gadget\nspec:\n  size: 3\n' >"$jk/assets/crds/gadget.yaml"
printf -- '---\nkind: Widget\n...\nbody\n' >"$jk/assets/crds/closed.yaml"
printf -- '---\nkind: Widget\nname: {{ site.title }}\n' >"$jk/assets/crds/liquid.yaml"
printf '<a name="{{ include.id }}"></a><b>MUST</b>\n' >"$jk/_includes/requirement/MUST.html"
printf -- '---\ntitle: Android design\npermalink: android_design.html\n---\n\n{%% include requirement/MUST id="android-naming" %%} name things well.\n\nSee [the namespaces](registered_namespaces.html) and [naming](#android-naming).\n' \
	>"$jk/docs/android/design.md"
printf -- '---\ntitle: Registered namespaces\npermalink: registered_namespaces.html\n---\n\nThe list.\n' \
	>"$jk/docs/tables/registered_namespaces.md"
migrate_and_build jekyll "$jk" "$TEST_DIR/out"
assert_contains "$TEST_DIR/init.txt" 'sitemap.xml (a file Jekyll renders with Liquid) is not published: folio writes its own sitemap.xml'
assert_contains "$TEST_DIR/init.txt" 'feed.xml (a feed Jekyll renders with Liquid) is not published as it is'
# no posts: no site feed stands in its place (t305 has one)
assert_contains "$TEST_DIR/init.txt" 'feed.xml: its feed is not kept at /feed.xml: it lists site.posts, which is no dated collection folio reads'
assert_contains "$TEST_DIR/init.txt" 'css/style.scss (Sass that Jekyll compiles to CSS) is not published'
assert_not_contains "$TEST_DIR/out/sitemap.xml" '{% for'
assert_contains "$TEST_DIR/out/sitemap.xml" 'https://sdk.example/android_design.html'
[ ! -e "$TEST_DIR/out/feed.xml" ] || fail "feed.xml's Liquid source is published"
[ ! -e "$TEST_DIR/out/css/style.scss" ] || fail "css/style.scss is published"
cmp "$jk/css/plain.css" "$TEST_DIR/out/css/plain.css" || fail "css/plain.css is not copied"
cmp "$jk/assets/crds/gadget.yaml" "$TEST_DIR/out/assets/crds/gadget.yaml" || fail "the manifest Jekyll writes as it is is not copied"
assert_contains "$TEST_DIR/init.txt" 'assets/crds/closed.yaml (a file Jekyll renders with Liquid) is not published'
assert_contains "$TEST_DIR/init.txt" 'assets/crds/liquid.yaml (a file Jekyll renders with Liquid) is not published'
[ ! -e "$TEST_DIR/out/assets/crds/liquid.yaml" ] || fail "a file with Liquid is published as written"
assert_contains "$TEST_DIR/out/android_design.html" 'href="/registered_namespaces.html">the namespaces</a>'

"$FOLIO" check --worktree "$jk" >"$TEST_DIR/check.txt" 2>&1 || fail "check refused the site: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'warning: link to "#android-naming": "docs/android/design.md" has no heading with id "android-naming", but shortcodes folio does not know may make one there ("include"): not checked [link/anchor-unchecked]'
echo "ok"

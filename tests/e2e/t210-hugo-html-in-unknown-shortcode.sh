#!/bin/bash
# Tags inside an unknown paired shortcode written {{< name >}} are not the
# page's raw HTML: Hugo hands that text to the shortcode's own template,
# never to its Markdown renderer (Hugo's docs show a menu's TOML in a
# code-toggle, pre = '<i class="fa fa-heart"></i>'). On a site without
# allow_html they are left out with a warning naming the shortcode, and the
# page builds. Raw HTML outside it, or inside one written {{% name %}}
# (whose text Hugo renders as Markdown), is still refused as html/raw.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/guide"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://lantern.example/"
title = "Lantern"
TOML
cat >"$site/content/guide/menus.md" <<'MD'
---
title: Menus
---
A menu entry with an icon:

{{< code-toggle file=hugo >}}
[[menus.main]]
name = 'Hugo'
pre = '<i class="fa fa-heart"></i>'
{{< /code-toggle >}}

Done.
MD
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'allow_html: false'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the tags of a shortcode's text: $(cat "$TEST_DIR/build.txt")"
cat "$TEST_DIR/build.txt"
assert_contains "$TEST_DIR/build.txt" \
	'content/guide/menus.md:9:8: warning: raw HTML inside unknown shortcode "code-toggle" is left out [shortcode/unknown]'
assert_not_contains "$TEST_DIR/build.txt" '[html/raw]'
assert_not_contains "$out/guide/menus/index.html" '<i class='
assert_contains "$out/guide/menus/index.html" 'Done.'

# the page's own raw HTML, and a {{% %}} shortcode's (Markdown to Hugo)
cat >"$site/content/guide/raw.md" <<'MD'
---
title: Raw
---
{{% note %}}
A <b>bold</b> note.
{{% /note %}}
MD
cat >"$site/content/guide/after.md" <<'MD'
---
title: After
---
{{< tabs >}}
Text.
{{< /tabs >}}

And <b>bold</b> after it.
MD
# init made html/raw a warning, as Hugo leaves raw HTML out (t178): they
# are html/raw warnings, and errors under folio's own rule
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check1.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check1.txt")"
assert_contains "$TEST_DIR/check1.txt" \
	'content/guide/after.md:8:5: warning: raw HTML is not allowed on this site [html/raw]'
sed -i '/^rules:/,$d' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse the pages' raw HTML (exit $r)"
assert_contains "$TEST_DIR/check.txt" \
	'content/guide/raw.md:5:3: error: raw HTML is not allowed on this site [html/raw]'
assert_contains "$TEST_DIR/check.txt" \
	'content/guide/after.md:8:5: error: raw HTML is not allowed on this site [html/raw]'
echo "ok"

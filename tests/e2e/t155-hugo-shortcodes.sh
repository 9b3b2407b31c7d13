#!/bin/bash
# Markdown as Hugo sites write it (testdata/hugo-site/posts/shortcodes.md):
# every shortcode folio knows becomes its HTML (figure with its bundle image
# and link checked, ref/relref to the target page's own URL, youtube and
# vimeo as iframes of their privacy-friendly hosts, highlight as a code
# block, a commented-out tag as text); <!--more--> ends the summary; an
# iframe of a host listed in embeds: is kept. No shortcode text reaches the
# page, the JSON feeds or the summaries. An unknown shortcode is a warning
# at its line and renders as its inner text; a ref to no page is
# link/broken; an iframe of another host, or a listed host dropped from
# embeds:, is html/active.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site" "$FOLIO_SOURCE_DIR/testdata/hugo-site"
out=$TEST_DIR/out
"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '0 errors, 0 warnings'
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
page=$out/posts/shortcodes/index.html
[ -f "$page" ] || fail "no page for posts/shortcodes.md"
assert_contains "$page" '<figure><a href="/agenda/"><img src="/agenda/2024/atelier-photo/jardin.jpg" alt="Le jardin"></a><figcaption><h4>Notre jardin</h4><p>Dessiné en <em>2019</em></p></figcaption></figure>'
assert_contains "$page" '<img src="/posts/ete-a-zurich/Photo%20du%20jardin.jpg" alt="Le jardin">'
assert_contains "$page" '<a href="/association/statuts/">statuts</a>'
assert_contains "$page" '<a href="/agenda/2024/atelier-photo/">l'"'"'atelier</a>'
assert_contains "$page" '<a href="/agenda/2023/fete-des-semis/#rendez-vous">la fête</a>'
assert_contains "$page" 'avec /association/statuts/ en texte'
assert_contains "$page" '<iframe src="https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc"'
assert_contains "$page" '<iframe src="https://player.vimeo.com/video/146022717?dnt=1" title="Le potager"'
assert_contains "$page" '<pre><code class="language-python">def arrose(plante):'
assert_contains "$page" 'return plante &lt; 3 and &quot;&lt;b&gt;&quot;'
assert_contains "$page" '<code>{{&lt; figure src=&quot;x.jpg&quot; &gt;}}</code>'
assert_contains "$page" '<iframe src="https://www.openstreetmap.org/export/embed.html?bbox=2.3,48.8,2.4,48.9" title="Carte"></iframe>'
assert_not_contains "$page" '&lt;iframe'
assert_not_contains "$page" '<p><figure>'
# no shortcode syntax anywhere but the one written as text
grep -v 'figure src=&quot;x.jpg' "$page" | grep -q '{{\|{%' && fail "shortcode text in the page: $(grep '{{\|{%' "$page")"
# the summary is the text before <!--more-->, with the ref's URL
python3 - "$out" <<'PY' || fail "summary or feeds wrong"
import json, os, sys
out = sys.argv[1]
for root, _, files in os.walk(out):
    for f in files:
        if f.endswith(".json"):
            text = open(os.path.join(root, f), encoding="utf-8").read()
            assert "{{<" not in text and "{{%" not in text and "\ue000" not in text, f
feed = json.load(open(os.path.join(out, "posts", "index.json"), encoding="utf-8"))
items = feed.get("items", feed.get("pages", []))
item = next(i for i in items if i["url"].endswith("/posts/shortcodes/"))
assert item["summary"] == "Le jardin en images, avec /association/statuts/ en texte.", item["summary"]
PY

# an unknown shortcode: a warning at its line, its inner text kept, no tag left
printf '\n{{%% notice info %%}}\nGardez **le portail** fermé.\n{{%% /notice %%}}\n' >>"$site/posts/shortcodes.md"
line=$(grep -n 'notice info' "$site/posts/shortcodes.md" | cut -d: -f1)
git -C "$site" commit -qam "unknown shortcode"
rm -rf "$out"
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/unknown.txt" 2>&1 \
	|| fail "a warning stops the build: $(cat "$TEST_DIR/unknown.txt")"
assert_contains "$TEST_DIR/unknown.txt" "posts/shortcodes.md:$line:1: warning: unknown shortcode \"notice\" renders as nothing [shortcode/unknown]"
assert_contains "$page" 'Gardez <strong>le portail</strong> fermé.'
assert_not_contains "$page" 'notice'
git -C "$site" reset -q --hard HEAD~1

# a ref to no page is a broken link, at its line, named as the ref names it
sed -i 's|{{< ref "statuts.md" >}})|{{< ref "disparu.md" >}})|' "$site/posts/shortcodes.md"
line=$(grep -n 'disparu' "$site/posts/shortcodes.md" | cut -d: -f1)
git -C "$site" commit -qam "ref to no page"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/ref.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a ref to no page passes (exit $r)"
assert_contains "$TEST_DIR/ref.txt" "posts/shortcodes.md:$line:"
assert_contains "$TEST_DIR/ref.txt" 'error: link to "disparu.md" points to no page [link/broken]'
git -C "$site" reset -q --hard HEAD~1

# an iframe of a host not in embeds, and the listed host dropped from embeds
printf '\n<iframe src="https://tracker.example/x"></iframe>\n' >>"$site/posts/shortcodes.md"
line=$(grep -n 'tracker.example' "$site/posts/shortcodes.md" | cut -d: -f1)
sed -i 's|^embeds: .*|embeds: [www.youtube-nocookie.com]|' "$site/folio.yaml"
osm=$(grep -n 'openstreetmap' "$site/posts/shortcodes.md" | cut -d: -f1)
git -C "$site" commit -qam "iframes of other hosts"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/iframe.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "an iframe of an unlisted host passes (exit $r)"
assert_contains "$TEST_DIR/iframe.txt" "posts/shortcodes.md:$line:9: error: iframe of host \"tracker.example\" is not in embeds [html/active]"
assert_contains "$TEST_DIR/iframe.txt" "posts/shortcodes.md:$osm:9: error: iframe of host \"www.openstreetmap.org\" is not in embeds [html/active]"
# youtube and vimeo shortcodes need no embeds: entry, whatever allow_html says
[ "$(grep -c 'html/active' "$TEST_DIR/iframe.txt")" -eq 2 ] || fail "other findings: $(cat "$TEST_DIR/iframe.txt")"
echo ok

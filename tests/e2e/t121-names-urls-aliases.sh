#!/bin/bash
# File names in any UTF-8 become slugs by ICU's "Any-Latin; Latin-ASCII;
# Lower" and dashes ("Été à Zürich/index.md" -> /posts/ete-a-zurich/,
# "Москва.md" -> /posts/moskva/); slug: and url: in front matter (YAML or
# TOML) set the address, and links written to the .md file follow it;
# aliases: write redirect pages (meta refresh and canonical link to the
# page) at the old URLs, relative ones against the page's folder. An alias
# that leaves the site is slug/invalid; one onto another page leaves that
# page published there, and is named (output/alias-taken).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site" "$FOLIO_SOURCE_DIR/testdata/hugo-site"
out=$TEST_DIR/out
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"

for f in posts/ete-a-zurich/index.html posts/moskva/index.html posts/bonjour-le-monde/index.html \
	association/statuts/index.html; do
	[ -f "$out/$f" ] || fail "no $f in the output"
done
[ -e "$out/posts/premier-billet" ] && fail "slug: did not replace the folder's name"
[ -e "$out/posts/statuts" ] && fail "url: did not replace the page's URL"
# links to .md files go to the pages' own URLs
assert_contains "$out/posts/ete-a-zurich/index.html" 'href="/posts/moskva/"'
assert_contains "$out/posts/ete-a-zurich/index.html" 'href="/association/statuts/"'
assert_contains "$out/association/statuts/index.html" 'href="/posts/bonjour-le-monde/#bienvenue"'

# every alias is a redirect to the page, parsed as HTML
for a in 2019/05/premier-billet/index.html posts/ancien-billet/index.html; do
	[ -f "$out/$a" ] || fail "no redirect page $a"
done
[ -f "$out/statuts.html" ] || fail "no redirect page statuts.html"
python3 - "$out" <<'PY' || fail "a redirect page is wrong"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.refresh = self.canonical = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "refresh": self.refresh = a["content"]
        if tag == "link" and a.get("rel") == "canonical": self.canonical = a["href"]
for f, to in [("2019/05/premier-billet/index.html", "/posts/bonjour-le-monde/"),
              ("posts/ancien-billet/index.html", "/posts/bonjour-le-monde/"),
              ("statuts.html", "/association/statuts/")]:
    p = P(); p.feed(open(sys.argv[1] + "/" + f, encoding="utf-8").read())
    want = "https://jardins.example" + to
    assert p.canonical == want, (f, p.canonical)
    assert p.refresh == "0; url=" + want, (f, p.refresh)
PY
# the sitemap names pages, not redirects
assert_not_contains "$out/sitemap.xml" 'premier-billet'
assert_contains "$out/sitemap.xml" '<loc>https://jardins.example/association/statuts/</loc>'

# an alias outside the site: slug/invalid at its line
sed -i 's|  - ancien-billet|  - ../../../ailleurs/|' "$site/posts/premier-billet/index.md"
git -C "$site" commit -qam "alias outside"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/outside.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "an alias outside the site passes (exit $r)"
assert_contains "$TEST_DIR/outside.txt" 'posts/premier-billet/index.md:6:5: error: alias "../../../ailleurs/" is not a path of the site [slug/invalid]'
git -C "$site" reset -q --hard HEAD~1

# an alias onto another page's URL: the page is published there, as Hugo
# writes pages over aliases, and the alias is named (output/alias-taken)
sed -i 's|  - ancien-billet|  - /posts/moskva/|' "$site/posts/premier-billet/index.md"
git -C "$site" commit -qam "alias onto a page"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/clash.txt" 2>&1 || r=$?
[ $r -eq 0 ] || fail "an alias onto a page is refused (exit $r): $(cat "$TEST_DIR/clash.txt")"
assert_contains "$TEST_DIR/clash.txt" 'posts/premier-billet/index.md: warning: old URL "/posts/moskva/" is the address of "posts/Москва.md", which is published there: no redirect is written [output/alias-taken]'
"$FOLIO" build --repo "$site" --out "$TEST_DIR/taken" >/dev/null 2>&1 || fail "the site with an alias onto a page does not build"
assert_contains "$TEST_DIR/taken/posts/moskva/index.html" 'Un billet au nom cyrillique.'
assert_not_contains "$TEST_DIR/taken/posts/moskva/index.html" 'http-equiv="refresh"'
git -C "$site" reset -q --hard HEAD~1

# a name with no letter or digit has no slug
printf -- '---\ntitle: x\n---\nx\n' >"$site/posts/....md"
git -C "$site" add -A && git -C "$site" commit -qm "no slug"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/noslug.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a name without a slug passes (exit $r)"
assert_contains "$TEST_DIR/noslug.txt" 'file name "..." gives an empty slug'
echo ok

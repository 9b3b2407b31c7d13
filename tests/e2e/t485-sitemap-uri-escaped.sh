#!/bin/bash
# A sitemap's <loc> is a URI: the sitemaps protocol wants it URL-escaped
# (RFC 3986), and Hugo writes a name that is not ASCII percent-encoded:
# /posts/caf%C3%A9/, /tags/%E6%8A%80%E6%9C%AF/ (checked with Hugo 0.111
# on this fixture). folio wrote the UTF-8 bytes as they are (twenty-eighth
# pass: a blog in Chinese and English, whose categories are Chinese words,
# 6 such URLs in its sitemaps). The page's own file keeps its name.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts"
printf 'baseURL = "https://blog.example/"\ntitle = "Blog"\nlanguageCode = "fr"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Café\ndate: 2024-01-01\ntags: [技术, "mise à jour"]\n---\nTexte.\n' >"$s/content/posts/café.md"
o=$TEST_DIR/out
migrate_and_build hugo "$s" "$o" >/dev/null
[ -f "$o/posts/café/index.html" ] || fail "no posts/café/index.html: $(cd "$o" && find . -name '*.html' | sort | tr '\n' ' ')"
assert_contains "$o/sitemap.xml" '<loc>https://blog.example/posts/caf%C3%A9/</loc>'
assert_contains "$o/sitemap.xml" '<loc>https://blog.example/tags/%E6%8A%80%E6%9C%AF/</loc>'
assert_contains "$o/sitemap.xml" '<loc>https://blog.example/tags/mise-%C3%A0-jour/</loc>'
python3 - "$o/sitemap.xml" <<'EOF' || fail "a <loc> that is not ASCII: $(cat "$o/sitemap.xml")"
import re, sys
locs = re.findall(r"<loc>([^<]*)</loc>", open(sys.argv[1], encoding="utf-8").read())
sys.exit(0 if locs and all(l.isascii() and " " not in l for l in locs) else 1)
EOF
echo ok

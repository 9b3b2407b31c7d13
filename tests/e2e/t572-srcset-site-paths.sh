#!/bin/bash
# A srcset's URLs ("/a.png 1x, /b.png 2x") are site paths too: Hugo 0.111
# rewrites them with href, src and action, relative to the page under
# relativeURLs ("../../a.png 1x, ../../b.png 2x") and with baseURL's path
# before them. folio left them as written, so a site served from a
# sub-folder or from disk showed its images at 1x only and fetched the
# 2x ones from outside the site.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/c" "$site/static"
cat >"$site/hugo.toml" <<'EOF2'
baseURL = "https://rel.example/"
title = "Rel"
relativeURLs = true
[markup.goldmark.renderer]
unsafe = true
EOF2
cat >"$site/content/c/d.md" <<'EOF2'
---
title: D
---
<img src="/a.png" srcset="/a.png 1x, /b.png 2x" alt="one">

<img src="/a.png" srcset='/a.png 480w,
/b.png 960w' alt="two">

<img src="/a.png" srcset="/b.png" alt="three">
EOF2
printf 'PNG' >"$site/static/a.png"
printf 'PNG' >"$site/static/b.png"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
d=$out/c/d/index.html
assert_contains "$d" 'srcset="../../a.png 1x, ../../b.png 2x" alt="one"'
assert_contains "$d" "srcset='../../a.png 480w,"
assert_contains "$d" '../../b.png 960w'"'"' alt="two"'
assert_contains "$d" 'srcset="../../b.png" alt="three"'

# a site below a path: the path before each of them
rm -rf "$site/folio.yaml" "$site/schemas"
sed -i -e '/relativeURLs/d' -e 's|rel.example/|rel.example/sub/|' "$site/hugo.toml"
out2=$TEST_DIR/out2
migrate_and_build hugo "$site" "$out2"
assert_not_contains "$site/folio.yaml" 'relative_urls'
d=$out2/c/d/index.html
assert_contains "$d" 'src="/sub/a.png" srcset="/sub/a.png 1x, /sub/b.png 2x" alt="one"'
assert_contains "$d" '/sub/b.png 960w'"'"' alt="two"'
echo "ok"

#!/bin/bash
# Hugo's relativeURLs = true rewrites, in every HTML page it writes, each
# href, src and action value that is a site path ("/c/e/") relative to that
# page ("../../c/e/" on /c/d/, "./c/e/" on the home page), so that the site
# works from any folder or from disk; the canonical link, alias pages,
# feeds and the sitemap keep absolute URLs (Hugo 0.111). folio wrote site
# paths, which leave a site served from a sub-folder (Exodus Privacy, the
# thirty-third pass). Now init writes relative_urls: true and folio writes
# them as Hugo does.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/c" "$site/static/img"
cat >"$site/hugo.toml" <<'EOF2'
baseURL = "https://rel.example/"
title = "Rel"
relativeURLs = true
EOF2
cat >"$site/content/c/d.md" <<'EOF2'
---
title: D
aliases: [/old/d/]
---
[e](/c/e/) ![i](/img/x.png) [ext](https://x.example/) [anchor](#h) [home](/)

## H
EOF2
printf -- '---\ntitle: E\n---\nBack to [d](/c/d/#h).\n' >"$site/content/c/e.md"
printf 'PNG' >"$site/static/img/x.png"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'relative_urls: true'
d=$out/c/d/index.html
assert_contains "$d" 'href="../../c/e/"'
assert_contains "$d" 'src="../../img/x.png"'
assert_contains "$d" 'href="https://x.example/"'
assert_contains "$d" 'href="#h"'
assert_contains "$d" 'rel="canonical" href="https://rel.example/c/d/"'
assert_contains "$out/c/e/index.html" 'href="../../c/d/#h"'
assert_contains "$out/index.html" 'href="./c/d/"'
assert_contains "$out/old/d/index.html" 'url=https://rel.example/c/d/'
assert_contains "$out/sitemap.xml" '<loc>https://rel.example/c/d/</loc>'

# no HTML output keeps a site path, and each relative one names a file of
# the output, read from the page's own folder as a browser reads it from disk
python3 - "$out" <<'PY' || fail "an HTML output has a site path or a relative link to nothing"
import os, re, sys
root = sys.argv[1]
bad = []
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html"):
            continue
        path = os.path.join(d, f)
        page = open(path, encoding="utf-8").read()
        for m in re.finditer(r"\s(?:href|src|action)=[\"']([^\"']*)[\"']", page):
            v = m.group(1)
            if v.startswith("/") and not v.startswith("//"):
                bad.append((path, v))
            elif v.startswith("./") or v.startswith("../"):
                t = os.path.normpath(os.path.join(d, v.split("#")[0]))
                if not (os.path.isfile(t) or os.path.isfile(os.path.join(t, "index.html"))):
                    bad.append((path, v))
for b in bad:
    print("%s: %s" % b)
sys.exit(1 if bad else 0)
PY

# a publish after a change writes what a full build writes
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
publish "$repo" "$pub" "$TEST_DIR/state" "first publish"
printf -- '---\ntitle: F\n---\nTo [e](/c/e/).\n' >"$repo/content/c/f.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "f"
publish "$repo" "$pub" "$TEST_DIR/state" "second publish"
assert_contains "$pub/c/f/index.html" 'href="../../c/e/"'
same_as_full "$repo" "$pub" "relative_urls"

# without relativeURLs: site paths, as before
rm -rf "$site/folio.yaml" "$site/schemas"
sed -i '/relativeURLs/d' "$site/hugo.toml"
out2=$TEST_DIR/out2
migrate_and_build hugo "$site" "$out2"
assert_not_contains "$site/folio.yaml" 'relative_urls'
assert_contains "$out2/c/d/index.html" 'href="/c/e/"'
echo "ok"

#!/bin/bash
# A site on Netlify keeps old addresses in its web server's redirects
# (netlify.toml's [[redirects]], a _redirects file; Hugo's in static/).
# init --from writes the plain ones as folio.yaml's redirects: and names
# the others with what keeps them out; the build publishes a redirect page
# at each old address, and links to those addresses are valid.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/docs" "$site/static"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n[uglyURLs]\npost = true\n' >"$site/hugo.toml"
printf -- '---\ntitle: Donate\n---\nThank you.\n' >"$site/content/docs/donate.md"
printf -- '---\ntitle: Guide\n---\nSee [sponsors](/sponsors/), [jobs](/jobs), [old](/2015/old-post.html) and [donate](/docs/donate/).\n' \
	>"$site/content/docs/guide.md"
cat >"$site/netlify.toml" <<'TOML'
[build]
publish = "public"

[[redirects]]
from = "/sponsors"
to = "/docs/donate/"
status = 301
force = true

[[redirects]]
from = "/jobs"
to = "https://jobs.example/careers"
status = 302

[[redirects]]
from = "/fr/*"
to = "/fr/404.html"
status = 404

[[redirects]]
from = "/docs/donate"
to = "/elsewhere/"

[[redirects]]
from = "/geo"
to = "/geo-fr/"
conditions = {Country = ["fr"]}
TOML
printf '# old posts\n/2015/old-post.html /docs/guide/ 301\n/blog/*  /posts/:splat  301\n/app/*  /index.html  200\n' \
	>"$site/static/_redirects"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
cat "$site/folio.yaml"
assert_contains "$site/folio.yaml" 'from: "/sponsors"'
assert_contains "$site/folio.yaml" 'to: "https://jobs.example/careers"'
assert_contains "$site/folio.yaml" 'from: "/2015/old-post.html"'
assert_contains "$TEST_DIR/init.txt" 'redirect from "/fr/*" is not kept: a splat (*) that is not /old/ and a star, to /new/:splat'
# a folder's splat to a folder is kept (t302 shows its pages)
assert_contains "$site/folio.yaml" 'from: "/blog/*"'
assert_contains "$TEST_DIR/init.txt" 'redirect from "/app/*" is not kept'
assert_contains "$TEST_DIR/init.txt" 'redirect from "/geo" is not kept: conditions'
# Hugo's uglyURLs names a section the site lacks: named (t222 covers one it has)
assert_contains "$TEST_DIR/init.txt" 'uglyURLs: section post is no collection'

out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused links to redirected addresses: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/sponsors/index.html" 'content="0; url=https://lantern.example/docs/donate/"'
assert_contains "$out/jobs/index.html" 'content="0; url=https://jobs.example/careers"'
assert_contains "$out/2015/old-post.html" 'url=https://lantern.example/docs/guide/'
# a page at a redirect's address wins, as Netlify's unforced rules let it
assert_contains "$out/docs/donate/index.html" 'Thank you.'
assert_not_contains "$out/docs/donate/index.html" 'elsewhere'

# without the rule, the old address names nothing
sed -i '/from: "\/sponsors"/,+1d' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse a link to /sponsors/ without its redirect (exit $r)"
assert_contains "$TEST_DIR/check.txt" '/sponsors/'

# a rule folio cannot publish is refused in folio.yaml, with its place
sed -i 's|^redirects:$|redirects:\n  - {from: "/blog/*", to: /posts/}|' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -ne 0 ] || fail "check should refuse a redirect with a splat"
assert_contains "$TEST_DIR/check2.txt" 'a redirect needs a from'
echo "ok"

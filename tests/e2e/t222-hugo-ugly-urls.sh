#!/bin/bash
# Hugo's uglyURLs publishes a section's pages at /x.html (letsencrypt.org:
# [uglyURLs] post = true, its posts at /2015/11/09/why-90-days.html, and
# pages link there). init --from hugo writes ugly_urls: true for the
# sections it names: the page is built at that path, the sitemap and the
# feed carry that URL, a link to it (or to it without ".html", as Netlify
# serves it) checks, a link to the pretty /x/ is refused. Other sections
# keep /x/. The section's list is at /post.html, as Hugo writes it.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/post" "$site/content/docs"
cat >"$site/hugo.toml" <<'TOML'
title = "Lantern"
baseURL = "https://lantern.example/"
[uglyURLs]
post = true
[permalinks]
post = "/:year/:month/:day/:slug/"
TOML
printf -- '---\ntitle: Why ninety days\ndate: 2015-11-09\nslug: why-90-days\n---\nNinety days.\n' \
	>"$site/content/post/2015-11-09-why-90-days.md"
printf -- '---\ntitle: Beta\ndate: 2015-12-03\n---\nSee [why](/2015/11/09/why-90-days.html).\n' \
	>"$site/content/post/beta.md"
printf -- '---\ntitle: FAQ\n---\nRead [why](/2015/11/09/why-90-days.html) and [again](/2015/11/09/why-90-days).\n' \
	>"$site/content/docs/faq.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
cat "$site/folio.yaml"
[ "$(grep -c 'ugly_urls: true' "$site/folio.yaml")" = 1 ] || fail "ugly_urls should be set for post only"

out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused links to the .html address: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/2015/11/09/why-90-days.html" 'Ninety days.'
[ ! -e "$out/2015/11/09/why-90-days/index.html" ] || fail "the page should not be at its pretty path"
assert_contains "$out/docs/faq/index.html" 'href="/2015/11/09/why-90-days.html"'
assert_contains "$out/sitemap.xml" 'https://lantern.example/2015/11/09/why-90-days.html'
assert_contains "$out/post/index.json" '/2015/11/09/why-90-days.html'
# the section's list too, as Hugo writes it (t233 covers its links)
assert_contains "$out/post.html" 'href="/2015/11/09/why-90-days.html"'
[ ! -e "$out/post/index.html" ] || fail "the post list should be at /post.html only"
assert_contains "$out/docs/index.html" 'href="/docs/faq/"'

# a link to the pretty address is no page there
printf -- '---\ntitle: Pretty\n---\nSee [why](/2015/11/09/why-90-days/).\n' >"$site/content/docs/pretty.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "a link to the pretty URL should be refused (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'link to "/2015/11/09/why-90-days/" points to no page'
rm "$site/content/docs/pretty.md"

# uglyURLs = true: every section
sed -i 's/^\[uglyURLs\]$/uglyURLs = true/; /^post = true$/d' "$site/hugo.toml"
"$FOLIO" init --from hugo --force "$site" >"$TEST_DIR/init2.txt" 2>&1 \
	|| fail "init --from hugo --force failed: $(cat "$TEST_DIR/init2.txt")"
# (its taxonomies get theirs too, t467: counted below collections:)
[ "$(sed -n '/^collections:/,$p' "$site/folio.yaml" | grep -c 'ugly_urls: true')" = 2 ] || fail "ugly_urls should be set for both sections"
out2=$TEST_DIR/out2
"$FOLIO" build --worktree "$site" --out "$out2" >"$TEST_DIR/build2.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build2.txt")"
assert_contains "$out2/docs/faq.html" 'Read'
echo "ok"

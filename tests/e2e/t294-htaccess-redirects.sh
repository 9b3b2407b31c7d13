#!/bin/bash
# A site served by Apache keeps its old addresses in .htaccess (Hugo's in
# static/, Jekyll's at the root; every Apache project site does, as
# flink.apache.org's RewriteRule ^downloads\.html$ /downloads/). init --from
# writes its plain rules as folio.yaml's redirects: (Redirect,
# RedirectPermanent, RedirectTemp, and a RewriteRule with R whose pattern is
# one address) and names the others with what keeps them out; links to the
# old addresses are then valid, and each has its redirect page. A pusher's
# hostile rules (another host, a hidden or climbing address, a javascript:
# target) are named and never written.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/hugo
mkdir -p "$site/content/docs" "$site/static"
printf 'title = "Flux"\nbaseURL = "https://flux.example/"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Downloads\n---\nGet it.\n' >"$site/content/docs/downloads.md"
printf -- '---\ntitle: Guide\n---\nSee [downloads](/downloads.html), [the FAQ](/faq.html), [jobs](/jobs) and [old](/old/).\n' \
	>"$site/content/docs/guide.md"
cat >"$site/static/.htaccess" <<'APACHE'
# old links
RewriteEngine On
RewriteCond %{HTTPS} off
RewriteRule ^(.*)$ https://%{HTTP_HOST}%{REQUEST_URI} [L,R=301]
RewriteRule ^downloads\.html$ /docs/downloads/ [R=301,L]
RewriteRule ^/?faq\.html$ docs/guide/ [R,L]
RewriteRule ^blog/(.*)$ /posts/$1 [R=301,L]
RewriteRule ^docs/(.*) https://nightlies.example/docs/$1 [R=301,L,NE]
RewriteRule ^internal\.html$ /docs/guide/ [L]
RewriteRule ^gone\.html$ - [G]
<IfModule mod_alias.c>
  Redirect permanent /jobs https://jobs.example/careers
</IfModule>
RedirectPermanent "/old" "/docs/guide/"
RedirectMatch 301 ^/v1/(.*)$ /docs/$1
<If "%{HTTP_HOST} == 'www.flux.example'">
  Redirect /www /docs/
</If>
RewriteRule ^away$ //evil.example/ [R=301]
Redirect /.folio-output /docs/guide/
RewriteRule ^\.\./\.\./etc/passwd$ /docs/guide/ [R=301]
Redirect /script javascript:alert(1)
APACHE
# the server that publishes the .htaccess allows it (t462)
migrate_and_build hugo "$site" "$TEST_DIR/out" --limit server-config-files=1
cat "$site/folio.yaml"
assert_contains "$site/folio.yaml" 'from: "/downloads.html"'
assert_contains "$site/folio.yaml" 'to: "/docs/downloads/"'
assert_contains "$site/folio.yaml" 'from: "/faq.html"'
assert_contains "$site/folio.yaml" 'to: "/docs/guide/"'
assert_contains "$site/folio.yaml" 'from: "/jobs"'
assert_contains "$site/folio.yaml" 'to: "https://jobs.example/careers"'
assert_contains "$site/folio.yaml" 'from: "/old"'
i=static/.htaccess
assert_contains "$TEST_DIR/init.txt" "$i:4: redirect from \"^(.*)\$\" is not kept: a back-reference"
assert_contains "$TEST_DIR/init.txt" "$i:7: redirect from \"^blog/(.*)\$\" is not kept: a back-reference"
assert_contains "$TEST_DIR/init.txt" "$i:9: redirect from \"^internal\\.html\$\" is not kept: a rewrite without R"
assert_contains "$TEST_DIR/init.txt" "$i:15: redirect from \"^/v1/(.*)\$\" is not kept: a pattern (RedirectMatch)"
assert_contains "$TEST_DIR/init.txt" "$i:17: redirect from \"/www\" is not kept: conditions"
assert_not_contains "$TEST_DIR/init.txt" 'gone.html'
# a pusher's hostile rules: named, never written where folio.yaml would take them
assert_contains "$TEST_DIR/init.txt" "$i:19: redirect from \"/away\" is not kept: to starts with \"//\", another host"
assert_contains "$TEST_DIR/init.txt" "$i:20: redirect from \"/.folio-output\" is not kept: from is no address a page can stand at"
assert_contains "$TEST_DIR/init.txt" "$i:21: redirect from \"/../../etc/passwd\" is not kept: from is no address a page can stand at"
assert_contains "$TEST_DIR/init.txt" "$i:22: redirect from \"/script\" is not kept: to is neither a site path nor an http URL"
for bad in evil.example folio-output passwd javascript; do
	assert_not_contains "$site/folio.yaml" "$bad"
done
[ ! -e "$TEST_DIR/out/away" ] && [ ! -e "$TEST_DIR/out/.folio-output/index.html" ] ||
	fail "a hostile rule got a redirect page"
assert_not_contains "$site/folio.yaml" '/internal.html'
# each kept address has its redirect page
assert_contains "$TEST_DIR/out/downloads.html" 'url=https://flux.example/docs/downloads/'
assert_contains "$TEST_DIR/out/faq.html" 'url=https://flux.example/docs/guide/'
assert_contains "$TEST_DIR/out/old/index.html" 'url=https://flux.example/docs/guide/'

# Jekyll's .htaccess is at the root; a pattern with a leading / and a
# RewriteBase below the root
jk=$TEST_DIR/jekyll
mkdir -p "$jk/_posts"
printf 'title: Blog\nurl: https://blog.example\n' >"$jk/_config.yml"
printf -- '---\ntitle: Hello\n---\nSee [the old about](/about.php) and [the list](/list.html).\n' \
	>"$jk/_posts/2024-05-01-hello.md"
printf -- '---\ntitle: About\npermalink: /about/\n---\nUs.\n' >"$jk/about.md"
printf 'RewriteBase /\nRewriteRule ^about\\.php$ about/ [R=302]\nRewriteBase /archive\nRewriteRule ^list\\.html$ all/ [R=301]\n' \
	>"$jk/.htaccess"
migrate_and_build jekyll "$jk" "$TEST_DIR/out-jk" --limit server-config-files=1
assert_contains "$jk/folio.yaml" 'from: "/about.php"'
assert_contains "$jk/folio.yaml" 'to: "/about/"'
assert_contains "$jk/folio.yaml" 'to: "/archive/all/"'
assert_contains "$TEST_DIR/out-jk/about.php" 'url=https://blog.example/about/'
# left out by init, as a server refuses it by default (t565); published
# as Jekyll does (and Hugo's static/.htaccess) once taken out of exclude:
# where the server allows it: the server keeps the rules folio cannot
[ ! -e "$TEST_DIR/out-jk/.htaccess" ] && [ ! -e "$TEST_DIR/out/.htaccess" ] || fail "init published an .htaccess"
sed -i '/^  - "\.htaccess"$/d' "$jk/folio.yaml"
printf 'copy:\n  - ".htaccess"\n' >>"$jk/folio.yaml"
sed -i '/^  - "static\/\.htaccess"$/d' "$site/folio.yaml"
"$FOLIO" build --worktree "$jk" --out "$TEST_DIR/out-jk" --limit server-config-files=1 >/dev/null 2>&1 || fail "jekyll site with its .htaccess"
"$FOLIO" build --worktree "$site" --out "$TEST_DIR/out" --limit server-config-files=1 >/dev/null 2>&1 || fail "hugo site with its .htaccess"
cmp "$jk/.htaccess" "$TEST_DIR/out-jk/.htaccess" || fail "Jekyll's .htaccess is not published"
cmp "$site/static/.htaccess" "$TEST_DIR/out/.htaccess" || fail "Hugo's static/.htaccess is not published"
echo "ok"

#!/bin/bash
# A theme's static/.htaccess of caching and compression settings
# (themefisher's themes ship one), or a Jekyll site's .htaccess of
# redirects, was copied by init, and folio refuses a file the web server
# reads as its settings unless the server's operator allows it
# (server-config-files, none by default; output/server-config is locked):
# the whole migrated site was refused, --baseline or not. init now leaves
# such a file out (exclude:) and says how to publish it where the server
# allows it; the redirects it reads in it are kept, as before (t294).
. "$(dirname "$0")/lib.sh"

h=$TEST_DIR/hugo
mkdir -p "$h/content/actualites" "$h/static/css"
printf 'baseURL = "https://institut.example/"\ntitle = "Institut"\nlanguageCode = "fr"\n' >"$h/hugo.toml"
printf -- '---\ntitle: Assemblée générale\ndate: 2024-06-12\n---\nLe [programme](/actualites/programme/).\n' \
	>"$h/content/actualites/assemblee.md"
printf -- '---\ntitle: Programme\ndate: 2024-06-01\n---\nLes ateliers.\n' >"$h/content/actualites/programme.md"
printf 'body { color: #222; }\n' >"$h/static/css/site.css"
cat >"$h/static/.htaccess" <<'APACHE'
<IfModule mod_expires.c>
ExpiresActive On
ExpiresByType text/css "access plus 1 year"
</IfModule>
Redirect 301 /agenda.html /actualites/
APACHE
printf 'AuthType Basic\n' >"$h/static/.HTpasswd"
mkdir -p "$h/static/telechargements"
printf 'Options +Indexes\n' >"$h/static/telechargements/.htaccess"

"$FOLIO" init --from hugo --baseline "$h" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" "static/.htaccess is left out (exclude:): a file the web server reads as its settings"
assert_contains "$TEST_DIR/init.txt" "static/.HTpasswd is left out (exclude:)"
assert_contains "$TEST_DIR/init.txt" "static/telechargements/.htaccess is left out (exclude:): a file the web server reads as its settings is published only where the server's operator allows it (server-config-files, docs/security.md); where your server allows it"
assert_contains "$TEST_DIR/init.txt" "take it out of exclude:"
assert_contains "$h/folio.yaml" '- "static/.htaccess"'
assert_contains "$h/folio.yaml" 'from: "/agenda.html"'
"$FOLIO" build --worktree "$h" --out "$TEST_DIR/out-h" >"$TEST_DIR/build.txt" 2>&1 || fail "the Hugo site is refused: $(cat "$TEST_DIR/build.txt")"
[ -f "$TEST_DIR/out-h/css/site.css" ] || fail "static/ is not published at the root"
[ -f "$TEST_DIR/out-h/actualites/assemblee/index.html" ] || fail "no page"
[ ! -e "$TEST_DIR/out-h/.htaccess" ] && [ ! -e "$TEST_DIR/out-h/.HTpasswd" ] &&
	[ ! -e "$TEST_DIR/out-h/telechargements/.htaccess" ] || fail "a server settings file is published"
assert_contains "$TEST_DIR/out-h/agenda.html" 'url=https://institut.example/actualites/'

j=$TEST_DIR/jekyll
mkdir -p "$j/_posts"
printf 'title: Institut\nurl: https://institut.example\nlang: fr\n' >"$j/_config.yml"
printf -- '---\ntitle: Séminaire\n---\nÀ Lyon.\n' >"$j/_posts/2024-03-12-seminaire.md"
printf 'robots\n' >"$j/robots.txt"
printf 'Redirect 301 /seminaire.php /2024/03/12/seminaire.html\nHeader set X-Frame-Options DENY\n' >"$j/.htaccess"
"$FOLIO" init --from jekyll --baseline "$j" >"$TEST_DIR/initj.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/initj.txt")"
assert_contains "$TEST_DIR/initj.txt" ".htaccess is left out (exclude:)"
assert_contains "$TEST_DIR/initj.txt" "move it from exclude: to copy:"
"$FOLIO" build --worktree "$j" --out "$TEST_DIR/out-j" >"$TEST_DIR/buildj.txt" 2>&1 || fail "the Jekyll site is refused: $(cat "$TEST_DIR/buildj.txt")"
[ -f "$TEST_DIR/out-j/robots.txt" ] || fail "robots.txt is no longer copied"
[ ! -e "$TEST_DIR/out-j/.htaccess" ] || fail "the .htaccess is published"
[ -f "$TEST_DIR/out-j/seminaire.php" ] || fail "the .htaccess's redirect is lost"
echo "ok"

#!/bin/bash
# A Hugo site whose config says disableKinds: [404] (a number in YAML,
# which Hugo reads as the kind, or "404" in TOML): Hugo 0.111 writes no
# /404.html even with a layouts/404.html (checked with hugo on this
# fixture), and the server shows its own error page. folio wrote its
# built-in 404 page all the same.
# 1. init writes not_found_page: false; the build writes no /404.html, the
#    rest as before. The same from config.toml's ["404"].
# 2. Commit by commit from the state: a page added, a static/404.html
#    added (published at /404.html, as Hugo copies it), then
#    not_found_page: set back to true with the static file gone (folio's
#    own 404 page): each publish is a full build's.
# 3. A link to /404.html under not_found_page: false with no such file is
#    an error on a site of folio's own (it names nothing); the sample site
#    still writes its 404 page by default.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts" "$s/layouts/_default" "$s/static"
cat >"$s/config.yaml" <<'YAML'
baseURL: "https://blog.example/"
title: Blog
disableKinds: [404]
YAML
printf -- '---\ntitle: Premier\ndate: 2024-01-02\n---\nBonjour.\n' >"$s/content/posts/premier.md"
echo '{{ .Title }}' >"$s/layouts/_default/single.html"
echo 'Not here' >"$s/layouts/404.html"
printf 'User-agent: *\n' >"$s/static/robots.txt"
# 1
migrate_and_build hugo "$s" "$TEST_DIR/out"
grep -qx 'not_found_page: false' "$s/folio.yaml" || fail "1: init wrote no not_found_page: false: $(cat "$s/folio.yaml")"
[ ! -e "$TEST_DIR/out/404.html" ] || fail "1: /404.html written under disableKinds 404"
assert_contains "$TEST_DIR/out/posts/premier/index.html" "Bonjour."
[ -e "$TEST_DIR/out/sitemap.xml" ] || fail "1: the sitemap is still written"
t=$TEST_DIR/toml
mkdir -p "$t/content/posts"
printf 'baseURL = "https://blog.example/"\ntitle = "Blog"\ndisableKinds = ["404"]\n' >"$t/config.toml"
cp "$s/content/posts/premier.md" "$t/content/posts/"
"$FOLIO" init --from hugo "$t" >/dev/null 2>&1 || fail "1: init of the TOML site failed"
grep -qx 'not_found_page: false' "$t/folio.yaml" || fail "1: TOML: init wrote no not_found_page: false"
# 2
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: first"
same_as_full "$r" "$TEST_DIR/pub" "2: first"
printf -- '---\ntitle: Second\ndate: 2024-01-03\n---\nEncore.\n' >"$r/content/posts/second.md"
git -C "$r" add -A && git -C "$r" commit -qm "a post"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: a post"
[ ! -e "$TEST_DIR/pub/404.html" ] || fail "2: a post added wrote /404.html"
same_as_full "$r" "$TEST_DIR/pub" "2: a post"
printf '<!DOCTYPE html>\n<title>Perdu</title>\n<p>Page introuvable.</p>\n' >"$r/static/404.html"
git -C "$r" add -A && git -C "$r" commit -qm "its own error page"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: its own error page"
assert_contains "$TEST_DIR/pub/404.html" "Page introuvable."
same_as_full "$r" "$TEST_DIR/pub" "2: its own error page"
git -C "$r" rm -q static/404.html
sed -i 's/^not_found_page: false$/not_found_page: true/' "$r/folio.yaml"
git -C "$r" commit -qam "folio's error page"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: folio's error page"
[ -e "$TEST_DIR/pub/404.html" ] || fail "2: not_found_page: true wrote no /404.html"
assert_not_contains "$TEST_DIR/pub/404.html" "Page introuvable."
same_as_full "$r" "$TEST_DIR/pub" "2: folio's error page"
# 3
o=$TEST_DIR/own
make_repo "$o"
"$FOLIO" build --repo "$o" --out "$TEST_DIR/own-out" >/dev/null 2>&1 || fail "3: the sample site failed"
[ -e "$TEST_DIR/own-out/404.html" ] || fail "3: the sample site has no 404 page"
p=$(ls "$o"/*/*.md | head -1)
printf '\nSee [the error page](/404.html).\n' >>"$p"
git -C "$o" commit -qam "a link to the error page"
"$FOLIO" check --repo "$o" HEAD >/dev/null 2>&1 || fail "3: a link to folio's 404 page is refused"
printf 'not_found_page: false\n' >>"$o/folio.yaml"
git -C "$o" commit -qam "no error page, a link to it"
out=$("$FOLIO" check --repo "$o" HEAD 2>&1) && fail "3: a link to an error page folio does not write passed"
case $out in *'error: link to "/404.html"'*) ;; *) fail "3: $out" ;; esac
echo ok

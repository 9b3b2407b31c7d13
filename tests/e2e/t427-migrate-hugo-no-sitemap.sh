#!/bin/bash
# A Hugo site whose config says disableKinds = ["sitemap"]: Hugo 0.111
# writes no /sitemap.xml (checked with hugo on this fixture: its public/
# holds the pages, the RSS feeds and static/'s files, and static/'s
# sitemap.xml once there is one). folio wrote its own all the same, and
# a site that keeps its sitemap in static/ was refused (output/clash).
# 1. init writes sitemap: false (folio reads the kind in any case, as it
#    reads the others); the build writes no /sitemap.xml, the rest as before.
# 2. Commit by commit from the state: a page added, static/sitemap.xml
#    added (published at /sitemap.xml, as Hugo copies it), then sitemap:
#    set back to true with the static file gone (folio's own sitemap):
#    each publish is a full build's.
# 3. sitemap: true on a site of folio's own is as before: its sitemap
#    names its pages; a link to /sitemap.xml under sitemap: false with no
#    such file is an error (it names nothing).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts" "$s/layouts/_default"
cat >"$s/config.toml" <<'TOML'
baseURL = "https://blog.example/"
title = "Blog"
disableKinds = ["sitemap"]
TOML
printf -- '---\ntitle: Premier\ndate: 2024-01-02\ntags: [go]\n---\nBonjour.\n' >"$s/content/posts/premier.md"
printf -- '---\ntitle: Second\ndate: 2024-01-03\n---\nEncore.\n' >"$s/content/posts/second.md"
echo '{{ .Title }}' >"$s/layouts/_default/single.html"
mkdir -p "$s/static" && printf 'User-agent: *\n' >"$s/static/robots.txt"
# 1
migrate_and_build hugo "$s" "$TEST_DIR/out"
grep -qx 'sitemap: false' "$s/folio.yaml" || fail "1: init wrote no sitemap: false: $(cat "$s/folio.yaml")"
[ ! -e "$TEST_DIR/out/sitemap.xml" ] || fail "1: /sitemap.xml written under disableKinds sitemap"
assert_contains "$TEST_DIR/out/posts/premier/index.html" "Bonjour."
[ -e "$TEST_DIR/out/posts/index.xml" ] || fail "1: the list's RSS is still written"
[ -e "$TEST_DIR/out/index.xml" ] || fail "1: the home page's RSS is still written"
# 2
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: first"
same_as_full "$r" "$TEST_DIR/pub" "2: first"
printf -- '---\ntitle: Troisieme\ndate: 2024-01-04\n---\nEt de trois.\n' >"$r/content/posts/troisieme.md"
git -C "$r" add -A && git -C "$r" commit -qm "a post"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: a post"
[ ! -e "$TEST_DIR/pub/sitemap.xml" ] || fail "2: a post added wrote /sitemap.xml"
same_as_full "$r" "$TEST_DIR/pub" "2: a post"
printf '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://blog.example/own/</loc></url></urlset>\n' \
	>"$r/static/sitemap.xml"
git -C "$r" add -A && git -C "$r" commit -qm "its own sitemap"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: its own sitemap"
assert_contains "$TEST_DIR/pub/sitemap.xml" "https://blog.example/own/"
same_as_full "$r" "$TEST_DIR/pub" "2: its own sitemap"
git -C "$r" rm -q static/sitemap.xml
sed -i 's/^sitemap: false$/sitemap: true/' "$r/folio.yaml"
git -C "$r" commit -qam "folio's sitemap"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: folio's sitemap"
assert_contains "$TEST_DIR/pub/sitemap.xml" "https://blog.example/posts/troisieme/"
same_as_full "$r" "$TEST_DIR/pub" "2: folio's sitemap"
# 3
o=$TEST_DIR/own
make_repo "$o"
"$FOLIO" build --repo "$o" --out "$TEST_DIR/own-out" >/dev/null 2>&1 || fail "3: the sample site failed"
grep -q '<loc>' "$TEST_DIR/own-out/sitemap.xml" || fail "3: the sample site's sitemap names no page"
p=$(ls "$o"/*/*.md | head -1)
printf '\nSee [the map](/sitemap.xml).\n' >>"$p"
printf 'sitemap: false\n' >>"$o/folio.yaml"
git -C "$o" commit -qam "no sitemap, a link to it"
out=$("$FOLIO" check --repo "$o" HEAD 2>&1) && fail "3: a link to a sitemap folio does not write passed"
case $out in *'error: link to "/sitemap.xml"'*) ;; *) fail "3: $out" ;; esac
echo ok

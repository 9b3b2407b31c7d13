#!/bin/bash
# A page whose type (its type:, else its section) has no single layout, on
# a Hugo site without layouts/_default/single.html: Hugo 0.111 looks up
# layouts/<type>/single.html, then _default/single.html, finds neither and
# writes no page (a warning only). folio published each such page. init
# now leaves them out (exclude:), saying so; with a _default/single.html,
# which Hugo falls back to, every page is written, as before; so when a
# theme named is absent (its layouts unknown). Left from the thirty-first
# pass (its datacthemist blocks proved another case: empty outputs).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/homepage" "$s/content/posts" "$s/layouts/block_image-list" "$s/layouts/_default" "$s/layouts/posts"
printf 'baseURL = "https://coop.example/"\ntitle = "Coop"\n' >"$s/hugo.toml"
printf '{{ range .Pages }}{{ .Title }}{{ end }}\n' >"$s/layouts/block_image-list/li.html"
printf '{{ range .Pages }}{{ .Title }}{{ end }}\n' >"$s/layouts/_default/list.html"
printf '{{ .Content }}\n' >"$s/layouts/posts/single.html"
printf -- '---\ntitle: Clients\ntype: block_image-list\n---\nNos clients.\n' >"$s/content/homepage/clients.md"
printf -- '---\ntitle: Other\n---\nAutre.\n' >"$s/content/homepage/other.md"
printf -- '---\ntitle: P\n---\nUn billet.\n' >"$s/content/posts/p.md"
printf -- '---\ntitle: Q\ntype: block_image-list\n---\nUn bloc.\n' >"$s/content/posts/q.md"
printf -- '---\ntitle: About\n---\nA propos.\n' >"$s/content/about.md"
base=$TEST_DIR/base
cp -r "$s" "$base"

# as Hugo 0.111 writes this site: /posts/p/ alone of the four pages
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'content/homepage/clients.md: no layout writes it'
assert_contains "$out/posts/p/index.html" 'Un billet.'
for gone in homepage/clients homepage/other posts/q about; do
	[ ! -e "$out/$gone/index.html" ] || fail "/$gone/ written, which no layout of the site writes"
done
assert_contains "$out/posts/index.html" '/posts/p/'
assert_not_contains "$out/posts/index.html" '/posts/q/'

# with _default/single.html, Hugo's fallback: every page written
d=$TEST_DIR/default
cp -r "$base" "$d"
printf '{{ .Content }}\n' >"$d/layouts/_default/single.html"
migrate_and_build hugo "$d" "$TEST_DIR/out-default" >/dev/null
for p in homepage/clients homepage/other posts/p posts/q about; do
	[ -e "$TEST_DIR/out-default/$p/index.html" ] || fail "/$p/ not written with _default/single.html"
done

# a theme named but absent: its layouts unknown, nothing left out
t=$TEST_DIR/theme
cp -r "$base" "$t"
printf 'theme = "gone"\n' >>"$t/hugo.toml"
migrate_and_build hugo "$t" "$TEST_DIR/out-theme" >/dev/null
[ -e "$TEST_DIR/out-theme/homepage/clients/index.html" ] || fail "a page left out though the theme is absent"
echo "ok a page no layout writes is left out, as Hugo writes none"

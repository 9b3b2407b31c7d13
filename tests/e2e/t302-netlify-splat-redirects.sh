#!/bin/bash
# rOpenSci's site (Hugo on Netlify, 1,682 pages in four languages) keeps its
# redirects in public/_redirects, Netlify's publish folder (netlify.toml's
# [build] publish), which Hugo leaves in place; init read only _redirects
# and static/_redirects. Its rules are mostly splats: "/authors/*
# /author/:splat" keeps 138 links to /authors/<name>/ working, and a splat
# was never kept. And its slug: "código-de-conducta" is the address Hugo
# publishes (letters of any script kept), which folio made
# "codigo-de-conducta".
#
# Now init reads the publish folder's _redirects; a splat from a folder to
# a folder (or to an http URL) is kept as folio.yaml's
# {from: /authors/*, to: /author/:splat}: links below /authors/ are checked
# where it sends them, and a redirect page stands at /authors/<x>/ for each
# page or list at /author/<x>/. A Hugo site's slug: is made as Hugo's
# urlize makes it.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/blog" "$site/public" "$site/layouts"
cat >"$site/config.toml" <<'TOML'
baseURL = "https://ropensci.example/"
title = "rOpenSci"
defaultContentLanguage = "en"
[taxonomies]
  author = "author"
[languages.en]
weight = 1
[languages.es]
weight = 2
TOML
printf '[build]\n  publish = "public"\n  command = "hugo"\n' >"$site/netlify.toml"
cat >"$site/public/_redirects" <<'TXT'
/assets/*	https://cdn.example/assets/:splat	200
/authors /author
/authors/*  /author/:splat
/tutorials/*  /tutorials/
/technotes/* /blog/:splat
/docs/*  /blog/:splat  200
https://ropensci.example/kubecon  /blog/hello/  301
TXT
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: Code of conduct\n---\nBe kind. En [español](/es/código-de-conducta/).\n' >"$site/content/code-of-conduct.md"
printf -- '+++\ntitle = "Código de Conducta"\nslug = "código-de-conducta"\n+++\nSé amable.\n' >"$site/content/code-of-conduct.es.md"
printf -- '---\ntitle: Hello\ndate: 2024-01-02\nauthor: [ada]\n---\nBy [Ada](/authors/ada/), all [authors](/authors), [old notes](/technotes/hello/), ![a logo](/assets/logo.png).\n' \
	>"$site/content/blog/hello.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'from: "/authors/*"'
assert_contains "$site/folio.yaml" 'to: "/author/:splat"'
# a rewrite (200) of a folder to another host is a proxy: kept as a splat
# there, so a link below it is that host's; a rewrite within the site is not
assert_contains "$site/folio.yaml" 'from: "/assets/*"'
assert_contains "$site/folio.yaml" 'to: "https://cdn.example/assets/:splat"'
assert_contains "$site/folio.yaml" '# status 200 there: the web server fetches the other host'
assert_contains "$TEST_DIR/init.txt" 'public/_redirects:6: redirect from "/docs/*" is not kept: status 200, a rewrite (kept only for a folder to another host'
[ ! -e "$out/assets" ] || fail "pages were published below a proxied folder: $(ls "$out/assets")"
assert_contains "$TEST_DIR/init.txt" 'public/_redirects:4: redirect from "/tutorials/*" is not kept'
assert_contains "$out/authors/ada/index.html" 'url=https://ropensci.example/author/ada/'
# a rule whose from names the site's own host is a rule of the site (carvel.dev's)
assert_contains "$site/folio.yaml" 'from: "/kubecon"'
assert_contains "$out/kubecon/index.html" 'url=https://ropensci.example/blog/hello/'
assert_contains "$out/technotes/hello/index.html" 'url=https://ropensci.example/blog/hello/'
assert_contains "$out/es/código-de-conducta/index.html" 'Sé amable.'
[ ! -e "$out/authors/nobody" ] || fail "a splat page with no page behind it"

# a link below the splat's folder to nothing there is still broken
printf -- '---\ntitle: Later\ndate: 2024-02-02\n---\n[gone](/technotes/gone/)\n' >"$site/content/blog/later.md"
rc=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "a link through a splat to no page passed (rc $rc)"
assert_contains "$TEST_DIR/check.txt" 'link to "/technotes/gone/" points to no page'

# published from a state: bob's first post makes his /authors/bob/ page
printf -- '---\ntitle: Later\ndate: 2024-02-02\nauthor: [bob]\n---\nBy [Bob](/authors/bob/).\n' >"$site/content/blog/later.md"
repo=$TEST_DIR/repo
mv "$site/content/blog/later.md" "$TEST_DIR/later.md"
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
cp "$TEST_DIR/later.md" "$repo/content/blog/later.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "bob writes"
publish "$repo" "$pub" "$st" "a post by a new author"
assert_contains "$pub/authors/bob/index.html" 'url=https://ropensci.example/author/bob/'
same_as_full "$repo" "$pub" "a post by a new author"
git -C "$repo" rm -q content/blog/later.md
git -C "$repo" commit -qm "bob's post goes"
publish "$repo" "$pub" "$st" "the author's only post removed"
[ ! -e "$pub/authors/bob/index.html" ] || fail "the splat page outlived its target"
same_as_full "$repo" "$pub" "the author's only post removed"

# a publish folder outside the site, or through a link, is not read
for pub in '../outside' '/etc' 'linked'; do
	h=$TEST_DIR/hostile-$RANDOM
	mkdir -p "$h/content/posts" "$TEST_DIR/outside"
	printf '/stolen /elsewhere/\n' >"$TEST_DIR/outside/_redirects"
	ln -s "$TEST_DIR/outside" "$h/linked"
	printf 'baseURL = "https://h.example/"\ntitle = "H"\n' >"$h/hugo.toml"
	printf '[build]\n  publish = "%s"\n' "$pub" >"$h/netlify.toml"
	printf -- '---\ntitle: A\n---\nA.\n' >"$h/content/posts/a.md"
	"$FOLIO" init --from hugo "$h" >"$TEST_DIR/hostile-init.txt" 2>&1 || fail "init failed on publish = $pub"
	assert_not_contains "$h/folio.yaml" '/stolen'
done

# what folio.yaml refuses, each named
cfg=$TEST_DIR/cfg
mkdir -p "$cfg/posts"
printf -- '---\ntitle: A\n---\nA.\n' >"$cfg/posts/a.md"
for bad in '{from: "/a/*/b", to: /x/}' '{from: "/a/*", to: /x/}' '{from: /a/, to: "/x/:splat"}' \
	'{from: "/a/*", to: "//evil.example/:splat"}' '{from: "/a/*", to: "/x:splat"}' \
	'{from: "/.git/*", to: "/x/:splat"}' '{from: "/a/*", to: "/x/:splat/y"}'; do
	printf 'title: T\nbase_url: https://t.example\ncollections:\n  - name: posts\nredirects:\n  - %s\n' "$bad" >"$cfg/folio.yaml"
	rc=0
	"$FOLIO" check --worktree "$cfg" >"$TEST_DIR/bad.txt" 2>&1 || rc=$?
	[ "$rc" != 0 ] || fail "redirect $bad was accepted"
	assert_contains "$TEST_DIR/bad.txt" 'redirect'
done
{
	printf 'title: T\nbase_url: https://t.example\ncollections:\n  - name: posts\nredirects:\n'
	for i in $(seq 1 257); do printf '  - {from: "/r%s/*", to: "/posts/:splat"}\n' "$i"; done
} >"$cfg/folio.yaml"
rc=0
"$FOLIO" check --worktree "$cfg" >"$TEST_DIR/many.txt" 2>&1 || rc=$?
[ "$rc" != 0 ] || fail "257 splats were accepted"
assert_contains "$TEST_DIR/many.txt" 'redirect from "/r257/*": folio.yaml holds at most 256 redirects with a splat'
assert_not_contains "$TEST_DIR/many.txt" '/r256/*'
# 256 are kept: a link below the last is checked where it sends it; the
# redirect pages are the first rules' (no more than the site's outputs)
sed -i '$d' "$cfg/folio.yaml"
printf -- '---\ntitle: B\n---\n[A](/r256/a/), [not A](/r255/none/).\n' >"$cfg/posts/b.md"
"$FOLIO" check --worktree "$cfg" >"$TEST_DIR/many.txt" 2>&1 && fail "a link sent to no page passed"
assert_contains "$TEST_DIR/many.txt" 'posts/b.md:4:'
assert_contains "$TEST_DIR/many.txt" '/r255/none/'
assert_not_contains "$TEST_DIR/many.txt" '/r256/a/'
printf -- '---\ntitle: B\n---\n[A](/r256/a/).\n' >"$cfg/posts/b.md"
"$FOLIO" build --quiet --worktree "$cfg" --out "$TEST_DIR/many-out" || fail "256 splats refused"
assert_contains "$TEST_DIR/many-out/r1/a/index.html" 'url=https://t.example/posts/a/'
n=$(cd "$TEST_DIR/many-out" && find . -path './r[0-9]*' -name index.html | wc -l)
others=$(cd "$TEST_DIR/many-out" && find . -type f -not -path './r[0-9]*' | wc -l)
[ "$n" -gt 1 ] && [ "$n" -le "$others" ] || fail "$n redirect pages for $others other outputs"
echo "ok"

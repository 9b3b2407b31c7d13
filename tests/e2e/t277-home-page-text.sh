#!/bin/bash
# A Hugo site's content/_index.md and a Jekyll site's index.md are the
# home page's text: its title, its words, often its only introduction.
# folio left them out (its home page lists the collections) or, when the
# file was _index.html, made it the text of a list at /pages/, where its
# relative links (<img src="logo.png">) were read from /pages/ and broken.
# Now the collection that holds it says home: true (init writes it): the
# file is the page at "/", its links read from there, handed to
# templates/home.mustache as page, and a publish from the state writes the
# home page again when it changes.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/hugo
mkdir -p "$site/content/docs" "$site/static"
printf 'title = "Keystore"\nbaseURL = "https://keystore.example/"\n' >"$site/hugo.toml"
printf 'PNG' >"$site/static/logo.png"
printf -- '---\ntitle: A reliable key-value store\n---\n![logo](logo.png)\n\nWelcome. Read [the docs](docs/) and [about us](about/).\n' \
	>"$site/content/_index.md"
printf -- '---\ntitle: Install\n---\nInstall it.\n' >"$site/content/docs/install.md"
printf -- '---\ntitle: About\n---\nWho we are.\n' >"$site/content/about.md"

"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$TEST_DIR/init.txt" "content/_index is the home page's text"
assert_contains "$site/folio.yaml" 'home: true'
if grep -q '"content/_index.md"' "$site/folio.yaml"; then fail "the home page's text is excluded: $(cat "$site/folio.yaml")"; fi

out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/index.html" '<h1>A reliable key-value store</h1>'
assert_contains "$out/index.html" 'Welcome. Read <a href="/docs/">the docs</a>'
assert_contains "$out/index.html" '<img src="/logo.png" alt="logo"'
assert_contains "$out/index.html" 'href="/docs/">' # the lists are still there
# the top's pages have no list (list: false), as Hugo has none: no /pages/
[ ! -e "$out/pages/index.html" ] || fail "an empty list of the top's pages is published at /pages/"
assert_not_contains "$out/index.html" 'href="/pages/"' 
assert_contains "$out/about/index.html" 'Who we are.'

# its links are checked, read from /
printf -- '\nAnd [gone](../nowhere/) and ![missing](logo.jpg).\n' >>"$site/content/_index.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "broken links on the home page's text should be errors (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'content/_index.md:8:12: error: link to "../nowhere/" points to no page [link/broken]'
assert_contains "$TEST_DIR/check.txt" 'content/_index.md:8:'
assert_contains "$TEST_DIR/check.txt" '"logo.jpg"'
sed -i '$d' "$site/content/_index.md"
sed -i '$d' "$site/content/_index.md"

# a publish from the state: the home page follows its text
repo=$TEST_DIR/repo
cp -r "$site" "$repo"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm "site"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
assert_contains "$pub/index.html" 'Welcome.'
sed -i 's/^Welcome\./Bienvenue./' "$repo/content/_index.md"
git -C "$repo" commit -qam "the welcome in French"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/index.html" 'Bienvenue.'
printf -- '---\ntitle: Upgrade\n---\nUpgrade it.\n' >"$repo/content/about-upgrades.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a root page"
publish "$repo" "$pub" "$st" "third publish"
same_as_full "$repo" "$pub" "a root page added"
assert_contains "$pub/index.html" 'Bienvenue.'
assert_contains "$pub/about-upgrades/index.html" 'Upgrade it.'
# the top's pages have no list, so the home page names none of them
assert_not_contains "$pub/index.html" 'href="/about-upgrades/"'

# one home page: a second collection saying home: is refused at its line
cp "$site/folio.yaml" "$TEST_DIR/folio.yaml.bak"
awk '{ print } /^  - name: docs$/ { print "    home: true" }' "$TEST_DIR/folio.yaml.bak" >"$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/two.txt" 2>&1 || r=$?
cat "$TEST_DIR/two.txt"
[ $r -ne 0 ] || fail "two collections with home: true should be refused"
assert_contains "$TEST_DIR/two.txt" 'already holds the home page'"'"'s text'
cp "$TEST_DIR/folio.yaml.bak" "$site/folio.yaml"

# Jekyll: the top's index.md
jk=$TEST_DIR/jekyll
mkdir -p "$jk/_posts"
printf 'title: Brew\nurl: https://brew.example\npermalink: pretty\n' >"$jk/_config.yml"
printf -- '---\nlayout: home\ntitle: The missing package manager\n---\nInstall it in one line.\n' >"$jk/index.md"
printf -- '---\ntitle: Analytics\n---\nWhat we count.\n' >"$jk/analytics.md"
printf -- '---\ntitle: Hello\n---\nFirst post.\n' >"$jk/_posts/2024-01-02-hello.md"
"$FOLIO" init --from jekyll "$jk" >"$TEST_DIR/jinit.txt" 2>&1 || fail "jekyll init failed: $(cat "$TEST_DIR/jinit.txt")"
cat "$TEST_DIR/jinit.txt"
assert_contains "$TEST_DIR/jinit.txt" "index.md is the home page's text"
jout=$TEST_DIR/jout
"$FOLIO" build --worktree "$jk" --out "$jout" >"$TEST_DIR/jbuild.txt" 2>&1 \
	|| fail "jekyll build refused the site: $(cat "$TEST_DIR/jbuild.txt")"
assert_contains "$jout/index.html" '<h1>The missing package manager</h1>'
assert_contains "$jout/index.html" 'Install it in one line.'
assert_contains "$jout/analytics/index.html" 'What we count.'
if [ -e "$jout/index/index.html" ]; then fail "index.md was made a page of its own at /index/"; fi
echo "ok"

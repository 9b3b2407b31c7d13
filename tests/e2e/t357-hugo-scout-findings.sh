#!/bin/bash
# Hugo's rules a scout found folio missing on real sites (helm.sh,
# neovim.io): a link written with the site's own address on a translated
# page names the page at that address (the English one), not the page's
# translation, which its anchor is then checked against; a section whose
# _index.md cascades build: {render: never} as a list of entries (Hugo's
# array form) is not published, as with a mapping; an entry with a
# _target hides nothing.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/en/docs" "$site/content/de/docs" "$site/content/en/misc" "$site/content/en/part"
cd "$site"
cat >config.toml <<'TOML'
baseURL = "https://docs.helm-site.org/"
title = "Helm"
defaultContentLanguage = "en"
[languages.en]
contentDir = "content/en"
weight = 1
[languages.de]
contentDir = "content/de"
weight = 2
TOML
printf -- '---\ntitle: Quickstart\n---\n\n## Initialize a Helm Chart Repository\n\nText.\n' >content/en/docs/quickstart.md
printf -- '---\ntitle: Schnellstart\n---\n\n## Initialisieren eines Repositorys\n\nText.\n' >content/de/docs/quickstart.md
printf -- '---\ntitle: Install\n---\n\nSee [here](https://docs.helm-site.org/docs/quickstart/#initialize-a-helm-chart-repository).\n' >content/en/docs/install.md
printf -- '---\ntitle: Installieren\n---\n\nSiehe [hier](https://docs.helm-site.org/docs/quickstart/#initialize-a-helm-chart-repository).\n' >content/de/docs/install.md
# snippets Hugo never renders: the cascade as a list
printf -- '---\ntitle: Misc\ncascade:\n- build:\n    render: never\n    list: local\n---\n' >content/en/misc/_index.md
printf -- '---\ntitle: Snippet\n---\n\n<script>alert(1)</script>\n' >content/en/misc/snippet.md
# a cascade entry for some pages only (_target) hides no folder
printf -- '---\ntitle: Part\ncascade:\n- _target:\n    path: /part/old/**\n  build:\n    render: never\n---\n' >content/en/part/_index.md
printf -- '---\ntitle: Kept\n---\n\nKept.\n' >content/en/part/kept.md
"$FOLIO" init --from hugo . >"$TEST_DIR/init.txt" 2>&1 || { cat "$TEST_DIR/init.txt" >&2; fail "init failed"; }
assert_contains "$TEST_DIR/init.txt" "content/en/misc: Hugo does not publish its pages"
assert_not_contains "$TEST_DIR/init.txt" "content/en/part: Hugo does not publish its pages"

"$FOLIO" check --worktree . >"$TEST_DIR/check.txt" 2>&1 || { cat "$TEST_DIR/check.txt" >&2; fail "the site is refused"; }
assert_contains "$TEST_DIR/check.txt" "0 errors, 0 warnings"
"$FOLIO" build --quiet --worktree . --out "$TEST_DIR/out" 2>"$TEST_DIR/err" || { cat "$TEST_DIR/err" >&2; fail "the build failed"; }
assert_contains "$TEST_DIR/out/de/docs/install/index.html" \
	'href="https://docs.helm-site.org/docs/quickstart/#initialize-a-helm-chart-repository"'
[ ! -e "$TEST_DIR/out/misc/snippet/index.html" ] || fail "a page of a render: never section is published"
[ -f "$TEST_DIR/out/part/kept/index.html" ] || fail "a section with a _target cascade lost its pages"

# the anchor is still checked, against the English page
sed -i 's/#initialize-a-helm-chart-repository/#no-such-heading/' content/de/docs/install.md
"$FOLIO" check --worktree . >"$TEST_DIR/check.txt" 2>&1 && fail "a broken anchor in a site address passed"
assert_contains "$TEST_DIR/check.txt" \
	'content/de/docs/install.md:5:14: error: link to "https://docs.helm-site.org/docs/quickstart/#no-such-heading": "content/en/docs/quickstart.md" has no heading with id "no-such-heading" [link/anchor]'

# outputFormats.RSS baseName: the home page's RSS at /news.xml (neovim.io)
news=$TEST_DIR/news
mkdir -p "$news/content/news"
cd "$news"
printf 'baseURL = "https://neovim-like.org/"\ntitle = "N"\n[outputFormats.RSS]\nbaseName = "news"\n' >hugo.toml
printf -- '---\ntitle: One\ndate: 2024-01-01\n---\n\nSubscribe: [rss](/news.xml)\n' >content/news/one.md
"$FOLIO" init --from hugo . >"$TEST_DIR/init2.txt" 2>&1 || { cat "$TEST_DIR/init2.txt" >&2; fail "init of the news site failed"; }
assert_contains folio.yaml 'url: "/news.xml"'
"$FOLIO" check --worktree . >"$TEST_DIR/check2.txt" 2>&1 || { cat "$TEST_DIR/check2.txt" >&2; fail "the news site is refused"; }
"$FOLIO" build --quiet --worktree . --out "$TEST_DIR/out2" 2>"$TEST_DIR/err" || { cat "$TEST_DIR/err" >&2; fail "the news build failed"; }
assert_contains "$TEST_DIR/out2/news.xml" "<title>One</title>"

# a site in two languages whose own is at the top: Hugo's redirect page at
# /en/ to / (dapr's links name /en/), kept as a redirect of folio.yaml's
langs=$TEST_DIR/langs
mkdir -p "$langs/content/docs"
cd "$langs"
printf 'baseURL = "https://langs-site.org/"\ntitle = "T"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n' >config.toml
printf -- '---\ntitle: Home\n---\nhome\n' >content/_index.md
printf -- '---\ntitle: Accueil\n---\naccueil\n' >content/_index.fr.md
printf -- '---\ntitle: A\n---\n[fr](/fr/) [en](/en/)\n' >content/docs/a.md
printf -- '---\ntitle: A fr\n---\nx\n' >content/docs/a.fr.md
"$FOLIO" init --from hugo . >"$TEST_DIR/init3.txt" 2>&1 || { cat "$TEST_DIR/init3.txt" >&2; fail "init of the two-language site failed"; }
"$FOLIO" check --worktree . >"$TEST_DIR/check3.txt" 2>&1 || { cat "$TEST_DIR/check3.txt" >&2; fail "a link to /en/ is refused"; }
"$FOLIO" build --quiet --worktree . --out "$TEST_DIR/out3" 2>"$TEST_DIR/err" || { cat "$TEST_DIR/err" >&2; fail "the two-language build failed"; }
assert_contains "$TEST_DIR/out3/en/index.html" 'http-equiv="refresh"'

# a ref to no page is named by what the ref says ("java"), not by the path
# folio looked for (dapr's 15 pages read "/content/en/docs/java.md")
refs=$TEST_DIR/refs
mkdir -p "$refs/content/en/docs"
cd "$refs"
printf 'baseURL = "https://refs-site.org/"\ntitle = "T"\ncontentDir = "content/en"\n' >config.toml
printf -- '---\ntitle: A\n---\n[Java]({{< ref java >}})\n' >content/en/docs/a.md
"$FOLIO" init --from hugo . >"$TEST_DIR/init4.txt" 2>&1 || { cat "$TEST_DIR/init4.txt" >&2; fail "init of the refs site failed"; }
"$FOLIO" check --worktree . >"$TEST_DIR/check4.txt" 2>&1 && fail "a ref to no page passed"
assert_contains "$TEST_DIR/check4.txt" 'content/en/docs/a.md:4:8: error: link to "java" points to no page [link/broken]'

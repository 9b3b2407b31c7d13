#!/bin/bash
# A page in HTML without front matter, which Hugo copies as it is
# (Thorium Reader's documentation: content/en/onlinedoc.html, a redirect
# to its online reader, at /en/onlinedoc.html in Hugo 0.111's output),
# linked without its extension: "/en/onlinedoc", or the site's address
# https://reader-docs.fr/en/onlinedoc, as GitHub Pages, Netlify and
# Cloudflare Pages serve /x from x.html. folio accepted that of a page at
# x.html (uglyURLs) but not of a file copied so, and refused the seven
# pages linking it in three languages (link/broken). A link to such a
# file without its extension is now checked against it; "/x/" names a
# folder, which nothing is, and stays broken, as does a name no file has.
# folio writes the site language's at the root (language_subdir: en); the
# site's address below /en/ was read as it is, so that even
# https://reader-docs.fr/en/onlinedoc.html, Hugo's own address of the
# file, was refused: it now names what folio writes at the root, as
# "/en/x" written without the host already did.
# Thirty-second pass (Hugo).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/en/th3" "$s/content/fr/th3"
cat >"$s/config.toml" <<'TOML'
baseURL = "https://reader-docs.fr/"
title = "Reader"
contentDir = "content/en"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
[languages.en]
weight = 1
[languages.fr]
contentDir = "content/fr"
weight = 2
TOML
for l in en fr; do
	printf '<head>\n<meta http-equiv="refresh" content="0; url=https://web.example/read/guide-%s" />\n</head>\n<body><p><a href="https://web.example/read/guide-%s">Redirect</a></p></body>\n' "$l" "$l" >"$s/content/$l/onlinedoc.html"
done
printf -- '---\ntitle: "User guide"\n---\nRead [the guide](/en/onlinedoc), [online](https://reader-docs.fr/en/onlinedoc)\nor [en français](/fr/onlinedoc), <a class=\"\" href=\"https://reader-docs.fr/en/onlinedoc\">inline</a>,\n[its file](https://reader-docs.fr/en/onlinedoc.html), [home](https://reader-docs.fr), [top](https://reader-docs.fr#top).\n' >"$s/content/en/th3/user-guide.md"
printf -- '---\ntitle: "Guide"\n---\nLisez [le guide](/fr/onlinedoc).\n' >"$s/content/fr/th3/user-guide.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/th3/user-guide/index.html" 'href="/onlinedoc"'
assert_contains "$out/onlinedoc.html" 'guide-en'
assert_contains "$out/fr/onlinedoc.html" 'guide-fr'

# Pushed: the file removed, the pages linking it are refused as by a full
# build; then the file back, they are published as a full build writes them.
repo_of "$s" "$TEST_DIR/r"
publish "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
git -C "$TEST_DIR/r" rm -q content/fr/onlinedoc.html && git -C "$TEST_DIR/r" commit -qm "no French file"
refused_like_full "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "no French file" 'link to "/fr/onlinedoc" points to no page'
printf '<p>Le guide.</p>\n' >"$TEST_DIR/r/content/fr/guide.html"
git -C "$TEST_DIR/r" add -A && git -C "$TEST_DIR/r" commit -qm "a French guide"
publish "$TEST_DIR/r" "$TEST_DIR/pub" "$TEST_DIR/state" "a French guide"
same_as_full "$TEST_DIR/r" "$TEST_DIR/pub" "a French guide"

printf '\n[a folder](/en/onlinedoc/), [nothing](/en/nothing), [no file](https://reader-docs.fr/en/nothing.html).\n' >>"$s/content/en/th3/user-guide.md"
if "$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1; then fail "a folder or a name no file has passed"; fi
assert_contains "$TEST_DIR/check.txt" 'link to "/en/onlinedoc/" points to no page'
assert_contains "$TEST_DIR/check.txt" 'link to "/en/nothing" points to no page'
assert_contains "$TEST_DIR/check.txt" 'link to "https://reader-docs.fr/en/nothing.html" points to no page'
echo "ok a link names a file x.html copied as it is by /x, as hosts serve it"

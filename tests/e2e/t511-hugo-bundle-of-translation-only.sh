#!/bin/bash
# A Hugo bundle whose only page is a translation (content/posts/w/index.fr.md
# beside w/d.png, no index.md): Hugo 0.111 writes the file in that page's
# bundle, /fr/posts/w/d.png, where folio wrote /posts/w/d.png, below the
# site language's list. So in a site language's contentDir too
# (content/en/project/w/index.fr.md). Each step published with --state
# has a full build's bytes: the bundle's page added in English, then gone.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/posts/w"
printf 'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n' \
	>"$site/hugo.toml"
printf -- '---\ntitle: W\n---\n![d](d.png)\n' >"$site/content/posts/w/index.fr.md"
printf 'PNG' >"$site/content/posts/w/d.png"
printf -- '---\ntitle: A\n---\nA.\n' >"$site/content/posts/a.md"
out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
[ -f "$out/fr/posts/w/d.png" ] || fail "no fr/posts/w/d.png: $(cd "$out" && find . -path '*posts*' -type f | sort | tr '\n' ' ')"
[ -e "$out/posts/w" ] && fail "posts/w is written, where Hugo writes nothing"

repo=$TEST_DIR/repo
repo_of "$site" "$repo"
inc=$TEST_DIR/inc state=$TEST_DIR/state.db
publish "$repo" "$inc" "$state" "first"
same_as_full "$repo" "$inc" "first"
# the English page of the bundle: the file is in its bundle, as the site's
printf -- '---\ntitle: W\n---\n![d](d.png)\n' >"$repo/content/posts/w/index.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "w in English"
publish "$repo" "$inc" "$state" "second"
same_as_full "$repo" "$inc" "second"
[ -f "$inc/posts/w/d.png" ] || fail "no posts/w/d.png once w is in English"
git -C "$repo" rm -q content/posts/w/index.md && git -C "$repo" commit -qm "w in French only again"
publish "$repo" "$inc" "$state" "third"
same_as_full "$repo" "$inc" "third"
[ -f "$inc/fr/posts/w/d.png" ] || fail "no fr/posts/w/d.png"

# a language's contentDir: the site language's folder holds the French page
lang=$TEST_DIR/lang
mkdir -p "$lang/content/en/project/w" "$lang/content/fr/project"
printf 'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.fr]\ncontentDir = "content/fr"\nweight = 2\n' \
	>"$lang/hugo.toml"
printf -- '---\ntitle: W\n---\n![d](d.png)\n' >"$lang/content/en/project/w/index.fr.md"
printf 'PNG' >"$lang/content/en/project/w/d.png"
printf -- '---\ntitle: Z\n---\nZ.\n' >"$lang/content/en/project/z.md"
printf -- '---\ntitle: Z\n---\nZède.\n' >"$lang/content/fr/project/z.md"
migrate_and_build hugo "$lang" "$TEST_DIR/out2"
[ -f "$TEST_DIR/out2/fr/project/w/d.png" ] || fail "no fr/project/w/d.png"
[ -e "$TEST_DIR/out2/project/w" ] && fail "project/w is written, where Hugo writes nothing"
echo "ok"

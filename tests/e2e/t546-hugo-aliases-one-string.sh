#!/bin/bash
# aliases: written as one string on a site from Hugo (a Marseille agenda's
# venue: aliases: "Tandem Scene de Musiques"): Hugo 0.111 reads it with
# cast.ToStringSlice, which splits it on white space (Go's unicode.IsSpace:
# tabs, line ends, U+00A0, U+2003 too; U+200B is no space), one redirect
# page a word, relative ones from the page's folder. folio took the string
# as one URL: /posts/one two.../. init --from hugo now writes
# aliases_words: true and each word is an old URL, in a full build and
# from the state; a string of one word is as before. Thirty-first pass.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts"
printf 'baseURL = "https://agenda.example/"\ntitle = "Agenda"\n' >"$s/hugo.toml"
printf -- '---\ntitle: A\naliases: "one two\\tthree\n  /abs/four ../five"\n---\nHello.\n' >"$s/content/posts/a.md"
printf -- '---\ntitle: B\naliases: "solo"\n---\nHello.\n' >"$s/content/posts/b.md"
python3 -c "
import sys
open(sys.argv[1], 'w').write('---\ntitle: C\naliases: \"x\u00a0y\u2003z\u200bw \"\n---\nHi.\n')
" "$s/content/posts/c.md"
printf -- '---\ntitle: D\naliases: ""\n---\nHi.\n' >"$s/content/posts/d.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$s/folio.yaml" "aliases_words: true"
# aliases: "" is none, as Hugo reads it (not the page's folder, /posts/)
assert_not_contains "$TEST_DIR/build.txt" 'old URL "/posts/"'
# Hugo 0.111 writes these redirect pages (hugo on this site)
for a in posts/one posts/two posts/three abs/four five posts/solo posts/x posts/y "posts/z"$'\u200b'"w"; do
	assert_contains "$out/$a/index.html" "/posts/"
done
[ ! -e "$out/posts/one two" ] || fail "the string was one old URL"
ls "$out/posts" | grep -q ' ' && fail "a redirect page holds a space: $(ls "$out/posts")"

# from the state: the string added by a later commit
r=$TEST_DIR/r
repo_of "$s" "$r"
printf -- '---\ntitle: B\naliases: "solo"\n---\nHello.\n' >"$r/content/posts/a.md"
git -C "$r" commit -qam "one word"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
printf -- '---\ntitle: A\naliases: "uno dos"\n---\nHello.\n' >"$r/content/posts/a.md"
git -C "$r" commit -qam "two words"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "words"
same_as_full "$r" "$TEST_DIR/pub" "words"
assert_contains "$TEST_DIR/pub/posts/uno/index.html" "/posts/a/"
assert_contains "$TEST_DIR/pub/posts/dos/index.html" "/posts/a/"

# without the key (folio's own sites), the string is one old URL
cp "$r/content/posts/a.md" "$s/content/posts/a.md"
rm "$s/content/posts/c.md"
sed -i '/^aliases_words:/d' "$s/folio.yaml"
"$FOLIO" build --worktree "$s" --out "$TEST_DIR/own" >/dev/null 2>&1 || fail "build without aliases_words"
[ -e "$TEST_DIR/own/posts/uno dos/index.html" ] && [ ! -e "$TEST_DIR/own/posts/uno" ] || fail "split without aliases_words"
# more words than a list may hold items (a pusher's 1 MB string): refused,
# as the list would be (front-matter/syntax), in one pass
python3 -c "
import sys
open(sys.argv[1], 'w').write('---\ntitle: A\naliases: \"' + ' '.join(['a'] * 520000) + '\"\n---\nHi.\n')
" "$r/content/posts/a.md"
git -C "$r" commit -qam "a million bytes of words"
refused_like_full "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "words" "aliases: holds more than 100000 words [front-matter/syntax]"
echo "ok aliases: as one string is its words, as Hugo splits it"

#!/bin/bash
# A Hugo site's sections have an _index.md (the text of the section's list):
# a section page has no output of its own, its URL is its list's first
# page. It used to count as "a page at a URL of lists or feeds", which made
# every add and retitle on such a site load the whole site. Now an added
# post is published from the site model, with a full build's bytes; a
# section page with its own url: inside the lists' space still counts.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/posts" "$site/content/notes"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n' >"$site/hugo.toml"
post() { printf -- '---\ntitle: "%s"\ndate: 2024-03-%s\n---\n%s\n' "$2" "$3" "$4" >"$site/content/$1"; }
printf -- '---\ntitle: Posts\n---\nWhat we write.\n' >"$site/content/posts/_index.md"
printf -- '---\ntitle: Notes\n---\nShort ones.\n' >"$site/content/notes/_index.md"
for i in 01 02 03 04 05 06; do post "posts/p$i.md" "Post $i" "$i" "Text $i, see [notes](/notes/)."; done
post notes/n1.md "Note one" 07 "A note."
"$FOLIO" init --from hugo "$site" >/dev/null 2>&1 || fail "init failed"
git -C "$site" init -q && git -C "$site" add -A && git -C "$site" commit -qm "site"

out=$TEST_DIR/out state=$TEST_DIR/state
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b0.txt" 2>&1 ||
	fail "first publish failed: $(cat "$TEST_DIR/b0.txt")"
[ "$(sqlite3 "$state/state.sqlite" "SELECT value FROM meta WHERE key = 'records_generated_urls'")" = 0 ] ||
	fail "section pages counted among pages at list URLs"

from_model() { # label
	FOLIO_TRACE=1 "$FOLIO" build --repo "$site" --out "$out" --state "$state" >/dev/null 2>"$TEST_DIR/trace.txt" ||
		fail "$1: publish failed: $(cat "$TEST_DIR/trace.txt")"
	grep -q "from the site model" "$TEST_DIR/trace.txt" ||
		fail "$1: not published from the site model: $(grep -i "model" "$TEST_DIR/trace.txt")"
	same_as_full "$site" "$out" "$1"
}
post posts/p07.md "Post 07" 08 "A new post."
git -C "$site" add -A && git -C "$site" commit -qm "add"
from_model "an added post"
[ -f "$out/posts/p07/index.html" ] || fail "the added post is missing"
sed -i 's/^title: "Post 03"/title: "Post three"/' "$site/content/posts/p03.md"
git -C "$site" commit -qam "retitle"
from_model "a retitle"

# a section page whose own url: is in the lists' space is counted
printf -- '---\ntitle: Notes\nurl: /posts/page/9/\n---\nShort ones.\n' >"$site/content/notes/_index.md"
git -C "$site" commit -qam "notes moved"
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b2.txt" 2>&1 ||
	fail "publish failed: $(cat "$TEST_DIR/b2.txt")"
[ "$(sqlite3 "$state/state.sqlite" "SELECT value FROM meta WHERE key = 'records_generated_urls'")" = 1 ] ||
	fail "a section's url: in the lists' space was not counted"
echo ok

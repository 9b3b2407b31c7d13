#!/bin/bash
# Jekyll's `published: false` keeps a post out of the site: no page, and
# no list, feed, sitemap or index.json names it, in a full build and in
# each incremental publish, which equals a full build's bytes. Setting it
# true publishes the post; false again takes it down. A `published` that
# is not a boolean is the page's own field (a book's year).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/_posts"
printf 'title: Gemstone\nurl: https://gemstone.example\n' >"$site/_config.yml"
post() { printf -- '---\ntitle: "%s"\n%s---\n%s\n' "$2" "$3" "$4" >"$site/_posts/$1"; }
post 2024-05-01-release.md "Gemstone 2.0 released" "" "Version 2.0 is out."
post 2024-05-02-secret.md "Embargoed security fix" $'published: false\n' "Not before the fix ships."
post 2024-05-03-history.md "A history" $'published: 1998\n' "Gemstone was first published in 1998."
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
git -C "$site" init -q && git -C "$site" add -A && git -C "$site" commit -qm "site"

out=$TEST_DIR/out state=$TEST_DIR/state
publish() { # label
	"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b.txt" 2>&1 ||
		fail "$1: publish failed: $(cat "$TEST_DIR/b.txt")"
	same_as_full "$site" "$out" "$1"
}
hidden() { # label
	[ ! -e "$out/2024/05/02/secret.html" ] || fail "$1: the unpublished post has a page"
	! grep -rl -e "Embargoed" -e "/2024/05/02/secret" "$out" || fail "$1: an output names the unpublished post"
}
publish "first publish"
hidden "first publish"
[ -f "$out/2024/05/01/release.html" ] || fail "the published post is missing: $(find "$out" -type f)"
[ -f "$out/2024/05/03/history.html" ] || fail "published: 1998 held its page"

printf '\nA second paragraph.\n' >>"$site/_posts/2024-05-01-release.md"
git -C "$site" commit -qam "body"
publish "body edit"
hidden "body edit"

sed -i 's/^published: false/published: true/' "$site/_posts/2024-05-02-secret.md"
git -C "$site" commit -qam "the fix shipped"
publish "published: true"
[ -f "$out/2024/05/02/secret.html" ] || fail "published: true did not publish the post"
assert_contains "$out/index.json" "Embargoed security fix"

sed -i 's/^published: true/published: false/' "$site/_posts/2024-05-02-secret.md"
git -C "$site" commit -qam "taken down"
publish "published: false again"
hidden "published: false again"
echo ok

#!/bin/bash
# A project's site shares its host with what another system serves: ROOT's
# /download/ and /doc/ (4,718 links in 350 pages), Apache Jena's Javadoc
# that its deploy builds. folio refused each such page (link/broken); only
# --baseline set them aside, page by page. served_elsewhere: names those
# paths once: a link there that names nothing of the site is not checked,
# while the site's own pages below them still are, and a link elsewhere
# that names no page is still refused.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
mkdir -p "$repo/content/news" "$repo/content/download"
git -C "$repo" init -q
cat >"$repo/folio.yaml" <<'YAML'
title: Project
base_url: https://project.example
collections:
  - name: news
    folder: content/news
    url: /news/
  - name: download
    folder: content/download
    url: /download/
YAML
printf -- '---\ntitle: Release 6.30\n---\nGet [the sources](/download/root_v6.30.src.tar.gz), read\n[TH1](https://project.example/doc/master/classTH1.html#a1) and\n[the reference guide](/doc/master/) or [/doc](/doc), and see\n[the download page](/download/page/).\n' >"$repo/content/news/release.md"
printf -- '---\ntitle: Download\n---\nAll releases.\n' >"$repo/content/download/page.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "site"
if "$FOLIO" check --repo "$repo" >"$TEST_DIR/before.txt" 2>&1; then
	fail "links to paths the site does not have passed without served_elsewhere"
fi
assert_contains "$TEST_DIR/before.txt" 'link to "/download/root_v6.30.src.tar.gz"' 
assert_contains "$TEST_DIR/before.txt" 'link to "/doc/master/"' 

printf 'served_elsewhere: [/download/, /doc/]\n' >>"$repo/folio.yaml"
git -C "$repo" commit -qam "served elsewhere"
"$FOLIO" check --repo "$repo" >"$TEST_DIR/after.txt" 2>&1 || fail "still refused: $(cat "$TEST_DIR/after.txt")"
assert_not_contains "$TEST_DIR/after.txt" "link/broken"

# a page below such a path is the site's, checked as any: its anchors too
printf 'See [the missing one](/download/page/#nope) and [nothing](/news/gone/).\n' >>"$repo/content/news/release.md"
git -C "$repo" commit -qam "two broken links"
if "$FOLIO" check --repo "$repo" >"$TEST_DIR/broken.txt" 2>&1; then
	fail "a link to no page outside served_elsewhere passed"
fi
assert_contains "$TEST_DIR/broken.txt" 'link to "/news/gone/" points to no page'
assert_contains "$TEST_DIR/broken.txt" '#nope'
assert_not_contains "$TEST_DIR/broken.txt" 'root_v6.30'
git -C "$repo" reset -q --hard HEAD~1

# published from a state as a full build, the link still not checked
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
printf -- '---\ntitle: Release 6.32\n---\n[Sources](/download/root_v6.32.src.tar.gz).\n' >"$repo/content/news/release-2.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a release"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "release added"
same_as_full "$repo" "$TEST_DIR/pub" "release added"

# what it may hold
for bad in '[download/]' '[/a/../b/]' '[/a?x]' '["/"]' '[//host/x]'; do
	sed -i '/^served_elsewhere:/d' "$repo/folio.yaml"
	printf 'served_elsewhere: %s\n' "$bad" >>"$repo/folio.yaml"
	git -C "$repo" commit -qam "bad $bad"
	if "$FOLIO" check --repo "$repo" >"$TEST_DIR/bad.txt" 2>&1; then
		fail "served_elsewhere: $bad was taken"
	fi
	assert_contains "$TEST_DIR/bad.txt" "a path served elsewhere must be a site path"
done
echo "ok"

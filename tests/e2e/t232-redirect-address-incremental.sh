#!/bin/bash
# A redirect page stands at an old address until a page takes it (Netlify's
# unforced rules: a file there wins). Published incrementally from a state,
# each commit gives the files a full build of it gives: a page added at the
# address replaces the redirect page, deleting it brings the redirect back,
# a redirect's new target rewrites its page, a redirect removed deletes it.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

repo=$TEST_DIR/repo
mkdir -p "$repo/content/docs"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n' >"$repo/hugo.toml"
printf -- '---\ntitle: Guide\n---\nSee [donate](/docs/donate/) and [old](/old/).\n' >"$repo/content/docs/guide.md"
"$FOLIO" init --from hugo "$repo" >/dev/null 2>&1 || fail "init --from hugo failed"
cat >>"$repo/folio.yaml" <<'YAML'
redirects:
  - {from: /docs/donate, to: "https://pay.example/"}
  - {from: /old/, to: /docs/guide/}
YAML
git -C "$repo" init -q
git -C "$repo" add -A
git -C "$repo" commit -qm "A guide and two redirects"

pub=$TEST_DIR/pub
n=0
# publish HEAD from the state, then check it against a full build of HEAD
publish() {
	n=$((n + 1))
	"$FOLIO" build --repo "$repo" --out "$pub" --state "$TEST_DIR/state" --explain \
		>"$TEST_DIR/pub$n.txt" 2>&1 || fail "publish $n failed: $(cat "$TEST_DIR/pub$n.txt")"
	cat "$TEST_DIR/pub$n.txt"
	rm -rf "$TEST_DIR/full"
	"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/full" >/dev/null 2>&1 || fail "full build $n failed"
	diff -r "$pub" "$TEST_DIR/full" >"$TEST_DIR/diff$n.txt" \
		|| fail "publish $n differs from a full build: $(head -20 "$TEST_DIR/diff$n.txt")"
}
publish
assert_contains "$pub/docs/donate/index.html" 'url=https://pay.example/'

# a page at the redirect's address: the page wins
printf -- '---\ntitle: Donate\n---\nThank you.\n' >"$repo/content/docs/donate.md"
git -C "$repo" add -A
git -C "$repo" commit -qm "A page where the redirect stood"
publish
assert_contains "$pub/docs/donate/index.html" 'Thank you.'
assert_not_contains "$pub/docs/donate/index.html" 'pay.example'
assert_contains "$pub/sitemap.xml" 'https://lantern.example/docs/donate/'

# the page deleted: the redirect again
git -C "$repo" rm -q content/docs/donate.md
git -C "$repo" commit -qm "The page goes"
publish
assert_contains "$pub/docs/donate/index.html" 'url=https://pay.example/'
assert_not_contains "$pub/sitemap.xml" '/docs/donate/'

# a redirect's new target; then the redirect removed
sed -i 's|https://pay.example/|https://give.example/|' "$repo/folio.yaml"
git -C "$repo" commit -qam "The redirect goes elsewhere"
publish
assert_contains "$pub/docs/donate/index.html" 'url=https://give.example/'
sed -i '/from: \/docs\/donate/d' "$repo/folio.yaml"
sed -i 's|\[donate\](/docs/donate/) and ||' "$repo/content/docs/guide.md"
git -C "$repo" commit -qam "No more donations"
publish
[ ! -e "$pub/docs/donate/index.html" ] || fail "the removed redirect's page is still published"
assert_contains "$pub/old/index.html" 'url=https://lantern.example/docs/guide/'
echo "ok"

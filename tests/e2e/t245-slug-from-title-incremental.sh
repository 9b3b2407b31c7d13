#!/bin/bash
# Addresses made of titles (slug_from: title) on the incremental path: a
# body-only commit of a page linking to a post by its file keeps the link
# at the post's title address; retitling the post moves it (the old
# address deleted) and the page linking to it by file follows, without a
# full build; a link to the old address is then broken for check --state,
# and a second post given the same title is a clash naming both.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
mkdir -p "$repo/content/posts"
printf 'title: "Inc"\nbaseURL: "https://inc.example/"\npermalinks:\n  posts: /:year/:month/:slug/\n' >"$repo/hugo.yaml"
post() { printf -- '---\ntitle: "%s"\ndate: %s\n---\n%s\n' "$2" "$3" "$4" >"$repo/content/posts/$1"; }
post a.md "Alpha" 2024-05-01 "A."
post l.md "Liens" 2024-05-02 '[a](a.md) et [ref]({{< ref "a.md" >}})'
for i in 1 2 3 4 5; do post "o$i.md" "Autre $i" "2024-06-0$i" "X."; done
"$FOLIO" init --from hugo "$repo" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$repo/folio.yaml" 'slug_from: title'
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm one
out=$TEST_DIR/out state=$TEST_DIR/state
build() { "$FOLIO" build --repo "$repo/.git" --out "$out" --state "$state" --explain >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"; }
build
liens=$out/2024/05/liens/index.html
assert_contains "$liens" 'href="/2024/05/alpha/">a'
assert_contains "$liens" 'href="/2024/05/alpha/">ref'

# a body-only commit of the linking page
sed -i 's/et \[ref\]/and [ref]/' "$repo/content/posts/l.md"
git -C "$repo" commit -qam body
build
assert_contains "$TEST_DIR/build.txt" '1 pages rendered'
assert_contains "$liens" 'and <a href="/2024/05/alpha/">ref'

# retitled: the post moves, its old address goes, the link follows
sed -i 's/title: "Alpha"/title: "Beta"/' "$repo/content/posts/a.md"
git -C "$repo" commit -qam retitle
build
assert_contains "$TEST_DIR/build.txt" '1 deleted'
assert_contains "$out/2024/05/beta/index.html" 'A.'
[ ! -e "$out/2024/05/alpha" ] || fail "the old address is still published"
assert_contains "$liens" 'href="/2024/05/beta/">a'
assert_contains "$liens" 'href="/2024/05/beta/">ref'

# check --state: the old address is broken, a second "Beta" clashes
printf '\n[old](/2024/05/alpha/)\n' >>"$repo/content/posts/l.md"
post b2.md "Beta !" 2024-05-09 "Dup."
git -C "$repo" add -A && git -C "$repo" commit -qm dup
r=0
(cd "$repo" && "$FOLIO" check --state "$state" HEAD) >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check --state should refuse (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'content/posts/l.md:7:7: error: link to "/2024/05/alpha/" points to no page'
grep -F '[output/clash]' "$TEST_DIR/check.txt" | grep -F 'b2.md' | grep -qF 'content/posts/a.md' \
	|| fail "the clash does not name both posts"
echo "ok"

#!/bin/bash
# A draft publishes nothing, so its findings are warnings (docs/front-matter.md),
# and so are those of its own address: a migrated blog's old draft with
# url: /?p=504 (what WordPress exports keep) stopped the whole site with
# slug/invalid, though Hugo never builds a draft.
# 1. The draft's url: and slug: that name no address are warnings at
#    their lines; the site builds; the draft is nowhere.
# 2. The same page no longer a draft is refused, at the same line.
# 3. Through a repository and its state: the draft committed publishes,
#    as a full build does.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts"
printf 'baseURL = "https://blog.example/"\ntitle = "Blog"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Publié\n---\nUn billet.\n' >"$s/content/posts/a.md"
printf -- '---\ntitle: Ancien\ndraft: true\nurl: /?p=504\n---\nUn brouillon.\n' >"$s/content/posts/old.md"
printf -- '---\ntitle: Autre\ndraft: true\nslug: "!!!"\n---\nUn autre brouillon.\n' >"$s/content/posts/other.md"
# 1
migrate_and_build hugo "$s" "$TEST_DIR/out"
assert_contains "$TEST_DIR/build.txt" 'content/posts/old.md:4:6: warning: url "/?p=504" is not a path of the site [slug/invalid]'
assert_contains "$TEST_DIR/build.txt" 'content/posts/other.md:4:7: warning: slug "!!!" has no letter or digit [slug/invalid]'
assert_contains "$TEST_DIR/out/posts/a/index.html" "Un billet."
! grep -rq "brouillon" "$TEST_DIR/out" || fail "1: a draft reached the output"
# 2
sed -i 's/^draft: true$/draft: false/' "$s/content/posts/old.md"
! "$FOLIO" build --worktree "$s" --out "$TEST_DIR/out2" >"$TEST_DIR/b2.txt" 2>&1 || fail "2: the page with url: /?p=504 was published"
assert_contains "$TEST_DIR/b2.txt" 'content/posts/old.md:4:6: error: url "/?p=504" is not a path of the site [slug/invalid]'
sed -i 's/^draft: false$/draft: true/' "$s/content/posts/old.md"
# 3
r=$TEST_DIR/repo
mkdir -p "$r"
cp -r "$s/." "$r/"
rm "$r/content/posts/old.md" "$r/content/posts/other.md"
git -C "$r" init -q && git -C "$r" add -A && git -C "$r" commit -qm "site"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "3: first"
cp "$s/content/posts/old.md" "$r/content/posts/old.md"
git -C "$r" add -A && git -C "$r" commit -qm "old draft"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "3: draft added"
same_as_full "$r" "$TEST_DIR/pub" "3: draft added"
echo "t416 ok"

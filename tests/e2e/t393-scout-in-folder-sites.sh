#!/bin/bash
# Scouts' in-folder round (project repositories whose site is a folder):
# 1. Jekyll writes a permalink without a last '/' as that name and .html
#    unless it ends with .html: slsa's /spec/v1.0 is spec/v1.0.html, and a
#    redirect_from: /old/v0.1 old/v0.1.html (folio wrote files "v1.0" and
#    "v0.1", which a server sends as no HTML); a link /spec/v1.0 names it;
# 2. a Hugo sub-section whose folder starts with '_' (go-cloud's
#    filevar/_demo/_index.md) keeps it: init writes slug_underscores: keep;
# 3. Hugo's disableKinds: [taxonomy] publishes the terms' pages and no
#    index of them (jobset's /tags/, /categories/ were published):
#    index: false, and a link to /tags/ is broken, as on the Hugo site.
. "$(dirname "$0")/lib.sh"

# 1
a=$TEST_DIR/a
mkdir -p "$a"
printf 'title: T\nurl: https://t.example\npermalink: pretty\n' >"$a/_config.yml"
printf -- '---\ntitle: Home\n---\nSee [1.0](/spec/v1.0), [draft](/spec/draft) and [the old one](/old/v0.1).\n' >"$a/index.md"
printf -- '---\ntitle: Spec 1.0\npermalink: /spec/v1.0\nredirect_from: [/old/v0.1, /old/plain]\n---\nSpec.\n' >"$a/spec10.md"
printf -- '---\ntitle: Draft\npermalink: /spec/draft\n---\nDraft.\n' >"$a/draft.md"
printf -- '---\ntitle: Page\npermalink: /spec/page.html\n---\nPage.\n' >"$a/page.md"
migrate_and_build jekyll "$a" "$TEST_DIR/out-a"
for f in spec/v1.0.html spec/draft.html spec/page.html old/v0.1.html old/plain.html; do
	[ -f "$TEST_DIR/out-a/$f" ] || fail "$f is missing: $(cd "$TEST_DIR/out-a" && find . -type f | sort)"
done
[ ! -e "$TEST_DIR/out-a/spec/v1.0" ] && [ ! -e "$TEST_DIR/out-a/spec/page.html.html" ] || fail "a page without .html, or with two"
assert_contains "$TEST_DIR/out-a/old/v0.1.html" '/spec/v1.0.html'

# 2
b=$TEST_DIR/b
mkdir -p "$b/content/guide/_demo"
printf 'baseURL = "https://b.example/"\ntitle = "B"\n' >"$b/hugo.toml"
printf -- '---\ntitle: Guide\n---\nSee [the demo](/guide/_demo/).\n' >"$b/content/guide/_index.md"
printf -- '---\ntitle: Intro\n---\nHello.\n' >"$b/content/guide/intro.md"
printf -- '---\ntitle: Demo\n---\nA demo.\n' >"$b/content/guide/_demo/_index.md"
migrate_and_build hugo "$b" "$TEST_DIR/out-b"
assert_contains "$b/folio.yaml" "slug_underscores: keep"
assert_contains "$TEST_DIR/out-b/guide/_demo/index.html" "A demo."
[ ! -e "$TEST_DIR/out-b/guide/demo" ] || fail "the demo moved to /guide/demo/"

# 3
c=$TEST_DIR/c
mkdir -p "$c/content/posts"
printf 'baseURL = "https://c.example/"\ntitle = "C"\ndisableKinds = ["taxonomy"]\n' >"$c/hugo.toml"
printf -- '---\ntitle: One\ndate: 2024-01-02\ntags: [a]\n---\nHello.\n' >"$c/content/posts/one.md"
migrate_and_build hugo "$c" "$TEST_DIR/out-c"
assert_contains "$c/folio.yaml" "index: false"
[ -f "$TEST_DIR/out-c/tags/a/index.html" ] && [ -f "$TEST_DIR/out-c/tags/a/index.xml" ] || fail "the term's page or feed is missing"
[ ! -e "$TEST_DIR/out-c/tags/index.html" ] && [ ! -e "$TEST_DIR/out-c/categories/index.html" ] || fail "an index of terms was published"
assert_not_contains "$TEST_DIR/out-c/tags/a/index.html" 'href="/tags/"'
assert_not_contains "$TEST_DIR/out-c/sitemap.xml" '/tags/</loc>'
printf -- '---\ntitle: Two\ndate: 2024-01-03\ntags: [b]\n---\nAll [tags](/tags/).\n' >"$c/content/posts/two.md"
"$FOLIO" check --worktree "$c" >"$TEST_DIR/c.txt" 2>&1 && fail "a link to the index that is not there passed"
assert_contains "$TEST_DIR/c.txt" 'link to "/tags/" points to no page'
# folio.yaml refuses what index: is not
sed -i 's/index: false/index: "no"/' "$c/folio.yaml"
"$FOLIO" check --worktree "$c" >"$TEST_DIR/c2.txt" 2>&1 && fail "index: \"no\" passed"
assert_contains "$TEST_DIR/c2.txt" "folio.yaml:"
echo "ok"

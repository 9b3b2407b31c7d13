#!/bin/bash
# What kyverno.io and DoIt's example site met:
# - a link to a section's _index.md by its site path
#   ([x](/docs/installation/_index.md#matrix)) names the section's page, as
#   Hugo's GetPage finds it (the relative form did already);
# - "../../../docs/installation/" in a bundle published at /blog/2024/...
#   is read from the bundle's folder in the content (blog/general/x/), as
#   GetPage reads it;
# - a dot folder or file among the pages (.kyverno-test/check.md,
#   .hidden.md) is neither a page nor published, as Hugo leaves them out;
# - a language declared by config/_default/hugo.zh-cn.toml alone (Hugo
#   merges it into languages.zh-cn): a.zh-cn.md is the translation of a.md,
#   at /zh-cn/posts/a/, not an English page /posts/a.zh-cn/.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$s/content/docs/installation" "$s/content/blog/general/x" "$s/content/docs/installation/.kyverno-test"
printf 'baseURL = "https://k.example/"\ntitle = "K"\n[permalinks]\nblog = "/:section/:year/:month/:day/:slug/"\n' >"$s/config.toml"
printf -- '---\ntitle: Installation\n---\n## Compatibility matrix\n' >"$s/content/docs/installation/_index.md"
printf -- '---\ntitle: Methods\n---\n## Helm\n' >"$s/content/docs/installation/methods.md"
printf -- '---\ntitle: Docs\n---\nIntro.\n' >"$s/content/docs/_index.md"
printf -- '---\ntitle: Quick\n---\n[a](/docs/installation/_index.md#compatibility-matrix) [b](/docs/installation/methods.md#helm)\n' \
	>"$s/content/docs/quick.md"
printf -- '---\ntitle: X\ndate: 2024-01-02\n---\n[k](../../../docs/installation/)\n' >"$s/content/blog/general/x/index.md"
printf -- '---\ntitle: Check\n---\n[broken](/nowhere/)\n' >"$s/content/docs/installation/.kyverno-test/check.md"
printf 'policy: x\n' >"$s/content/docs/installation/.kyverno-test/resource.yaml"
printf -- '---\ntitle: Hidden\n---\nHidden.\n' >"$s/content/docs/.hidden.md"
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/docs/quick/index.html" 'href="/docs/installation/#compatibility-matrix"'
assert_contains "$out/blog/2024/01/02/x/index.html" 'href="/docs/installation/"'
[ -z "$(find "$out" -name '*kyverno-test*' -o -name '*hidden*' -o -name 'check')" ] \
	|| fail "a dot folder's or dot file's page is published: $(find "$out" -name '*kyverno-test*' -o -name '*hidden*')"
assert_not_contains "$TEST_DIR/build.txt" 'nowhere'

d=$TEST_DIR/doit out2=$TEST_DIR/out2
mkdir -p "$d/config/_default" "$d/content/posts/b"
printf 'baseURL = "https://doit.example/"\ntitle = "D"\ndefaultContentLanguage = "en"\n' >"$d/config/_default/hugo.toml"
printf 'weight = 1\nlanguageName = "English"\n' >"$d/config/_default/hugo.en.toml"
printf 'weight = 2\nlanguageName = "中文"\n' >"$d/config/_default/hugo.zh-cn.toml"
printf -- '---\ntitle: A\n---\nEnglish A.\n' >"$d/content/posts/a.en.md"
printf -- '---\ntitle: A\n---\n中文 A.\n' >"$d/content/posts/a.zh-cn.md"
printf -- '---\ntitle: B\n---\nEnglish B.\n' >"$d/content/posts/b/index.en.md"
printf -- '---\ntitle: B\n---\n中文 B.\n' >"$d/content/posts/b/index.zh-cn.md"
migrate_and_build hugo "$d" "$out2" >/dev/null
assert_contains "$d/folio.yaml" 'languages: ["zh-cn"]'
assert_contains "$out2/posts/a/index.html" 'English A.'
assert_contains "$out2/zh-cn/posts/a/index.html" '中文 A.'
assert_contains "$out2/zh-cn/posts/b/index.html" '中文 B.'
[ ! -e "$out2/posts/a.zh-cn" ] || fail "the translation is an English page of its own"

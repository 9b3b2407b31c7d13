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
# a commit that touches only a dot folder's page: published as a full build
repo_of "$s" "$TEST_DIR/krepo"
publish "$TEST_DIR/krepo" "$TEST_DIR/kout" "$TEST_DIR/kstate" "the first publish"
printf -- '---\ntitle: Check 2\n---\nClean now.\n' >"$TEST_DIR/krepo/content/docs/installation/.kyverno-test/check.md"
git -C "$TEST_DIR/krepo" commit -qam "a test's page edited"
publish "$TEST_DIR/krepo" "$TEST_DIR/kout" "$TEST_DIR/kstate" "a dot folder's page edited"
same_as_full "$TEST_DIR/krepo" "$TEST_DIR/kout" "a dot folder's page edited"
[ -z "$(find "$TEST_DIR/kout" -name '*kyverno-test*')" ] || fail "the edited dot folder's page is published"

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

# a section in a translation's content folder alone (MetaDocencia's
# content/en/thanks/ beside content/es/): its pages are that language's, at
# /en/thanks/, not moved into the root pages (/en/pages/thanks/, /en/p/)
md=$TEST_DIR/metadocencia out3=$TEST_DIR/out3
mkdir -p "$md/content/es/post" "$md/content/en/post" "$md/content/en/thanks" "$md/content/en/extra"
cat >"$md/config.toml" <<'TOML'
baseURL = "https://md.example/"
title = "MD"
defaultContentLanguage = "es"
[languages.es]
contentDir = "content/es"
weight = 1
[languages.en]
contentDir = "content/en"
weight = 2
TOML
printf -- '---\ntitle: A\n---\nhola\n' >"$md/content/es/post/a.md"
printf -- '---\ntitle: A\n---\nhello\n' >"$md/content/en/post/a.md"
printf -- '---\ntitle: Thanks\n---\nThanks to all.\n' >"$md/content/en/thanks/_index.md"
printf -- '---\ntitle: P\n---\nEnglish only, see [thanks](/en/thanks/).\n' >"$md/content/en/extra/p.md"
printf -- '---\ntitle: Acerca\n---\nacerca\n' >"$md/content/es/about.md"
migrate_and_build hugo "$md" "$out3" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'section thanks is in content/en alone'
assert_contains "$out3/en/thanks/index.html" 'Thanks to all.'
assert_contains "$out3/en/extra/p/index.html" 'English only'
[ ! -e "$out3/en/pages/thanks" ] && [ ! -e "$out3/en/p" ] || fail "a section of the translation alone moved into the root pages"

# a section's index.md (not _index.md) makes its folder a leaf bundle in
# Hugo: HugoBlox's widget pages beside content/equipo/index.md are its
# resources, not pages of their own (/equipo/miembros/ was published)
hb=$TEST_DIR/hugoblox out4=$TEST_DIR/out4
mkdir -p "$hb/content/equipo/sub" "$hb/content/post"
printf 'baseURL = "https://hb.example/"\ntitle = "HB"\n' >"$hb/config.toml"
printf -- '---\ntitle: Equipo\ntype: widget_page\n---\nNuestro equipo.\n' >"$hb/content/equipo/index.md"
printf -- '---\ntitle: Miembros\nwidget: people\nheadless: true\n---\nwidget text\n' >"$hb/content/equipo/miembros.md"
printf -- '---\ntitle: Deep\n---\ndeep\n' >"$hb/content/equipo/sub/deep.md"
printf -- '---\ntitle: A\n---\nhola\n' >"$hb/content/post/a.md"
migrate_and_build hugo "$hb" "$out4" >/dev/null
assert_contains "$out4/equipo/index.html" 'Nuestro equipo.'
[ ! -e "$out4/equipo/miembros" ] && [ ! -e "$out4/equipo/sub" ] || fail "a leaf bundle's resources are published as pages"
repo_of "$hb" "$TEST_DIR/hbrepo"
publish "$TEST_DIR/hbrepo" "$TEST_DIR/hbout" "$TEST_DIR/hbstate" "the first publish"
printf -- '---\ntitle: Ex\nheadless: true\n---\nex\n' >"$TEST_DIR/hbrepo/content/equipo/ex.md"
git -C "$TEST_DIR/hbrepo" add -A && git -C "$TEST_DIR/hbrepo" commit -qm "another widget"
publish "$TEST_DIR/hbrepo" "$TEST_DIR/hbout" "$TEST_DIR/hbstate" "a widget added"
[ ! -e "$TEST_DIR/hbout/equipo/ex" ] || fail "an added widget page is published"
same_as_full "$TEST_DIR/hbrepo" "$TEST_DIR/hbout" "a widget added"

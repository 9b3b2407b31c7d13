#!/bin/bash
# jekyll-polyglot writes a site link of a translated page in the page's
# language: "/guide/" in about.pt-BR.md is /pt-BR/guide/ when guide has a
# pt-BR version (polyglot's own site: 12 links of its pt-BR and zh-CN
# pages). folio found /pt-BR/guide/ and then looked for it written in
# lower case (/pt-br/guide/, as Hugo's URLs are): no page, so every such
# link of a language tag with capitals was refused as broken.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts/zh-CN"
cat >"$j/_config.yml" <<'YML'
title: Plugin
url: https://plugin.example
languages: ["en", "pt-BR", "zh-CN"]
default_lang: "en"
plugins: [jekyll-polyglot]
YML
printf -- '---\ntitle: Guide\npermalink: guide/\nlang: en\n---\nThe guide.\n' >"$j/guide.md"
printf -- '---\ntitle: Guia\npermalink: guide/\nlang: pt-BR\n---\nO guia.\n' >"$j/guide.pt-BR.md"
printf -- '---\ntitle: Zhinan\npermalink: guide/\nlang: zh-CN\n---\nZhinan.\n' >"$j/guide.zh-CN.md"
printf -- '---\ntitle: About\npermalink: about/\nlang: en\n---\nRead [the guide](/guide/).\n' >"$j/about.md"
printf -- '---\ntitle: Sobre\npermalink: about/\nlang: pt-BR\n---\nLeia [o guia](/guide/).\n' >"$j/about.pt-BR.md"
printf -- '---\ntitle: Fabu\nlang: zh-CN\n---\nSee [the guide](/guide) and [about](/about/).\n' >"$j/_posts/zh-CN/2026-01-31-release.md"
printf -- '---\ntitle: Release\nlang: en\n---\nSee [the guide](/guide).\n' >"$j/_posts/2026-01-31-release.md"
printf -- '---\ntitle: Home\n---\nHome.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$out/pt-BR/about/index.html" 'href="/pt-BR/guide/"'
assert_contains "$out/zh-CN/2026/01/31/release.html" 'href="/zh-CN/guide/"'
assert_contains "$out/zh-CN/2026/01/31/release.html" 'href="/about/"'
assert_contains "$out/about/index.html" 'href="/guide/"'
echo "ok"

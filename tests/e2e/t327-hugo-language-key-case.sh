#!/bin/bash
# Hugo reads a language key without regard to case and writes its
# addresses in lower case: kueue's languages.zh-CN (contentDir
# content/zh-CN) is at /zh-cn/, where its pages link. folio published at
# /zh-CN/, refused the links written /zh-cn/... and, on those pages, wrote
# site paths as /zh-cn/... that its own output did not have.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/en/docs" "$s/content/zh-CN/docs" "$s/layouts"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "t"
defaultContentLanguage = "en"
[languages]
  [languages.en]
    weight = 1
    contentDir = "content/en"
  [languages.zh-CN]
    weight = 2
    contentDir = "content/zh-CN"
TOML
printf -- '---\ntitle: Local queue\n---\nA queue.\n' >"$s/content/en/docs/local_queue.md"
printf -- '---\ntitle: 本地队列\n---\n一个队列。\n' >"$s/content/zh-CN/docs/local_queue.md"
printf -- '---\ntitle: 概述\n---\n见 [本地队列](/zh-cn/docs/local_queue) 和 [站点路径](/docs/local_queue)。\n' \
	>"$s/content/zh-CN/docs/overview.md"
printf -- '---\ntitle: Overview\n---\nSee [the queue](/docs/local_queue).\n' >"$s/content/en/docs/overview.md"
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$s/folio.yaml" 'languages: ["zh-cn"]'
[ -f "$TEST_DIR/out/zh-cn/docs/local_queue/index.html" ] || fail "the Chinese page is not at /zh-cn/: $(cd "$TEST_DIR/out" && find . -name index.html | sort)"
page="$TEST_DIR/out/zh-cn/docs/overview/index.html"
hrefs=$(grep -o 'href="[^"]*local_queue[^"]*"' "$page")
[ "$(echo "$hrefs" | wc -l)" = 2 ] || fail "the two links are not in $page: $hrefs"
for h in $hrefs; do
	target=${h#href=\"}; target=${target%\"}
	[ -f "$TEST_DIR/out${target%/}/index.html" ] || fail "$page links $target, which the output does not have"
done
echo ok

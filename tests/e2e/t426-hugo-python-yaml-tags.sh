#!/bin/bash
# A project site on the Academic theme in three languages (KubeEdge's,
# 25th pass): the theme's Python import tool dumped each author's
# organizations with a Python class's tag (a mapping tagged
# !!python/object/new:toml.decoder.DynamicInlineTableDict), which Go's
# YAML, and so Hugo, reads as the plain mapping (Ruby's YAML too). folio
# refused those pages with front-matter/syntax, a rule no --baseline sets
# aside: the author's page in every language. Now a mapping or sequence
# with a Python tag is the plain collection; a scalar with another
# application's tag is still refused, and a plain !!str on a mapping too.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$s/config/_default" "$s/content/en/author/admin" "$s/content/zh/author/admin" "$s/content/en/blog"
cat >"$s/config/_default/config.toml" <<'TOML'
baseURL = "https://edge.example/"
title = "Edge"
theme = "academic"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
TOML
cat >"$s/config/_default/languages.toml" <<'TOML'
[en]
contentDir = "content/en"
[zh]
contentDir = "content/zh"
TOML
author() {
	cat >"$1" <<YAML
---
name: $2
organizations:
  - !!python/object/new:toml.decoder.DynamicInlineTableDict
    dictitems:
      name: Edge Project
      url: ''
interests: !!python/object/apply:builtins.list
  - - edge computing
role: Maintainers
---

$3
YAML
}
author "$s/content/en/author/admin/_index.md" Edge "The maintainers of the project."
author "$s/content/zh/author/admin/_index.md" Edge "项目的维护者。"
printf -- '---\ntitle: Release\ndate: 2023-07-01\n---\n\nBy [the maintainers](/en/author/admin/).\n' \
	>"$s/content/en/blog/release.md"
"$FOLIO" init --from hugo "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_not_contains "$TEST_DIR/init.txt" 'cannot be read'
"$FOLIO" build --worktree "$s" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build refused: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/author/admin/index.html" 'The maintainers of the project.'
assert_contains "$out/zh/author/admin/index.html" '项目的维护者。'
assert_contains "$out/blog/release/index.html" 'href="/author/admin/"'

# a scalar tagged for a Python class, and !!str on a mapping, stay refused
printf -- '---\ntitle: Odd\nowner: !!python/object:x.Y z\n---\nOdd.\n' >"$s/content/en/blog/odd.md"
printf -- '---\ntitle: Odder\nowner: !!str\n  a: 1\n---\nOdder.\n' >"$s/content/en/blog/odder.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a Python-tagged scalar passed"
assert_contains "$TEST_DIR/check.txt" 'content/en/blog/odd.md:3:8: error: tag "tag:yaml.org,2002:python/object:x.Y" is not supported [front-matter/syntax]'
assert_contains "$TEST_DIR/check.txt" 'content/en/blog/odder.md:3:8: error: tag "tag:yaml.org,2002:str" is not supported [front-matter/syntax]'
assert_contains "$TEST_DIR/check.txt" 'checked the worktree: 2 errors'
echo "ok"

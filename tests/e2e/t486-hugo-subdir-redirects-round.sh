#!/bin/bash
# A Hugo site that moved its site language below /zh/
# (defaultContentLanguageInSubdir) often keeps a rule from the old
# addresses into the folder: "/post/* /zh/post/:splat 301" in
# static/_redirects (twenty-eighth pass: a blog in Chinese and English on
# Cloudflare Pages, 6 such rules). folio publishes that language at the
# root (language_subdir:) and writes a redirect page at /zh/post/x/ back
# to /post/x/: init kept the rule as a redirect of folio.yaml, and the
# published _redirects file, which a server such as Cloudflare Pages
# applies before its files, sends readers round. init now keeps no such
# rule and says to remove it from the file; other rules are kept.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/post" "$s/static"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://blog.example/"
title = "Blog"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = true
[languages.zh]
  weight = 1
[languages.en]
  weight = 2
TOML
printf -- '---\ntitle: 笔记\ndate: 2024-01-01\nslug: notes\n---\n笔记。\n' >"$s/content/post/notes.md"
printf -- '---\ntitle: Notes\ndate: 2024-01-01\nslug: notes\n---\nNotes.\n' >"$s/content/post/notes.en.md"
printf -- '---\ntitle: 关于\n---\n关于。\n' >"$s/content/about.md"
printf '/old-notes/  /zh/post/notes/  301\n/post/*  /zh/post/:splat  301\n/about/  /zh/about/  301\n' >"$s/static/_redirects"
o=$TEST_DIR/out
migrate_and_build hugo "$s" "$o" >"$TEST_DIR/init-build.txt"
assert_contains "$s/folio.yaml" 'language_subdir: "zh"'
assert_not_contains "$s/folio.yaml" 'from: "/post/*"'
assert_not_contains "$s/folio.yaml" 'from: "/about/"'
assert_contains "$s/folio.yaml" 'from: "/old-notes/"'
assert_contains "$TEST_DIR/init.txt" 'static/_redirects:2: redirect from "/post/*" is not kept: folio publishes'
assert_contains "$TEST_DIR/init.txt" 'static/_redirects:3: redirect from "/about/" is not kept'
[ -f "$o/post/notes/index.html" ] || fail "no post/notes/index.html"
assert_contains "$o/zh/post/notes/index.html" 'url=https://blog.example/post/notes/'
echo ok

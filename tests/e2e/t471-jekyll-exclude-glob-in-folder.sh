#!/bin/bash
# _config.yml's exclude: may hold a pattern below a folder
# ("files/java/Game/*", a blog's generated Javadoc): Jekyll's EntryFilter
# matches it with File.fnmatch? against each path, so nothing below
# files/java/Game/ is published (Debian's Jekyll 4.3.1 copies only
# files/java/Other/). init kept only patterns of the top's files: the
# folder's 80 HTML files were published, and its Markdown read as pages.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/files/java/Game/doc/class-use" "$j/files/java/Other" "$j/notes/drafts" "$j/_layouts"
cat >"$j/_config.yml" <<'YML'
title: Blog
url: https://blog.example
exclude:
  - files/java/Game/*
  - notes/*.txt
YML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf '<html><body>Javadoc</body></html>\n' >"$j/files/java/Game/doc/Board.html"
printf '<html><body>Uses</body></html>\n' >"$j/files/java/Game/doc/class-use/Board.html"
printf -- '---\ntitle: Notes\n---\nSee [nothing](/missing/).\n' >"$j/files/java/Game/README.md"
printf '<html><body>Applet</body></html>\n' >"$j/files/java/Other/index.html"
printf 'draft\n' >"$j/notes/drafts/a.txt"
printf -- '---\ntitle: Notes\n---\nNotes.\n' >"$j/notes/index.md"
printf -- '---\ntitle: Home\n---\nHome.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || fail "check refused: $(cat "$TEST_DIR/check.txt")"
[ -e "$out/files/java/Other/index.html" ] || fail "files/java/Other/index.html not published"
[ ! -e "$out/files/java/Game" ] || fail "files/java/Game/ published: $(find "$out/files/java/Game")"
[ ! -e "$out/notes/drafts/a.txt" ] || fail "notes/drafts/a.txt published (notes/*.txt matches it, as fnmatch without FNM_PATHNAME does)"
assert_contains "$j/folio.yaml" '  - "files/java/Game"'
assert_not_contains "$j/folio.yaml" 'Game/doc'
echo "ok"

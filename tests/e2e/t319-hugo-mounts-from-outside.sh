#!/bin/bash
# Hugo module mounts that merge a folder from outside content/ into it, as
# git-scm.com mounts external/docs/content at content and
# external/book/content/book at content/book: init read content/ alone and
# said nothing, so 25,160 of its pages were not read and every link to
# them was refused. Each mounted folder's sections are collections now,
# their pages at Hugo's addresses; what sits beside them is excluded.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content" "$s/layouts/_default" "$s/external/docs/content/docs" \
	"$s/external/docs/asciidoc" "$s/external/book/content/book/en" "$s/external/book/tools"
cat >"$s/hugo.yaml" <<'YAML'
title: t
baseURL: https://example.org/
module:
  mounts:
    - {source: content, target: content}
    - {source: external/book/content/book, target: content/book}
    - {source: external/docs/content, target: content}
YAML
printf -- '---\ntitle: Home\n---\nRead [git add](/docs/git-add/) and [the book](/book/en/intro/).\n' >"$s/content/_index.md"
printf -- '---\ntitle: git-add\n---\nAdds. See [the book](../../book/en/intro/).\n' >"$s/external/docs/content/docs/git-add.md"
printf -- '---\ntitle: Intro\n---\nAbout [git add](/docs/git-add/).\n' >"$s/external/book/content/book/en/intro.md"
# beside the mounts: sources of the generated pages, never pages
printf -- 'git-add(1)\n==========\n[broken](/nowhere/)\n' >"$s/external/docs/asciidoc/git-add.md"
printf -- '# tools\n[broken](/nowhere/)\n' >"$s/external/book/tools/README.md"
migrate_and_build hugo "$s" "$TEST_DIR/out"
assert_contains "$TEST_DIR/init.txt" "external/docs/content/docs is mounted at content/docs"
assert_contains "$TEST_DIR/init.txt" "external/book/content/book is mounted at content/book"
assert_contains "$TEST_DIR/out/docs/git-add/index.html" "Adds."
assert_contains "$TEST_DIR/out/book/en/intro/index.html" "About"
assert_contains "$s/folio.yaml" '"external/docs/asciidoc"'
assert_contains "$s/folio.yaml" '"external/book/tools"'
[ ! -e "$TEST_DIR/out/external" ] || fail "the mounted folders are also published where they stand"

# a pusher's mounts that climb out of the repository, or land outside the
# content, are never read: a folder beside the site with a page in it,
# mounted by "..", by an absolute path and onto "content/../.."
mkdir -p "$TEST_DIR/secret/docs"
printf -- '---\ntitle: Secret\n---\nSECRET-TEXT\n' >"$TEST_DIR/secret/docs/leak.md"
cat >>"$s/hugo.yaml" <<YAML
    - {source: ../secret, target: content}
    - {source: $TEST_DIR/secret, target: content/abs}
    - {source: external/docs/content, target: content/../../up}
YAML
rm -rf "$s/folio.yaml" "$s/schemas" "$TEST_DIR/out"
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
assert_not_contains "$s/folio.yaml" "secret"
assert_not_contains "$s/folio.yaml" "/up/"
! grep -rq "SECRET-TEXT" "$TEST_DIR/out" || fail "a page from outside the repository was published"
[ ! -e "$TEST_DIR/out/leak" ] && [ ! -e "$TEST_DIR/out/abs" ] && [ ! -e "$TEST_DIR/out/up" ] ||
	fail "a hostile mount placed pages: $(ls "$TEST_DIR/out")"
assert_contains "$TEST_DIR/out/docs/git-add/index.html" "Adds."
echo ok

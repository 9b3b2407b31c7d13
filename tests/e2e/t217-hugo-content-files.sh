#!/bin/bash
# Hugo publishes a file of its content folder that no page's bundle holds
# (content/documents/a.pdf, a folder without Markdown or _index.md) at its
# path below the content folder (/documents/a.pdf), as it does a
# section's files. folio did not: the folder lies in the collection of the
# root's pages, so its files went below that list (/pages/documents/),
# and links to them were refused. A Hugo site (hugo_links: true, written by
# init --from hugo) now has them where Hugo puts them, links checked.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/docs" "$site/content/documents/2024"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://lantern.example/"
title = "Lantern"
TOML
printf -- '---\ntitle: About\n---\nRead [the charter](/documents/charter.pdf) and [the guide](/docs/guide/).\n' \
	>"$site/content/about.md"
printf -- '---\ntitle: Guide\n---\nThe [report](/documents/2024/report.pdf) and [its notes](../documents/2024/notes.txt).\n' \
	>"$site/content/docs/guide.md"
printf 'charter\n' >"$site/content/documents/charter.pdf"
printf 'report\n' >"$site/content/documents/2024/report.pdf"
printf 'notes\n' >"$site/content/documents/2024/notes.txt"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused links to the content folder's files: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/documents/charter.pdf" 'charter'
assert_contains "$out/documents/2024/report.pdf" 'report'
assert_contains "$out/documents/2024/notes.txt" 'notes'
[ ! -e "$out/pages/documents" ] || fail "the files were also published below /pages/"
assert_contains "$out/about/index.html" 'href="/documents/charter.pdf"'
assert_contains "$out/docs/guide/index.html" 'href="/documents/2024/report.pdf"'
assert_contains "$out/docs/guide/index.html" 'href="/documents/2024/notes.txt"'

# a file that is not there is still refused
printf -- '---\ntitle: Typo\n---\nThe [minutes](/documents/2024/minutes.pdf).\n' >"$site/content/docs/typo.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse a link to a missing file (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'content/docs/typo.md:4:'
assert_contains "$TEST_DIR/check.txt" '"/documents/2024/minutes.pdf"'
echo "ok"

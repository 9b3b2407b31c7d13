#!/bin/bash
# {{% param x %}} inserts x's value as Markdown, as Hugo does: its line
# breaks make paragraphs and reference definitions (in-toto.io's funding
# text). folio joined the lines to keep the page's line numbers, so
# "[N][NSF]\n(x)" became a link to "x" and two paragraphs one. The lines
# a value adds are now kept and mapped back: a finding after the tag names
# its own line of the file, one inside the value the tag's line.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content" "$s/layouts"
cat >"$s/hugo.yaml" <<'YAML'
title: t
baseURL: https://example.org/
params:
  funding: |
    A [N][NSF]
    (x).

    [NSF]: https://www.nsf.gov
  inline: "Two\nlines."
YAML
printf -- '---\ntitle: About\n---\n{{%% param funding %%}}\n\nSecond paragraph, {{%% param inline %%}}\n' >"$s/content/about.md"
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
page="$TEST_DIR/out/about/index.html"
assert_contains "$page" '<p>A <a href="https://www.nsf.gov">N</a>'
assert_contains "$page" '<p>Second paragraph, Two'
assert_contains "$page" 'lines.</p>'
assert_not_contains "$page" '[NSF]:'

# lines after the value keep their numbers; a link inside it is the tag's line
printf -- '---\ntitle: Lines\n---\nIntro.\n\n{{%% param funding %%}}\n\n[after](/nowhere/)\n\n{{%% param inline %%}} and [inside](/nowhere-else/).\n' \
	>"$s/content/lines.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "the broken links passed"
assert_contains "$TEST_DIR/check.txt" 'content/lines.md:8:9: error: link to "/nowhere/" points to no page'
# (a column after a tag on its line is the expanded text's: the tag is replaced)
grep -q '^content/lines.md:10:[0-9]*: error: link to "/nowhere-else/" points to no page' "$TEST_DIR/check.txt" ||
	fail "the link after the inline value is not at line 10: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '2 errors'
echo ok

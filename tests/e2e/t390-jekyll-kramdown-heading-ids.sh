#!/bin/bash
# Jekyll's kramdown (GFM input, auto_ids, no auto_id_stripping) makes a
# heading's id of its line as written, so a link's URL counts: Yarn's
# "## Conclusion - There Really Was a [Cake](https://github.com/...)" is
# conclusion---there-really-was-a-cakehttpsgithubcom..., which its post
# links to (folio made conclusion---there-really-was-a-cake and refused the
# page). init --from jekyll writes heading_ids: kramdown; with
# kramdown's auto_id_stripping the text alone counts (github).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/_posts"
printf 'title: Yarn\nurl: https://yarn.example\n' >"$s/_config.yml"
cat >"$s/_posts/2024-01-02-post.md" <<'MD'
---
title: Post
---
Contents: [cake](#conclusion---there-was-a-cakehttpsexamplecomcake), [step](#1-first-step),
[uber](#über-uns), [amp](#bash--zsh).

## Conclusion - There was a [Cake](https://example.com/cake)

## 1. First step

## Über uns

## Bash & Zsh
MD
migrate_and_build jekyll "$s" "$TEST_DIR/out"
assert_contains "$s/folio.yaml" "heading_ids: kramdown"
f=$(find "$TEST_DIR/out" -name 'post*.html' -o -path '*post/index.html' | head -1)
assert_contains "$f" 'id="conclusion---there-was-a-cakehttpsexamplecomcake"'
assert_contains "$f" 'id="über-uns"'

# auto_id_stripping: the heading's text alone
printf 'kramdown:\n  auto_id_stripping: true\n' >>"$s/_config.yml"
"$FOLIO" init --force --from jekyll "$s" >/dev/null 2>&1 || fail "init --force"
assert_not_contains "$s/folio.yaml" "heading_ids: kramdown"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "the stripped id should not be the link's"
assert_contains "$TEST_DIR/check.txt" 'has no heading with id "conclusion---there-was-a-cakehttpsexamplecomcake"'
echo "t390: ok"

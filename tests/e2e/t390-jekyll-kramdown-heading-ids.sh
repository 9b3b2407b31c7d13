#!/bin/bash
# kramdown before 1.13 (GFM input, auto_ids, no auto_id_stripping) made a
# heading's id of its line as written, so a link's URL counted:
# "## Conclusion - There Really Was a [Cake](https://github.com/...)" was
# conclusion---there-really-was-a-cakehttpsgithubcom..., which Yarn's post
# links to. init --from jekyll writes heading_ids: kramdown for a site whose
# Gemfile.lock holds such a kramdown; with kramdown's auto_id_stripping the
# text alone counts (github).
# From kramdown 1.13 (November 2016: Jekyll 4, GitHub Pages, and Yarn's own
# lock, 1.15.0) GFM input strips a heading to its text whatever the option
# says: the id is conclusion---there-was-a-cake, as Jekyll 4.3 writes it,
# and init writes heading_ids: kramdown-gfm (GitHub's rule on the text
# after kramdown's typographic conversion, t458). It wrote kramdown for every
# Jekyll site, so a heading with a link had another id than Jekyll's (22
# pages of Open Life Science's site, sinatrarb.com's documentation.html).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/_posts"
printf 'title: Yarn\nurl: https://yarn.example\n' >"$s/_config.yml"
printf 'GEM\n  specs:\n    jekyll (3.3.1)\n      kramdown (~> 1.3)\n    kramdown (1.12.0)\n' >"$s/Gemfile.lock"
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
grep -qx "heading_ids: kramdown" "$s/folio.yaml" || fail "no heading_ids: kramdown for kramdown 1.12"
f=$(find "$TEST_DIR/out" -name 'post*.html' -o -path '*post/index.html' | head -1)
assert_contains "$f" 'id="conclusion---there-was-a-cakehttpsexamplecomcake"'
assert_contains "$f" 'id="über-uns"'

# auto_id_stripping: the heading's text alone
printf 'kramdown:\n  auto_id_stripping: true\n' >>"$s/_config.yml"
"$FOLIO" init --force --from jekyll "$s" >/dev/null 2>&1 || fail "init --force"
assert_not_contains "$s/folio.yaml" "heading_ids:"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "the stripped id should not be the link's"
assert_contains "$TEST_DIR/check.txt" 'has no heading with id "conclusion---there-was-a-cakehttpsexamplecomcake"'

# kramdown 1.13 or later (or no Gemfile.lock: Jekyll 4, GitHub Pages): the text alone
printf 'GEM\n  specs:\n    kramdown (2.4.0)\n' >"$s/Gemfile.lock"
sed -i '/auto_id_stripping/d; /^kramdown:$/d' "$s/_config.yml"
"$FOLIO" init --force --from jekyll "$s" >/dev/null 2>&1 || fail "init --force"
grep -qx "heading_ids: kramdown-gfm" "$s/folio.yaml" || fail "no heading_ids: kramdown-gfm for kramdown 2.4"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check2.txt" 2>&1 && fail "the line-as-written id should not be the heading's"
assert_contains "$TEST_DIR/check2.txt" 'has no heading with id "conclusion---there-was-a-cakehttpsexamplecomcake"'
rm "$s/Gemfile.lock"
sed -i 's/#conclusion---there-was-a-cakehttpsexamplecomcake/#conclusion---there-was-a-cake/' "$s/_posts/2024-01-02-post.md"
"$FOLIO" init --force --from jekyll "$s" >/dev/null 2>&1 || fail "init --force without Gemfile.lock"
grep -qx "heading_ids: kramdown-gfm" "$s/folio.yaml" || fail "no heading_ids: kramdown-gfm without Gemfile.lock"
rm -rf "$TEST_DIR/out2"
"$FOLIO" build --worktree "$s" --out "$TEST_DIR/out2" >"$TEST_DIR/build2.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build2.txt")"
f=$(find "$TEST_DIR/out2" -name 'post*.html' -o -path '*post/index.html' | head -1)
assert_contains "$f" 'id="conclusion---there-was-a-cake"'
assert_contains "$f" 'id="über-uns"'
echo "t390: ok"

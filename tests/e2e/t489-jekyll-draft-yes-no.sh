#!/bin/bash
# draft: no, as a Jekyll site writes it, is false for Ruby's YAML (1.1),
# a text for folio's (1.2): folio refused the page ("must be true or
# false") where Jekyll, which reads no draft: at all, publishes it. On a
# site under jekyll_rules, draft: with the words YAML 1.1 reads as
# booleans (yes, no, on, off, any of their three cases) is that boolean:
# no and off publish the page, yes and on hold it as draft: true does
# (t423 chose to hold a draft Jekyll would publish). Other text is still
# refused, and a site without jekyll_rules (Hugo's) reads as before.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts" "$j/_layouts"
cat >"$j/_config.yml" <<'YML'
title: Club
url: https://club.example
permalink: /:year/:month/:day/:title/
YML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Home\n---\nHome.\n' >"$j/index.md"
post() { printf -- '---\ntitle: %s\ndraft: %s\n---\nText of %s.\n' "$2" "$3" "$2" >"$j/_posts/$1.md"; }
post 2024-03-01-agenda Agenda no
post 2024-03-02-minutes Minutes Off
post 2024-03-03-plans Plans yes
post 2024-03-04-budget Budget '"YES"'
post 2024-03-05-trip Trip On
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$out/2024/03/01/agenda/index.html" 'Text of Agenda.'
assert_contains "$out/2024/03/02/minutes/index.html" 'Text of Minutes.'
for held in 2024/03/03/plans 2024/03/04/budget 2024/03/05/trip; do
	[ ! -e "$out/$held/index.html" ] || fail "$held is published: draft: yes holds it as draft: true"
done
assert_not_contains "$out/sitemap.xml" 'plans'

# other text is still no boolean
post 2024-03-06-idea Idea maybe
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 && fail "draft: maybe was taken"
assert_contains "$TEST_DIR/check.txt" '_posts/2024-03-06-idea.md'
assert_contains "$TEST_DIR/check.txt" 'must be true or false'
rm "$j/_posts/2024-03-06-idea.md"

# without jekyll_rules (a site of folio's own), draft: no is refused as before
sed -i 's/^jekyll_rules: true/jekyll_rules: false/' "$j/folio.yaml"
grep -q '^jekyll_rules: false' "$j/folio.yaml" || fail "folio.yaml has no jekyll_rules: true"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check2.txt" 2>&1 && fail "draft: no was taken without jekyll_rules"
assert_contains "$TEST_DIR/check2.txt" 'must be true or false'
echo "ok"

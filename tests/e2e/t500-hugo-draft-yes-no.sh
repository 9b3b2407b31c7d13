#!/bin/bash
# draft: no, as a Hugo site writes it, is false for Hugo's YAML (go-yaml
# v2, YAML 1.1), a text for folio's (1.2): folio held the page as a draft
# and refused it ("must be true or false") where Hugo 0.111 publishes it
# (checked on this fixture: no, off and "false" published, yes, ON and
# "true" held). A site migrated from Hugo (hugo_links: true) now reads
# draft: with YAML 1.1's boolean words as Jekyll's do (t489), and the text
# Go's strconv.ParseBool reads; other text is still refused, and a site of
# folio's own (no hugo_links) reads as before (twenty-ninth pass, a
# researcher's bilingual Academic site, 27 pages with draft: no).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/post"
cat >"$s/config.toml" <<'TOML'
baseURL = "https://lab.example/"
title = "Lab"
TOML
printf -- '---\ntitle: Home\n---\nSee [the agenda](/post/agenda/).\n' >"$s/content/_index.md"
post() { printf -- '---\ntitle: %s\ndate: 2024-03-0%s\ndraft: %s\n---\nText of %s.\n' "$1" "$2" "$3" "$1" >"$s/content/post/$(echo "$1" | tr A-Z a-z).md"; }
post Agenda 1 no
post Minutes 2 Off
post Plans 3 yes
post Trip 4 ON
post Review 6 '"false"'
post Budget 7 '"true"'
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/post/agenda/index.html" 'Text of Agenda.'
assert_contains "$out/post/minutes/index.html" 'Text of Minutes.'
# a quoted "false" is text Hugo's cast.ToBool reads as false (Go's
# strconv.ParseBool): published; "true" held (a blog with series had
# draft: "false" on a post)
assert_contains "$out/post/review/index.html" 'Text of Review.'
for held in post/plans post/trip post/budget; do
	[ ! -e "$out/$held/index.html" ] || fail "$held is published: draft: yes holds it as draft: true"
done
assert_not_contains "$out/sitemap.xml" 'plans'

# other text is still no boolean
post Idea 5 maybe
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "draft: maybe was taken"
assert_contains "$TEST_DIR/check.txt" 'content/post/idea.md'
assert_contains "$TEST_DIR/check.txt" 'must be true or false'
rm "$s/content/post/idea.md"

# without hugo_links (a site of folio's own), draft: no is refused as before
sed -i 's/^hugo_links: true/hugo_links: false/' "$s/folio.yaml"
grep -q '^hugo_links: false' "$s/folio.yaml" || fail "folio.yaml has no hugo_links: true"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check2.txt" 2>&1 && fail "draft: no was taken without hugo_links"
assert_contains "$TEST_DIR/check2.txt" 'must be true or false'
echo "ok"

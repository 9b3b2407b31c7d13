#!/bin/bash
# Scouts' Jekyll round on researchers' and labs' sites (al-folio,
# academicpages, minima):
# 1. kramdown's span attribute lists ([a](u){:target="_blank"}, **b**{: .x})
#    and extension markers ({::nomarkdown}, {:/nomarkdown}, {::comment})
#    are never shown: they were text in the page and its description;
# 2. url: "" (jekyll new's) with a CNAME: the CNAME's address (it was
#    example.org);
# 3. a Markdown file at the top without front matter is copied when no
#    collection holds the top's pages (al-folio's AGENTS.md: collection/root);
# 4. the redirect_from: of a page left out for a collection's list
#    (academicpages' publications.md: /pubs/) still leads there;
# 5. a collection's file without an extension is named as such, not as
#    Liquid.
. "$(dirname "$0")/lib.sh"

# 1
a=$TEST_DIR/a
mkdir -p "$a"
printf 'title: T\nurl: https://t.example\npermalink: pretty\n' >"$a/_config.yml"
printf -- '---\ntitle: About\n---\nSee [a](https://a.example/){:target="\\_blank"} and [c](https://c.example/){: .ext} and **bold**{: .x} end.\n' >"$a/about.md"
cat >"$a/nb.md" <<'M'
---
title: Notebook
---
Text.

{::nomarkdown}
<div class="nb">raw</div>
{:/nomarkdown}

{::comment}
A note for the authors only.
{:/comment}

End.
M
migrate_and_build jekyll "$a" "$TEST_DIR/out-a"
assert_contains "$TEST_DIR/out-a/about/index.html" '<p>See <a href="https://a.example/">a</a> and <a href="https://c.example/">c</a> and <strong>bold</strong> end.</p>'
assert_contains "$TEST_DIR/out-a/about/index.html" '<meta name="description" content="See a and c and bold end.">'
assert_not_contains "$TEST_DIR/out-a/nb/index.html" '{:'
assert_not_contains "$TEST_DIR/out-a/nb/index.html" 'for the authors only'
assert_contains "$TEST_DIR/out-a/nb/index.html" '<p>End.</p>'
# the lines still count: a finding after them names its own line
printf -- '---\ntitle: Lines\n---\n{::comment}\nx\n{:/comment}\n[gone](/nowhere/)\n' >"$a/lines.md"
"$FOLIO" check --worktree "$a" >"$TEST_DIR/lines.txt" 2>&1 && fail "a broken link passed"
assert_contains "$TEST_DIR/lines.txt" "lines.md:7:"
rm "$a/lines.md"

# 2
b=$TEST_DIR/b
mkdir -p "$b"
printf 'title: Reefs\nurl: ""\n' >"$b/_config.yml"
echo 'www.reefs.example' >"$b/CNAME"
printf -- '---\ntitle: A\n---\nA.\n' >"$b/about.md"
"$FOLIO" init --from jekyll "$b" >/dev/null 2>&1 || fail "init b"
assert_contains "$b/folio.yaml" 'base_url: "https://www.reefs.example"'

# 3
c=$TEST_DIR/c
mkdir -p "$c/_pages" "$c/_posts"
printf 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n' >"$c/Gemfile"
printf 'title: C\nurl: https://c.example\ninclude: ["_pages"]\nexclude: [Gemfile]\n' >"$c/_config.yml"
printf -- '---\ntitle: about\npermalink: /\n---\nHello.\n' >"$c/_pages/about.md"
printf -- '---\ntitle: Hi\n---\nPost.\n' >"$c/_posts/2024-01-02-hi.md"
printf '# Agent guidelines\n\nSome notes.\n' >"$c/AGENTS.md"
migrate_and_build jekyll "$c" "$TEST_DIR/out-c"
cmp "$c/AGENTS.md" "$TEST_DIR/out-c/AGENTS.md" || fail "AGENTS.md is not copied as it is"

# 4
d=$TEST_DIR/d
mkdir -p "$d/_pages" "$d/_publications"
printf 'title: D\nurl: https://d.example\ninclude: ["_pages"]\ncollections:\n  publications:\n    output: true\n' >"$d/_config.yml"
printf -- '---\ntitle: Publications\npermalink: /publications/\nredirect_from:\n  - /pubs/\n  - /publications/pubsbyyear/\n---\nAll.\n' \
	>"$d/_pages/publications.md"
printf -- '---\ntitle: A paper\n---\nPaper.\n' >"$d/_publications/2020-paper.md"
printf -- '---\ntitle: Home\n---\nSee [the papers](/pubs/) and [by year](/publications/pubsbyyear/).\n' >"$d/index.md"
migrate_and_build jekyll "$d" "$TEST_DIR/out-d"
assert_contains "$TEST_DIR/out-d/pubs/index.html" '/publications/'
assert_contains "$TEST_DIR/out-d/publications/pubsbyyear/index.html" '/publications/'

# 5
e=$TEST_DIR/e
mkdir -p "$e/_events"
printf 'title: E\nurl: https://e.example\ncollections:\n  events:\n    output: true\n' >"$e/_config.yml"
printf -- "---\ntitle: Crimp\n---\nA talk.\n" >"$e/_events/2020-02-12-crimp.md"
printf -- "---\ntitle: Feedback\n---\nA talk.\n" >"$e/_events/2021-08-11-feedback"
"$FOLIO" init --from jekyll "$e" >"$TEST_DIR/e.txt" 2>&1 || fail "init e"
assert_contains "$TEST_DIR/e.txt" "_events/2021-08-11-feedback (a document without an extension, which Jekyll publishes at its name) is not published"
echo "ok"

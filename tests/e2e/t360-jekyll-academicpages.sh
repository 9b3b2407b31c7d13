#!/bin/bash
# A researcher's site in academicpages' layout as its forks have it (a
# scout found every fork refused): _pages/about.md with permalink: / and a
# README.md beside it, which jekyll-readme-index leaves alone since a page
# has "/"; exclude: [README, notes] leaving out what they begin, as
# Jekyll's EntryFilter does (README.md, notes.md); posts under
# permalink: /:categories/:title/, the template's default, capitals kept; a
# cv/ folder of files whose README.md is no page, /cv/ being _pages/cv.md's
# (its redirect_from kept); a post dated in the future held until its date,
# as Jekyll's future: false holds it; a folder's pages at their paths,
# capitals kept. The build names the worktree it read, not 12 bytes of it.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$site/_pages" "$site/_posts" "$site/cv" "$site/Notes/Crypto"
cd "$site"
cat >_config.yml <<'YAML'
title: Jane Doe
url: https://jane-doe-research.org
include: [_pages]
exclude: [README, notes]
permalink: /:categories/:title/
plugins: [jekyll-redirect-from]
YAML
printf 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n' >Gemfile
printf '# academicpages\n\nHow to fork this template.\n' >README.md
printf '# private notes\n' >notes.md
printf -- '---\npermalink: /\ntitle: About me\n---\nI study rivers. [CV](/cv/), [résumé](/resume), [conda](/Create-conda-env/), [git](/notes/Git-Tutorial/), [curves](/Notes/Crypto/Edwards_Curves/).\n' >_pages/about.md
printf -- '---\ntitle: CV\npermalink: /cv/\nredirect_from:\n  - /resume\n---\nEducation: PhD. [PDF](/cv/cv.pdf)\n' >_pages/cv.md
printf '# How the CV is made\n\nKnit the Rmd.\n' >cv/README.md
printf '%%PDF-1.4\n' >cv/cv.pdf
printf -- '---\ntitle: Conda\n---\nAn environment.\n' >_posts/2019-07-26-Create-conda-env.md
printf -- '---\ntitle: Git\ncategories: [notes]\n---\nA tutorial.\n' >_posts/2020-01-01-Git-Tutorial.md
printf -- '---\ntitle: Later\n---\nNot yet.\n' >_posts/2999-01-01-from-the-future.md
printf -- '---\ntitle: Edwards curves\n---\nCurves.\n' >Notes/Crypto/Edwards_Curves.md
"$FOLIO" init --from jekyll . >"$TEST_DIR/init.txt" 2>&1 || { cat "$TEST_DIR/init.txt" >&2; fail "init failed"; }
assert_not_contains "$TEST_DIR/init.txt" "README.md is the home page's text"
assert_not_contains "$TEST_DIR/init.txt" "cannot be expressed"
assert_contains folio.yaml "hold_future: true"

"$FOLIO" check --worktree . >"$TEST_DIR/check.txt" 2>&1 || { cat "$TEST_DIR/check.txt" >&2; fail "the site is refused"; }
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || { cat "$TEST_DIR/build.txt" >&2; fail "the build failed"; }
assert_contains "$TEST_DIR/build.txt" "from $site into"
assert_contains "$out/index.html" "I study rivers."
assert_contains "$out/cv/index.html" "Education: PhD."
assert_contains "$out/resume.html" 'http-equiv="refresh"'
[ -f "$out/cv/cv.pdf" ] || fail "the CV's PDF is not published"
[ -f "$out/Create-conda-env/index.html" ] || fail "a post without categories is not at /:title/"
[ -f "$out/notes/Git-Tutorial/index.html" ] || fail "a post in notes is not at /notes/:title/"
[ -f "$out/Notes/Crypto/Edwards_Curves/index.html" ] || fail "a folder's page lost its capitals"
for f in README.md notes.md from-the-future/index.html; do
	[ ! -e "$out/$f" ] || fail "$f is published"
done
! grep -rq "Not yet" "$out" || fail "a post dated in the future is published"

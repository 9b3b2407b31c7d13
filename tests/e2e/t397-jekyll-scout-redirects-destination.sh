#!/bin/bash
# Scouts' Jekyll round on multilingual and community sites:
# 1. a _redirects with front matter is rendered by Jekyll with Liquid
#    (Yarn's): its {{ site.x }} are filled from _config.yml, its front
#    matter is no rule, and a line of Liquid tags is said once, not read
#    (folio published targets holding "{{site.latest_version}}");
# 2. Jekyll's destination: (where gdgtoledo commits its built site) is left
#    out: init copied the old build below /docs/;
# 3. posts whose category is no plain folder name ("code4lib 2006") are
#    named by init: Jekyll writes it in their address, folio leaves it out
#    (code4lib's 76 posts moved without a word);
# 4. a Jekyll page's url: without its '/' is data, not its address
#    (opensourcedesign's url: twitter.com/x; the first version of t398's
#    Hugo rule published it at /twitter.com/x/);
# 5. date: 2021/03/11 is that day, as Ruby reads it (OpenDreamKit's posts
#    were date/invalid, then clashed at /posts/<name>/).
. "$(dirname "$0")/lib.sh"

a=$TEST_DIR/a
mkdir -p "$a"
cat >"$a/_config.yml" <<'Y'
title: Demo
url: https://demo.example
latest_version: 1.22.22
include: [_redirects]
Y
printf -- '---\ntitle: Home\n---\nGet [the latest](/latest.tar.gz).\n' >"$a/index.md"
cat >"$a/_redirects" <<'R'
---
layout: null
---
/latest.tar.gz https://github.com/yarnpkg/yarn/releases/download/v{{site.latest_version}}/yarn-v{{site.latest_version}}.tar.gz 302
/unknown https://example.com/{{site.nope}} 302
{% for v in site.versions %}
/v{{ v }} /docs/{{ v }}/ 301
{% endfor %}
/old /index.html 301
R
migrate_and_build jekyll "$a" "$TEST_DIR/out-a"
assert_contains "$TEST_DIR/out-a/latest.tar.gz" "https://github.com/yarnpkg/yarn/releases/download/v1.22.22/yarn-v1.22.22.tar.gz"
assert_contains "$TEST_DIR/init.txt" "_redirects:5: 4 lines of Liquid (tags, or values _config.yml does not give) are not read as redirects"
assert_not_contains "$TEST_DIR/init.txt" 'redirect from "layout:"'
assert_not_contains "$a/folio.yaml" "{{site"
assert_not_contains "$a/folio.yaml" "{{ v"
assert_contains "$a/folio.yaml" 'from: "/old"'

b=$TEST_DIR/b
mkdir -p "$b/docs/assets"
printf 'title: GDG\nurl: https://gdg.example\ndestination: docs\n' >"$b/_config.yml"
printf -- '---\ntitle: Home\n---\nHola.\n' >"$b/index.md"
printf '<html>old build</html>\n' >"$b/docs/index.html"
echo 'body{}' >"$b/docs/assets/main.css"
migrate_and_build jekyll "$b" "$TEST_DIR/out-b"
assert_contains "$TEST_DIR/init.txt" "destination: docs is where Jekyll writes the site, which it never reads"
[ ! -e "$TEST_DIR/out-b/docs" ] || fail "the old build was published below /docs/"

c=$TEST_DIR/c
mkdir -p "$c/_posts"
printf 'title: C\nurl: https://c.example\npermalink: /:categories/:year/:month/:day/:title.html\n' >"$c/_config.yml"
printf -- '---\ntitle: A\ncategories: [conferences, "code4lib 2006"]\n---\nA.\n' >"$c/_posts/2005-12-06-a.md"
printf -- '---\ntitle: B\ncategories: news\n---\nB.\n' >"$c/_posts/2005-12-07-b.md"
migrate_and_build jekyll "$c" "$TEST_DIR/out-c"
assert_contains "$TEST_DIR/init.txt" "1 pages (_posts/2005-12-06-a.md, ...) have a category that is no plain folder name"
[ -f "$TEST_DIR/out-c/conferences/2005/12/06/a.html" ] && [ -f "$TEST_DIR/out-c/news/2005/12/07/b.html" ] ||
	fail "the posts are not where folio's rule puts them: $(cd "$TEST_DIR/out-c" && find . -name '*.html')"

d=$TEST_DIR/d
mkdir -p "$d/_people" "$d/_posts"
printf 'title: D\nurl: https://d.example\npermalink: pretty\ncollections:\n  people:\n    output: true\n    permalink: /people/:path/\n' >"$d/_config.yml"
printf -- '---\ntitle: Ioana\nurl: twitter.com/ioana_cis\n---\nHi.\n' >"$d/_people/ioana.md"
printf -- '---\ntitle: Feedback\ndate: 2021/03/11\n---\nOne.\n' >"$d/_posts/2021-03-11-feedback.md"
printf -- '---\ntitle: Feedback\ndate: 2020/02/26\n---\nTwo.\n' >"$d/_posts/2020-02-26-feedback.md"
migrate_and_build jekyll "$d" "$TEST_DIR/out-d"
[ -f "$TEST_DIR/out-d/people/ioana/index.html" ] || fail "a person's url: moved its page"
[ ! -e "$TEST_DIR/out-d/twitter.com" ] || fail "a url: of data became an address"
[ -f "$TEST_DIR/out-d/2021/03/11/feedback/index.html" ] && [ -f "$TEST_DIR/out-d/2020/02/26/feedback/index.html" ] ||
	fail "a slashed date was not read"
echo "ok"

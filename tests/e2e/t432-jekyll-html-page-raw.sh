#!/bin/bash
# A page written in HTML whose Liquid is only {% raw %} ... {% endraw %}
# is kept (html_pages), its text between the tags published as written:
# NeoMutt's guide/*.html and _feature/*.html (52 pages, generated from its
# DocBook manual) wrap their HTML in {% raw %} so that the manual's
# "%{...}" formats stay text. init excluded every one as "a page written
# in HTML and Liquid", and the 150 links to them were refused.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_feature" "$j/_posts" "$j/guide" "$j/_layouts"
printf 'title: Mail\nurl: https://mail.example\npermalink: /:year/:month/:day/:title\ncollections:\n  feature:\n    output: true\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Compressed Folders\nsince: 2016-05-30\n---\n{%% raw %%}\n<div class="chapter">\n<h1 id="compress">Compressed</h1>\n<p>Set <code>%%{size}</code> and {{ not liquid }}; see <a href="/guide/intro#start">the guide</a>.</p>\n</div>\n{%% endraw %%}\n' >"$j/_feature/compress.html"
printf -- '---\ntitle: Introduction\n---\n{%% raw %%}\n<div class="chapter">\n<h1><a id="start"></a>Introduction</h1>\n</div>\n{%% endraw %%}\n' >"$j/guide/intro.html"
printf -- '---\ntitle: News\n---\nRead [compress](https://mail.example/feature/compress) and [the guide](/guide/intro.html#start).\n' >"$j/_posts/2016-04-08-news.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_not_contains "$TEST_DIR/init.txt" "a page written in HTML and Liquid"
assert_contains "$out/feature/compress.html" '<code>%{size}</code> and {{ not liquid }}'
assert_not_contains "$out/feature/compress.html" 'raw %}'
assert_contains "$out/guide/intro.html" '<a id="start"></a>Introduction'

# a page with other Liquid outside its raw block is still left out
printf -- '---\ntitle: Tuning\n---\n{%% raw %%}<p>x</p>{%% endraw %%}\n{%% include nav.html %%}\n' >"$j/guide/tuning.html"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$TEST_DIR/init2.txt" 'guide/tuning.html (a page written in HTML and Liquid) is not published'
rm "$j/guide/tuning.html"
# a "{{" in the raw text that a "}}" after the block would close is text
printf -- '---\ntitle: Tuning\n---\n{%% raw %%}<p>{{ x</p>{%% endraw %%}\n<p>}} {%% include nav.html %%}</p>\n' >"$j/guide/tuning.html"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init3.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init3.txt")"
assert_contains "$TEST_DIR/init3.txt" 'guide/tuning.html (a page written in HTML and Liquid) is not published'
rm "$j/guide/tuning.html"
"$FOLIO" init --force --from jekyll "$j" >/dev/null 2>&1 || fail "init failed"

# published from a state as a full build
repo=$TEST_DIR/repo
repo_of "$j" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
sed -i 's/Compressed</Compressed mailboxes</' "$repo/_feature/compress.html"
git -C "$repo" commit -qam "retitled"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "page changed"
assert_contains "$TEST_DIR/pub/feature/compress.html" 'Compressed mailboxes'
same_as_full "$repo" "$TEST_DIR/pub" "page changed"
echo "ok"

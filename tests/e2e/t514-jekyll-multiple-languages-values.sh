#!/bin/bash
# jekyll-multiple-languages-plugin sets site.baseurl_root (the baseurl
# without a language), site.lang and site.default_lang (the first of
# languages:) before it builds the default language's site. getmonero.org
# links ({{ site.baseurl_root }}/downloads/hashes.txt) in 85 pages: init
# named the value as none of _config.yml's and left it as written, and the
# Markdown link, a space in its destination, was shown as text. It is
# nothing now, as {{ site.baseurl }} is (folio's links are paths), so the
# link is the file's and checked; {{ site.lang }} is the first language.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts" "$j/downloads" "$j/_i18n/en" "$j/_i18n/fr"
cat >"$j/_config.yml" <<'YML'
title: Coin
url: https://coin.example
baseurl: /xmr
markdown: kramdown
plugins:
  - jekyll-multiple-languages-plugin
languages: ["en", "fr"]
YML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf 'a  coin-1.tar.bz2\n' >"$j/downloads/hashes.txt"
printf 'hello: Hello\n' >"$j/_i18n/en.yml"
printf 'hello: Bonjour\n' >"$j/_i18n/fr.yml"
cat >"$j/verify.md" <<'MD'
---
title: Verify
permalink: /verify/
---
The list is at [hashes.txt]({{ site.baseurl_root }}/downloads/hashes.txt), in {{ site.lang }}.
MD
printf -- '---\ntitle: Start\n---\nWelcome.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
assert_not_contains "$TEST_DIR/init.txt" 'site.baseurl_root }} in 1 pages is left as written'
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 || fail "check: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
page=$out/verify/index.html
assert_contains "$page" 'href="/xmr/downloads/hashes.txt">hashes.txt</a>, in en.'
# the link is checked as any: a file the site lacks is a broken link
sed -i 's|/downloads/hashes.txt|/downloads/hashes.sig|' "$j/verify.md"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check2.txt" 2>&1 && fail "the missing file was not found"
assert_contains "$TEST_DIR/check2.txt" 'verify.md:5:'
assert_contains "$TEST_DIR/check2.txt" '[link/broken]'
echo "ok"

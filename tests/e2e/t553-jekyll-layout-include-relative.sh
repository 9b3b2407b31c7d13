#!/bin/bash
# {% include_relative %} in a layout: a French association's one-page site
# keeps its home's whole text in _content/*.md, which its layout reads with
# include_relative and markdownify; index.md is empty. Debian's Jekyll
# 4.3.1 reads the file from the folder of the page being rendered, not the
# layout's: docs/page.md of the same layout reads docs/_content/home.md,
# and the build stops ("Could not locate the included file") when a page's
# folder lacks it. folio writes pages with its own templates, not Jekyll's
# layouts: that text is on no page, and init said nothing of it. Now init
# names each layout that reads a file so; a page's own include_relative is
# still read (t497), and a layout without one is not named.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts" "$j/_content" "$j/docs/_content"
printf 'title: Asso\nurl: https://asso.example\n' >"$j/_config.yml"
cat >"$j/_layouts/home.html" <<'HTML'
---
---
<html><body>{% capture t %}{% include_relative _content/home.md %}{% endcapture %}{{ t | markdownify }}{{ content }}</body></html>
HTML
printf -- '---\n---\n<html><body>{{ content }}</body></html>\n' >"$j/_layouts/plain.html"
printf '## Bienvenue\n\nLe texte.\n' >"$j/_content/home.md"
printf 'Docs.\n' >"$j/docs/_content/home.md"
printf -- '---\nlayout: home\ntitle: Accueil\n---\n' >"$j/index.md"
printf -- '---\nlayout: home\ntitle: Doc\n---\n{%% include_relative _content/home.md %%}\n' >"$j/docs/page.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$TEST_DIR/init.txt" "_layouts/home.html: its {% include_relative _content/home.md %} is not read"
assert_not_contains "$TEST_DIR/init.txt" "_layouts/plain.html"
# the page's own include_relative: the file of its folder, as Jekyll reads it
tr -d '\n' <"$out/docs/page.html" | grep -qF '<p>Docs.</p>' || fail "docs/page.md lost its own include_relative"
# a name of control characters is not echoed
printf -- '---\n---\n{%% include_relative \001x %%}\n' >"$j/_layouts/odd.html"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$TEST_DIR/init2.txt" "_layouts/odd.html: its {% include_relative %} is not read"
echo "ok"

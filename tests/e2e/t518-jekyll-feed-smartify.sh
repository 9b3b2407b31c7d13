#!/bin/bash
# jekyll-feed writes the site's title and every post's title through
# Jekyll's smartify filter, kramdown's typographic conversion: Debian's
# Jekyll 4.3.1 (jekyll-feed 0.17.0) writes this site's /feed.xml with
#   <title type="html">Tom’s – notes</title>
#   <entry><title type="html">It’s – a “test”…</title>
# where folio wrote the titles as written. A site whose text kramdown
# converts (smart_quotes:, which init writes) gets its feeds' titles
# converted too.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts"
printf 'title: "Tom'"'"'s -- notes"\nurl: https://tom.example\nmarkdown: kramdown\nplugins: [jekyll-feed]\n' >"$j/_config.yml"
printf -- '---\ntitle: "It'"'"'s -- a \\"test\\"..."\n---\nBody "text".\n' >"$j/_posts/2024-05-01-test.md"
migrate_and_build jekyll "$j" "$TEST_DIR/out"
feed=$TEST_DIR/out/feed.xml
assert_contains "$feed" '<title>Tom’s – notes</title>'
assert_contains "$feed" '<title>It’s – a “test”…</title>'
assert_contains "$feed" '<summary>Body “text”.</summary>'
echo "ok"

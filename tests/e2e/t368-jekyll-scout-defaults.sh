#!/bin/bash
# What ELIXIR's RDMkit, bitcoinops and two research-group sites met:
# - defaults: of every page (scope: {path: "", type: pages}) giving
#   permalink: /:basename puts pages/your_tasks/storage.md at /storage.html
#   (Jekyll's Page#destination adds .html): folio ignored it, 133 pages
#   moved and 245 links, written for the flat layout, were broken;
# - include: [.well-known] brings that dot folder back (nostr.json);
# - a Markdown file at the top without front matter is copied as it is
#   (STYLE.md), as Jekyll copies any file without front matter;
# - timezone: of _config.yml is the zone of dates without an offset;
# - baseurl: /ubds without url: keeps the path links are written with.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/rdmkit out=$TEST_DIR/out
mkdir -p "$s/pages/your_tasks" "$s/.well-known"
cat >"$s/_config.yml" <<'YML'
title: RDMkit
url: https://rdm.example
timezone: Europe/Madrid
include: [".well-known"]
defaults:
  - scope:
      path: ""
      type: "pages"
    values:
      permalink: /:basename
      layout: page
YML
printf -- '---\ntitle: Storage\n---\nSee [preserving](preserving) and [the kit](/media_kit).\n' >"$s/pages/your_tasks/storage.md"
printf -- '---\ntitle: Preserving\n---\nText.\n' >"$s/pages/your_tasks/preserving.md"
printf -- '---\ntitle: Media kit\n---\nLogos.\n' >"$s/media_kit.md"
printf -- '---\ntitle: Home\n---\n[s](storage)\n' >"$s/index.md"
printf '{"names": {"_": "abc"}}\n' >"$s/.well-known/nostr.json"
printf '# Style\n\nWrite short.\n' >"$s/STYLE.md"
migrate_and_build jekyll "$s" "$out" >/dev/null
assert_contains "$s/folio.yaml" 'timezone: "Europe/Madrid"'
assert_contains "$out/storage.html" '>preserving</a>'
assert_contains "$out/preserving.html" 'Text.'
assert_contains "$out/media_kit.html" 'Logos.'
[ ! -e "$out/pages/your_tasks" ] || fail "a page stayed at its folder's address"
[ "$(cat "$out/.well-known/nostr.json")" = '{"names": {"_": "abc"}}' ] || fail ".well-known, which include: names, is not published"
[ "$(cat "$out/STYLE.md")" = "$(printf '# Style\n\nWrite short.')" ] || fail "STYLE.md is not copied as it is"
[ ! -e "$out/STYLE.html" ] || fail "STYLE.md became a page"

# baseurl: without url:
b=$TEST_DIR/ubds
mkdir -p "$b"
printf 'title: UBDS\nbaseurl: /ubds\n' >"$b/_config.yml"
printf -- '---\ntitle: Home\n---\nHello.\n' >"$b/index.md"
printf -- '---\ntitle: Not found\n---\nGo [home](/ubds/).\n' >"$b/404.md"
migrate_and_build jekyll "$b" "$TEST_DIR/out2" >/dev/null
assert_contains "$b/folio.yaml" 'base_url: "https://example.org/ubds"'

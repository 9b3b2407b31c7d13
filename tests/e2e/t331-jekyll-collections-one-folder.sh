#!/bin/bash
# Two Jekyll collections whose documents share one folder
# (rubyonrails.org's world_sessions and world_speakers, both at
# /world/:path): Jekyll makes no list, so nothing clashes there; init gave
# both lists url: /world/, whose lists and feeds clashed in folio.yaml and
# refused the whole site. The second list now has an address of its own,
# its pages staying at /world/<path> (world/<path>.html, as Jekyll writes a
# permalink that ends in a name).
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/_world_sessions/2024" "$s/_world_speakers/2024"
cat >"$s/_config.yml" <<'YAML'
title: t
collections:
  world_sessions: {output: true, permalink: "/world/:path"}
  world_speakers: {output: true, permalink: "/world/:path"}
YAML
printf -- '---\ntitle: Home\n---\nSee [the keynote](/world/2024/keynote) by [DHH](/world/2024/dhh).\n' >"$s/index.md"
printf -- '---\ntitle: Keynote\n---\nOpening.\n' >"$s/_world_sessions/2024/keynote.md"
printf -- '---\ntitle: DHH\n---\nSpeaker.\n' >"$s/_world_speakers/2024/dhh.md"
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$TEST_DIR/init.txt" "its list is at /world-speakers/, since /world/ is another collection's list"
assert_contains "$TEST_DIR/out/world/2024/keynote.html" "Opening."
assert_contains "$TEST_DIR/out/world/2024/dhh.html" "Speaker."

# and its folder world/ of pages, a collection "world" whose name's address
# is taken too: a numbered one
mkdir -p "$s/world"
printf -- '---\ntitle: World\n---\nThe conference.\n' >"$s/world/2023.md"
rm -rf "$s/folio.yaml" "$s/schemas" "$TEST_DIR/out"
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$TEST_DIR/init.txt" "collection world: its list is at /world-2/"
assert_contains "$TEST_DIR/out/world/2024/dhh.html" "Speaker."
echo ok

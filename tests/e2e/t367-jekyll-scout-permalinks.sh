#!/bin/bash
# What research-lab Jekyll sites (vda-lab, neurospin/gaia, iot-lab,
# christopheducamp's French blog) met:
# - a permalink that ends in a name, no '/' (/:year/:month/:title, a
#   collection's /:collection/:path): Jekyll writes x.html, as for any URL
#   without an extension: folio wrote x/index.html, and links to x.html
#   were broken (90 addresses on three sites);
# - a redirect_from: without '/' or extension: its page at x.html too;
# - :path keeps the file's capitals (_notes/Congrats_Amber_Case.md);
# - a page at the top at a collection's list address by its name alone
#   (archives.md beside _archives/, pretty): a page of its own, and the
#   collection has no list, as Jekyll makes none; the clash (locked)
#   refused all of iot-lab.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$s/_posts" "$s/_notes" "$s/_opportunities"
cat >"$s/_config.yml" <<'YML'
title: Lab
url: https://lab.example
permalink: /:year/:month/:title
collections:
  notes:
    output: true
  opportunities:
    output: true
    permalink: /:collection/:path
YML
printf -- '---\ntitle: Heatmap dilemma\nredirect_from:\n  - /2014-365/heatmap\n---\nText.\n' >"$s/_posts/2014-01-10-heatmap-dilemma.md"
printf -- '---\ntitle: Congrats\n---\nAmber.\n' >"$s/_notes/Congrats_Amber_Case.md"
printf -- '---\ntitle: CDI IA\n---\nA job.\n' >"$s/_opportunities/cdi_IA.md"
printf -- '---\ntitle: Home\n---\nSee [the post](/2014/01/heatmap-dilemma.html), [it again](/2014/01/heatmap-dilemma), [the note](/notes/Congrats_Amber_Case.html) and [the job](/opportunities/cdi_IA).\n' \
	>"$s/index.md"
migrate_and_build jekyll "$s" "$out" >/dev/null
assert_contains "$out/2014/01/heatmap-dilemma.html" 'Text.'
[ ! -e "$out/2014/01/heatmap-dilemma/index.html" ] || fail "the post is at /heatmap-dilemma/ too"
assert_contains "$out/2014-365/heatmap.html" 'http-equiv="refresh"'
assert_contains "$out/notes/Congrats_Amber_Case.html" 'Amber.'
assert_contains "$out/opportunities/cdi_IA.html" 'A job.'

# a page at the top where a collection's list would be
p=$TEST_DIR/iotlab out2=$TEST_DIR/out2
mkdir -p "$p/_archives"
printf 'title: IoT\npermalink: pretty\ncollections:\n  archives:\n    output: true\n' >"$p/_config.yml"
printf -- '---\ntitle: Archives\n---\nAll our old boards: [old](/archives/old/).\n' >"$p/archives.md"
printf -- '---\ntitle: Old board\n---\nText.\n' >"$p/_archives/old.md"
printf -- '---\ntitle: Home\n---\nhi\n' >"$p/index.md"
migrate_and_build jekyll "$p" "$out2" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'archives.md is at /archives/, the list'"'"'s address of collection archives'
assert_contains "$out2/archives/index.html" 'All our old boards'
assert_contains "$out2/archives/old/index.html" 'Text.'

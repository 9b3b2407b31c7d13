#!/bin/bash
# A document whose front matter writes title: with no value (IRIS-HEP's
# CoDaS-HEP instructors, their layout's template) is titled by its name
# (title_from_name) and sorts by that title in a list sorted by title, as
# the stubs of an incremental publish sorted it. A full build sorted it by
# the null value instead, after every title: so the two wrote the
# instructors' list in two orders, and a commit changing one page made
# the published list differ from a full build's.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_instructors/2026" "$j/_layouts"
cat >"$j/_config.yml" <<'YAML'
title: School
url: https://school.example
collections:
  instructors:
    output: true
    permalink: /school/:collection/:path.html
YAML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
printf -- '---\ntitle: Home\n---\nOur [instructors](/school/instructors/).\n' >"$j/index.md"
printf -- '---\nname: Ann Zed\ntitle: Research Engineer\n---\nAnn.\n' >"$j/_instructors/2026/annzed.md"
printf -- '---\nname: Bo Lange\ntitle:\n---\nBo.\n' >"$j/_instructors/2026/bolange.md"
printf -- '---\nname: Cy Abel\ntitle: Associate Scholar\n---\nCy.\n' >"$j/_instructors/2026/cyabel.md"
printf -- '---\nname: Di Kuchera\ntitle:\n---\nDi.\n' >"$j/_instructors/2026/dikuchera.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$j/folio.yaml" 'sort: title'
python3 - "$out/school/instructors/index.html" <<'PY'
import re, sys
names = re.findall(r'href="/school/instructors/2026/([a-z]+)\.html"', open(sys.argv[1]).read())
want = ['cyabel', 'bolange', 'dikuchera', 'annzed']  # Associate, Bolange, Dikuchera, Research
if names != want:
    raise SystemExit(f'order {names}, expected {want}')
PY

# published from a state as a full build, after a commit changing one page
repo=$TEST_DIR/repo
repo_of "$j" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
same_as_full "$repo" "$TEST_DIR/pub" "first publish"
printf -- '---\nname: Cy Abel\ntitle: Associate Scholar\n---\nCy teaches.\n' >"$repo/_instructors/2026/cyabel.md"
git -C "$repo" commit -qam "one instructor changes"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "one page changed"
same_as_full "$repo" "$TEST_DIR/pub" "one page changed"
echo "ok"

#!/bin/bash
# A Jekyll collection named with a number (missing-semester's '2019',
# '2020'): init wrote "name: 2019", which YAML reads as a number, and then
# refused its own folio.yaml ("name must be a string"): nothing was read.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/_2019"
printf "title: t\npermalink: pretty\ncollections:\n  '2019':\n    output: true\n" >"$s/_config.yml"
printf -- '---\ntitle: Home\n---\nSee [the overview](/2019/course-overview/).\n' >"$s/index.md"
printf -- '---\ntitle: Course overview\n---\nLectures.\n' >"$s/_2019/course-overview.md"
migrate_and_build jekyll "$s" "$TEST_DIR/out" >/dev/null
assert_contains "$s/folio.yaml" '  - name: "2019"'
assert_contains "$TEST_DIR/out/2019/course-overview/index.html" "Lectures."
echo ok

#!/bin/bash
# Faults a scout found on real Hugo sites (Eclipse Foundation's event and
# working-group sites, MyPaint's multilingual site, MetalLB's docs):
# 1. An empty slug (events.eclipse.org's archetype writes slug: "" in
#    every page: its keynote and speaker pages), which Hugo reads as no
#    slug (the page is at its file's name), refused the page:
#    slug/invalid, "slug \"\" has no letter or digit".
. "$(dirname "$0")/lib.sh"

# 1
e=$TEST_DIR/events
mkdir -p "$e/content/2020/sam-iot"
printf 'baseURL = "https://events.example/"\ntitle = "Events"\n' >"$e/config.toml"
printf -- '---\ntitle: "SAM IoT 2020"\n---\nSee [the keynotes](keynote/).\n' >"$e/content/2020/sam-iot/_index.md"
printf -- '---\ntitle: "Keynotes"\nslug: ""\ndate: 2020-07-10T10:52:27-04:00\n---\nThe keynotes.\n' \
	>"$e/content/2020/sam-iot/keynote.md"
migrate_and_build hugo "$e" "$TEST_DIR/out-events"
assert_contains "$TEST_DIR/out-events/2020/sam-iot/keynote/index.html" 'The keynotes.'
# published from a state as a full build, a slug given then emptied again
repo_of "$e" "$TEST_DIR/events-repo"
publish "$TEST_DIR/events-repo" "$TEST_DIR/pub-events" "$TEST_DIR/state-events" "1: first"
sed -i 's/^slug: ""/slug: "keynotes"/' "$TEST_DIR/events-repo/content/2020/sam-iot/keynote.md"
sed -i 's,(keynote/),(keynotes/),' "$TEST_DIR/events-repo/content/2020/sam-iot/_index.md"
git -C "$TEST_DIR/events-repo" commit -qam "a slug"
publish "$TEST_DIR/events-repo" "$TEST_DIR/pub-events" "$TEST_DIR/state-events" "1: slug"
[ -f "$TEST_DIR/pub-events/2020/sam-iot/keynotes/index.html" ] || fail "1: no page at its slug"
same_as_full "$TEST_DIR/events-repo" "$TEST_DIR/pub-events" "1: slug"
git -C "$TEST_DIR/events-repo" revert --no-edit HEAD >/dev/null
publish "$TEST_DIR/events-repo" "$TEST_DIR/pub-events" "$TEST_DIR/state-events" "1: empty again"
[ ! -e "$TEST_DIR/pub-events/2020/sam-iot/keynotes" ] || fail "1: the slug's page stayed"
same_as_full "$TEST_DIR/events-repo" "$TEST_DIR/pub-events" "1: empty again"

echo "ok"

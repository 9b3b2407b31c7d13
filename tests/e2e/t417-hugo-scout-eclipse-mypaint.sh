#!/bin/bash
# Faults a scout found on real Hugo sites (Eclipse Foundation's event and
# working-group sites, MyPaint's multilingual site, MetalLB's docs):
# 1. An empty slug (events.eclipse.org's archetype writes slug: "" in
#    every page: its keynote and speaker pages), which Hugo reads as no
#    slug (the page is at its file's name), refused the page:
#    slug/invalid, "slug \"\" has no letter or digit".
# 2. A ref to "index" (MyPaint's manual: the footer bar's leaf bundle
#    links its "main window" with {{< relref "index" >}}), which Hugo's
#    GetPage reads as the folder's own page, index.md or _index.md alike
#    (a bundle's file names its folder), looked for ui/index.md only and
#    refused the page: link/broken. So was "ui/_index" for a leaf bundle.
# 3. A ref to a page written in HTML by its file name (Agones' docs:
#    {{< ref "/docs/Reference/agones_crd_api_reference.html#agones.dev/v1.GameServerSpec" >}},
#    44 links), which Hugo's GetPage finds as it finds x.md, was looked
#    for as "agones_crd_api_reference.html.md": link/broken.
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

# 2
m=$TEST_DIR/mypaint
mkdir -p "$m/content/docs/ui/footer-bar" "$m/content/docs/tools/picker"
printf 'baseURL = "https://paint.example/"\ntitle = "Paint"\n' >"$m/config.toml"
printf -- '---\ntitle: Docs\n---\nDocs.\n' >"$m/content/docs/_index.md"
printf -- '---\ntitle: UI\n---\nThe main window.\n' >"$m/content/docs/ui/_index.md"
printf -- '---\ntitle: Picker\n---\nA picker.\n' >"$m/content/docs/tools/picker/index.md"
cat >"$m/content/docs/ui/footer-bar/index.md" <<'MD'
---
title: Footer bar
---
The bottom of the [main window]({{< relref "index" >}}), as [this]({{< relref "index.md" >}}).
See [the docs]({{< ref "/docs/_index" >}}) and [the picker]({{< relref "../../tools/picker/_index" >}}).
MD
migrate_and_build hugo "$m" "$TEST_DIR/out-mypaint"
f=$TEST_DIR/out-mypaint/docs/ui/footer-bar/index.html
assert_contains "$f" 'href="/docs/ui/">main window'
assert_contains "$f" 'href="/docs/ui/">this'
assert_contains "$f" 'href="/docs/">the docs'
assert_contains "$f" 'href="/docs/tools/picker/">the picker'

# 3
a=$TEST_DIR/agones
mkdir -p "$a/content/en/docs/Reference" "$a/content/en/docs/Guides"
printf 'baseURL = "/site/"\ntitle = "Agones"\ncontentDir = "content/en"\n' >"$a/config.toml"
printf -- '+++\ntitle="Docs"\n+++\nDocs.\n' >"$a/content/en/docs/_index.md"
printf -- '+++\ntitle="API"\n+++\n<h3 id="agones.dev/v1.GameServerSpec">GameServerSpec</h3>\n<p>The spec.</p>\n' \
	>"$a/content/en/docs/Reference/agones_crd_api_reference.html"
cat >"$a/content/en/docs/Guides/sdk.md" <<'MD'
---
title: SDK
---
See [the spec]({{< ref "/docs/Reference/agones_crd_api_reference.html#agones.dev/v1.GameServerSpec" >}})
and [the API]({{< relref "../Reference/agones_crd_api_reference.html" >}}).
MD
migrate_and_build hugo "$a" "$TEST_DIR/out-agones"
f=$TEST_DIR/out-agones/docs/guides/sdk/index.html
assert_contains "$f" 'href="/site/docs/reference/agones_crd_api_reference/#agones.dev/v1.GameServerSpec">the spec'
assert_contains "$f" 'href="/site/docs/reference/agones_crd_api_reference/">the API'

echo "ok"

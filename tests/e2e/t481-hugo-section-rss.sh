#!/bin/bash
# Hugo writes an RSS beside every section's list, nested sections too:
# content/docs/guide/_index.md at /docs/guide/ has /docs/guide/index.xml,
# of the guide's own pages (a folder below it without _index.md is part
# of it, a leaf bundle is one page, a nested section with its own
# _index.md has its own). develop.kde.org has 63 of them; folio wrote
# none. init now writes section_feeds: true when the site has nested
# sections and Hugo writes their RSS; each is checked by a real XML
# parser here (Debian's Hugo 0.111 writes the same items in the same
# order for this site), and published from a state as a full build.
. "$(dirname "$0")/lib.sh"

h=$TEST_DIR/site
mkdir -p "$h/content/docs/guide/deep" "$h/content/docs/guide/bundle" "$h/content/docs/guide/api" "$h/layouts/_default"
cat >"$h/config.toml" <<'TOML'
baseURL = "https://docs.example/"
title = "Docs"
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.fr]
weight = 2
TOML
printf '{{ .Content }}' >"$h/layouts/_default/single.html"
printf '{{ .Title }}' >"$h/layouts/_default/list.html"
page() { # file title date
	printf -- '---\ntitle: %s\ndate: %s\n---\nAbout %s.\n' "$2" "$3" "$2" >"$h/content/docs/$1"
}
printf -- '---\ntitle: Documentation\n---\nAll of it.\n' >"$h/content/docs/_index.md"
page intro.md "Intro" 2024-01-01
printf -- '---\ntitle: Guide\n---\nThe guide.\n' >"$h/content/docs/guide/_index.md"
printf -- '---\ntitle: Guide FR\n---\nLe guide.\n' >"$h/content/docs/guide/_index.fr.md"
page guide/start.md "Start" 2024-02-01
page guide/start.fr.md "Demarrer" 2024-02-01
page guide/deep/detail.md "Detail" 2024-03-01
page guide/bundle/index.md "Bundle" 2024-04-01
printf -- '---\ntitle: API\n---\nThe API.\n' >"$h/content/docs/guide/api/_index.md"
page guide/api/call.md "Call" 2024-05-01
out=$TEST_DIR/out
migrate_and_build hugo "$h" "$out"
assert_contains "$h/folio.yaml" "section_feeds: true"
python3 - "$out" <<'PY' || fail "a nested section's RSS is not what Hugo writes"
import sys, xml.etree.ElementTree as ET
def items(path):
    ch = ET.parse(sys.argv[1] + path).getroot().find("channel")
    return ch.findtext("title"), ch.findtext("link"), [(i.findtext("title"), i.findtext("link")) for i in ch.findall("item")]
t, link, it = items("/docs/guide/index.xml")
assert (t, link) == ("Guide \u2014 Docs", "https://docs.example/docs/guide/"), (t, link)
# its own pages, newest first: not the nested section's page, nor its Call
assert it == [("Bundle", "https://docs.example/docs/guide/bundle/"),
              ("Detail", "https://docs.example/docs/guide/deep/detail/"),
              ("Start", "https://docs.example/docs/guide/start/")], it
assert items("/docs/guide/api/index.xml")[2] == [("Call", "https://docs.example/docs/guide/api/call/")]
assert items("/fr/docs/guide/index.xml")[2] == [("Demarrer", "https://docs.example/fr/docs/guide/start/")]
PY

# published from a state as a full build: a page added to the nested section
repo=$TEST_DIR/repo
repo_of "$h" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
printf -- '---\ntitle: Reply\ndate: 2024-06-01\n---\nA reply.\n' >"$repo/content/docs/guide/api/reply.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a reply"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "reply added"
assert_contains "$TEST_DIR/pub/docs/guide/api/index.xml" "<title>Reply</title>"
same_as_full "$repo" "$TEST_DIR/pub" "reply added"
sed -i 's/^title: API/title: Interface/' "$repo/content/docs/guide/api/_index.md"
git -C "$repo" commit -qam "the API section retitled"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "retitled"
assert_contains "$TEST_DIR/pub/docs/guide/api/index.xml" "<title>Interface — Docs</title>"
same_as_full "$repo" "$TEST_DIR/pub" "retitled"

# Hugo without sections' RSS: none
n=$TEST_DIR/norss
cp -r "$h" "$n"
rm -rf "$n/folio.yaml" "$n/schemas"
printf 'disableKinds = ["RSS"]\n' | cat - "$h/config.toml" >"$n/config.toml"
"$FOLIO" init --from hugo "$n" >/dev/null 2>&1 || fail "init failed"
assert_not_contains "$n/folio.yaml" "section_feeds"
echo "ok"

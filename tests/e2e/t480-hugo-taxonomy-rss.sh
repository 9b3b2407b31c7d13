#!/bin/bash
# Hugo writes an RSS of each taxonomy's terms beside their list
# (/tags/index.xml, /fr/tags/index.xml): each term, newest page first,
# with that page's date. Five of the six Hugo sites of the twenty-sixth
# pass link or publish it; folio wrote none, so a subscriber's address
# was lost. Now each indexed taxonomy has it, checked by a real XML
# parser here, linkable, and published from a state as a full build.
. "$(dirname "$0")/lib.sh"

h=$TEST_DIR/site
mkdir -p "$h/content/posts" "$h/content/tags" "$h/layouts/_default"
cat >"$h/config.toml" <<'TOML'
baseURL = "https://blog.example/"
title = "Blog"
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.fr]
weight = 2
[taxonomies]
tag = "tags"
category = "categories"
TOML
printf '{{ .Content }}' >"$h/layouts/_default/single.html"
printf '{{ .Title }}' >"$h/layouts/_default/list.html"
post() { # file title date tags
	printf -- '---\ntitle: %s\ndate: %s\ntags: [%s]\n---\nText of %s. See [tags](/tags/index.xml).\n' "$2" "$3" "$4" "$2" >"$h/content/posts/$1"
}
post old.md "Old" 2023-02-01 "archive, go"
post mid.md "Mid" 2024-05-01T10:00:00+02:00 "go"
post new.md "New" 2025-01-03 "rust"
post undated.md "Undated" "" "misc"
sed -i 's/^date: $/draft: false/' "$h/content/posts/undated.md"
post nouveau.fr.md "Nouveau" 2025-02-01 "rouille"
printf -- '---\ntitle: Topics\n---\nAll topics.\n' >"$h/content/tags/_index.md"
out=$TEST_DIR/out
migrate_and_build hugo "$h" "$out"
rss=$out/tags/index.xml
[ -f "$rss" ] || fail "no /tags/index.xml"
python3 - "$rss" "$out/fr/tags/index.xml" <<'PY' || fail "the taxonomy's RSS is not what Hugo writes"
import sys, xml.etree.ElementTree as ET
ch = ET.parse(sys.argv[1]).getroot().find("channel")
assert ch.findtext("title") == "Topics \u2014 Blog", ch.findtext("title")
assert ch.findtext("link") == "https://blog.example/tags/", ch.findtext("link")
items = [(i.findtext("title"), i.findtext("link"), i.findtext("pubDate")) for i in ch.findall("item")]
# newest page's date first, undated last; each term's own list
assert items == [
    ("rust", "https://blog.example/tags/rust/", "Fri, 03 Jan 2025 00:00:00 +0000"),
    ("go", "https://blog.example/tags/go/", "Wed, 01 May 2024 10:00:00 +0200"),
    ("archive", "https://blog.example/tags/archive/", "Wed, 01 Feb 2023 00:00:00 +0000"),
    ("misc", "https://blog.example/tags/misc/", None),
], items
fr = ET.parse(sys.argv[2]).getroot().find("channel")
assert [i.findtext("title") for i in fr.findall("item")] == ["rouille"]
PY
# a taxonomy without terms (categories) has its RSS, empty, as Hugo writes it
[ -f "$out/categories/index.xml" ] || fail "an indexed taxonomy without terms has its RSS too"

# published from a state as a full build: a newer page moves its term first
repo=$TEST_DIR/repo
repo_of "$h" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
post newest.md "Newest" 2025-06-01 "go"
cp "$h/content/posts/newest.md" "$repo/content/posts/"
git -C "$repo" add -A && git -C "$repo" commit -qm "a newer go post"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "go post added"
python3 - "$TEST_DIR/pub/tags/index.xml" <<'PY' || fail "the RSS was not published again"
import sys, xml.etree.ElementTree as ET
ch = ET.parse(sys.argv[1]).getroot().find("channel")
assert [i.findtext("title") for i in ch.findall("item")][:2] == ["go", "rust"]
PY
same_as_full "$repo" "$TEST_DIR/pub" "go post added"
sed -i 's/^title: Topics/title: Subjects/' "$repo/content/tags/_index.md"
git -C "$repo" commit -qam "the taxonomy retitled"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "retitled"
assert_contains "$TEST_DIR/pub/tags/index.xml" "<title>Subjects — Blog</title>"
same_as_full "$repo" "$TEST_DIR/pub" "retitled"
echo "ok"

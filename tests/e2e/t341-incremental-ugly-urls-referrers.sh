#!/bin/bash
# On a collection at file addresses (/guides/watering.html: ugly_urls,
# which init writes for Jekyll's default permalink), a link was kept in
# the records as "/guides/watering.html/", and the page's own address
# without the slash, so a publish never found a page's referrers: a
# commit that deleted or renamed a linked page, or renamed a heading a
# link names, was published incrementally (links to a deleted page left
# in place) where a full build of the same commit refuses it. And an
# added page that a kept broken link named left that link's old spelling
# in the feed (a kept fragment). Each commit now gets the full build's
# verdict and bytes.
. "$(dirname "$0")/lib.sh"

repo="$TEST_DIR/repo" out="$TEST_DIR/out" st="$TEST_DIR/state"
mkdir -p "$repo/guides"
printf 'title: Garden notes\nurl: "https://garden.example"\n' >"$repo/_config.yml"
printf -- '---\ntitle: Garden notes\n---\nWelcome.\n' >"$repo/index.md"
printf -- '---\ntitle: Compost\n---\nSee [when to water](watering.md#at-dawn), [how](/guides/watering.html) and [the soil](/guides/soil).\n' >"$repo/guides/compost.md"
printf -- '---\ntitle: Watering\n---\n## At dawn\n\nWater then.\n' >"$repo/guides/watering.md"
printf -- '---\ntitle: Soil\n---\nLoam.\n' >"$repo/guides/soil.md"
"$FOLIO" init --from jekyll "$repo" >/dev/null 2>&1 || fail "init"
grep -q 'ugly_urls' "$repo/folio.yaml" || fail "init wrote no ugly_urls: the test needs file addresses"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@x commit -qm base
commit() { git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@x commit -qm "$1"; }
publish "$repo" "$out" "$st" "base"
[ -f "$out/guides/watering.html" ] || fail "no page at /guides/watering.html"

# each refused commit: refused as a full build refuses it, nothing published
refused() { refused_like_full "$repo" "$out" "$st" "$1" "$2"; }
sed -i 's/## At dawn/## At dusk/' "$repo/guides/watering.md" && commit "heading renamed"
refused "heading renamed" 'has no heading with id "at-dawn"'
git -C "$repo" rm -q guides/soil.md && commit "linked page deleted"
refused "linked page deleted" 'link to "/guides/soil" points to no page'
git -C "$repo" mv guides/watering.md guides/irrigation.md && commit "linked page renamed"
refused "linked page renamed" 'link to "watering.md#at-dawn" points to no page'
[ -f "$out/guides/watering.html" ] || fail "a refused commit removed a page"

# a kept broken link, then the page it names added
printf '  link/broken: warning\n' >>"$repo/folio.yaml"
printf -- '---\ntitle: Mulch\n---\nSee [leaves](leaves.md).\n' >"$repo/guides/mulch.md"
commit "a broken link kept as a warning"
publish "$repo" "$out" "$st" "warning kept"
same_as_full "$repo" "$out" "warning kept"
printf -- '---\ntitle: Leaves\n---\nFallen.\n' >"$repo/guides/leaves.md" && commit "the page it names added"
publish "$repo" "$out" "$st" "page added"
same_as_full "$repo" "$out" "page added"
assert_contains "$out/guides/mulch.html" 'href="/guides/leaves.html"'
echo ok

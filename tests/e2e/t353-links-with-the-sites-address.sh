#!/bin/bash
# A link written with the site's own address (scala-lang's posts link
# https://www.scala-lang.org/conduct/) names the site's page: it was taken
# for another site's and never checked, so when /conduct/ moved three
# posts kept a link to a 404 and folio published them. It is checked as
# the site path, anchors too, and written as it was; the referrers of a
# page deleted later are found, incrementally as in a full build. A site
# at an address kept for examples (example.org, *.example) has none of
# its own: such links stay another site's.
. "$(dirname "$0")/lib.sh"

repo="$TEST_DIR/repo" out="$TEST_DIR/out" st="$TEST_DIR/state"
mkdir -p "$repo/guides"
printf 'title: Garden notes\nurl: "https://garden-notes.fr"\npermalink: pretty\n' >"$repo/_config.yml"
printf -- '---\ntitle: Garden notes\n---\nWelcome.\n' >"$repo/index.md"
printf -- '---\ntitle: Conduct\n---\n## Be kind\n\nAlways.\n' >"$repo/conduct.md"
printf -- '---\ntitle: Compost\n---\nRead [the code](https://garden-notes.fr/conduct/#be-kind) and [the home page](https://GARDEN-NOTES.fr).\n' \
	>"$repo/guides/compost.md"
"$FOLIO" init --from jekyll "$repo" >/dev/null 2>&1 || fail "init"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@x commit -qm base
commit() { git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@x commit -qm "$1"; }
publish "$repo" "$out" "$st" "base"
# written as it was
assert_contains "$out/guides/compost/index.html" 'href="https://garden-notes.fr/conduct/#be-kind"'

# each refused commit: refused as a full build refuses it, nothing published
refused() { refused_like_full "$repo" "$out" "$st" "$1" "$2"; }
sed -i 's/## Be kind/## Be fair/' "$repo/conduct.md" && commit "heading renamed"
refused "heading renamed" 'has no heading with id "be-kind"'
git -C "$repo" rm -q conduct.md && commit "linked page deleted"
refused "linked page deleted" 'link to "https://garden-notes.fr/conduct/#be-kind" points to no page'
printf -- '---\ntitle: Mulch\n---\nSee [nothing](https://garden-notes.fr/nothing/).\n' >"$repo/guides/mulch.md" && commit "a broken one added"
refused "a broken one added" 'link to "https://garden-notes.fr/nothing/" points to no page'
[ -f "$out/conduct/index.html" ] || fail "a refused commit removed a page"
# an unrelated edit: published, as a full build does
printf '\nMore.\n' >>"$repo/index.md" && commit "home edited"
publish "$repo" "$out" "$st" "home edited"
same_as_full "$repo" "$out" "home edited"

# a site at an example address: the link is another site's, not checked
s2="$TEST_DIR/site2"
mkdir -p "$s2"
printf 'title: T\nurl: "https://docs.example.org"\n' >"$s2/_config.yml"
printf -- '---\ntitle: Home\n---\nSee [x](https://docs.example.org/not-here/).\n' >"$s2/index.md"
migrate_and_build jekyll "$s2" "$TEST_DIR/out2" >/dev/null
echo ok

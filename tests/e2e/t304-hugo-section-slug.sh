#!/bin/bash
# Hugo's slug: is "not applicable to section pages": kubernetes'
# contributor site gives events/2020/kcc/_index.md slug: kcc2020, and the
# section stays at /events/2020/kcc/, its images beside it, where its pages
# link them. folio moved the section to /events/2020/kcc2020/ with its
# files: 37 links to its images were link/asset errors. On a Hugo site a
# section page's slug: is now left aside; a page's still names it.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/events/2020/kcc" "$site/layouts"
printf 'baseURL = "https://contrib.example/"\ntitle = "Contributors"\n' >"$site/hugo.toml"
printf '<html></html>' >"$site/layouts/baseof.html"
printf -- '---\ntitle: Events\n---\n' >"$site/content/events/_index.md"
printf -- '---\ntitle: Contributor Celebration\nslug: kcc2020\n---\n<img alt="invited" src="/events/2020/kcc/invited.png">\n\n![channels](/events/2020/kcc/channels.png)\n' \
	>"$site/content/events/2020/kcc/_index.md"
printf 'PNG' >"$site/content/events/2020/kcc/invited.png"
printf 'PNG' >"$site/content/events/2020/kcc/channels.png"
printf -- '---\ntitle: FAQ\nslug: questions\n---\nBack to [the celebration](/events/2020/kcc/).\n' \
	>"$site/content/events/2020/kcc/faq.md"
printf 'baseURL = "https://contrib.example/"\ntitle = "Contributors"\n[markup.goldmark.renderer]\nunsafe = true\n' >"$site/hugo.toml"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$out/events/2020/kcc/index.html" 'Contributor Celebration'
assert_contains "$out/events/2020/kcc/invited.png" 'PNG'
assert_contains "$out/events/2020/kcc/questions/index.html" 'Back to'
[ ! -e "$out/events/2020/kcc2020" ] || fail "the section moved to its slug"
echo "ok"

#!/bin/bash
# Versioned docs copy each version's pages, aliases included, so several
# pages keep one old URL (vitess.io: 1,300 of them; jaegertracing.io: 6).
# Hugo writes a redirect page for each and the last one stays; folio
# refused the site (output/clash, locked). Now one redirect page is
# published, to the page whose file is least deep, then last in version
# order (docs/22.0/ after docs/9.0/ and docs/archive/30.0/), and each other
# page is told (output/alias-twin, a warning). Published with a state, the
# redirect follows its page when that page goes. An alias that is another
# page's address leaves that page published there, as Hugo writes pages
# over aliases (output/alias-taken, a warning), and a publish from the
# state replaces the redirect with the page.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
mkdir -p "$repo/docs/9.0" "$repo/docs/22.0" "$repo/docs/archive/30.0"
cat >"$repo/folio.yaml" <<'YAML'
title: Versions
base_url: https://versions.example
language: en
collections:
  - name: docs
YAML
for v in 9.0 22.0 archive/30.0; do
	printf -- '---\ntitle: Intro %s\naliases: [/docs/intro/]\n---\nThe intro of %s.\n' "$v" "$v" \
		>"$repo/docs/$v/intro.md"
done
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm "three versions"

out=$TEST_DIR/out
"$FOLIO" build --repo "$repo" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused aliases kept by several pages: $(cat "$TEST_DIR/build.txt")"
cat "$TEST_DIR/build.txt"
assert_contains "$out/docs/intro/index.html" '/docs/22-0/intro/'
assert_contains "$TEST_DIR/build.txt" 'docs/9.0/intro.md: warning: old URL "docs/intro/index.html" is kept by "docs/22.0/intro.md" too: its redirect page goes there [output/alias-twin]'
assert_contains "$TEST_DIR/build.txt" 'docs/archive/30.0/intro.md: warning: old URL "docs/intro/index.html" is kept by "docs/22.0/intro.md" too'

# published with a state, then the winner goes: the redirect follows
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
assert_contains "$pub/docs/intro/index.html" '/docs/22-0/intro/'
git -C "$repo" rm -q docs/22.0/intro.md
git -C "$repo" commit -qm "22.0 drops its intro"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/docs/intro/index.html" '/docs/9-0/intro/'
same_as_full "$repo" "$pub" "the winner gone"

# an alias that is another page's address: the page is published there
printf -- '---\ntitle: Intro\n---\nThe one intro.\n' >"$repo/docs/intro.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a page at the old URL"
r=0
"$FOLIO" check --repo "$repo" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 0 ] || fail "an alias at another page's address is refused (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'docs/9.0/intro.md: warning: old URL "/docs/intro/" is the address of "docs/intro.md", which is published there: no redirect is written [output/alias-taken]'
if grep -q 'output/clash' "$TEST_DIR/check.txt"; then fail "the alias onto a page is still a clash"; fi
publish "$repo" "$pub" "$st" "third publish"
assert_contains "$pub/docs/intro/index.html" 'The one intro.'
same_as_full "$repo" "$pub" "a page at the old URL"
# the page goes again: the redirect is back
git -C "$repo" rm -q docs/intro.md
git -C "$repo" commit -qm "the page at the old URL goes"
publish "$repo" "$pub" "$st" "fourth publish"
assert_contains "$pub/docs/intro/index.html" '/docs/9-0/intro/'
same_as_full "$repo" "$pub" "the page at the old URL gone"
echo "ok"

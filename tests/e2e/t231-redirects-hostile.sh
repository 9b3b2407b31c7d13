#!/bin/bash
# folio.yaml's redirects: and Netlify's files are written by whoever pushes.
# A from no redirect page can stand at ("..", a hidden name such as the
# output's marker or .htaccess), a to that is another host ("//evil") or
# holds a control character, a javascript: URL: each a config/syntax
# finding at its line, never a redirect page silently dropped or written.
# As many redirects as folio.yaml can hold, and a page linking to each,
# cost what they hold (sorted lookups), and their pages count against the
# site-size budget. init --from writes none of the rules folio.yaml would
# refuse, and at most 10,000 (folio.yaml's YAML node limit).
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/docs"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Guide\n---\nHello.\n' >"$site/content/docs/guide.md"
"$FOLIO" init --from hugo "$site" >/dev/null 2>&1 || fail "init --from hugo failed"
cp "$site/folio.yaml" "$TEST_DIR/folio.yaml.orig"

# refused: one finding each, at the redirect's line
refused() { # FROM TO MESSAGE
	cp "$TEST_DIR/folio.yaml.orig" "$site/folio.yaml"
	printf 'redirects:\n  - {from: /fine/, to: /docs/guide/}\n  - {from: %s, to: %s}\n' "$1" "$2" \
		>>"$site/folio.yaml"
	local line r=0
	line=$(wc -l <"$site/folio.yaml")
	"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
	[ $r -eq 1 ] || fail "from $1 to $2: check should refuse it (exit $r): $(cat "$TEST_DIR/check.txt")"
	assert_contains "$TEST_DIR/check.txt" "folio.yaml:$line:"
	assert_contains "$TEST_DIR/check.txt" "$3"
	assert_contains "$TEST_DIR/check.txt" "[config/syntax]"
}
refused '"/a/.."' /docs/guide/ 'redirect from "/a/..": no redirect page can stand there'
refused '"/.."' / 'no redirect page can stand there'
refused '"/.folio-output"' / 'redirect from "/.folio-output": no redirect page can stand there'
refused '"/docs/.htaccess"' / 'no redirect page can stand there'
refused /x '"//evil.example/p"' 'redirect to "//evil.example/p": "//" names another host'
refused /y '"javascript:alert(1)"' 'a redirect needs a from'
refused /y '"JavaScript:alert(1)"' 'a redirect needs a from'
refused /z '"/docs/\nguide/"' 'a redirect needs a from'
refused '"/z\r"' /docs/guide/ 'a redirect needs a from'
refused '"https://other.example/x"' / 'a redirect needs a from'
refused '"/a/../../etc/passwd"' / 'no redirect page can stand there'

# kept: escaped in the page, a .well-known address, the marker untouched
cp "$TEST_DIR/folio.yaml.orig" "$site/folio.yaml"
cat >>"$site/folio.yaml" <<'YAML'
redirects:
  - {from: /q, to: "https://ok.example/\"><script>alert(1)</script>"}
  - {from: /.well-known/change-password, to: /docs/guide/}
  - {from: /twice, to: /docs/guide/}
  - {from: /twice/index.html, to: "https://second.example/"}
YAML
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_not_contains "$out/q/index.html" '<script>'
assert_contains "$out/q/index.html" 'url=https://ok.example/&quot;&gt;&lt;script&gt;'
assert_contains "$out/.well-known/change-password/index.html" 'url=https://lantern.example/docs/guide/'
# two rules for one file: the first wins, as Netlify reads them
assert_contains "$out/twice/index.html" 'url=https://lantern.example/docs/guide/'
assert_not_contains "$out/twice/index.html" 'second.example'
assert_contains "$out/.folio-output" 'folio output'

# 19,000 redirects (folio.yaml's 100,000 YAML nodes hold about 20,000) and
# a page linking to each of them twice: sorted lookups, not one scan of
# the redirects per link (9 s of CPU for 10,000 links before)
cp "$TEST_DIR/folio.yaml.orig" "$site/folio.yaml"
awk 'BEGIN { print "redirects:"; for (i = 1; i <= 19000; i++) printf "  - {from: /old/%d, to: /docs/guide/}\n", i }' \
	>>"$site/folio.yaml"
awk 'BEGIN { printf "---\ntitle: Links\n---\n"; for (k = 0; k < 2; k++) for (i = 1; i <= 19000; i++) printf "[o%d](/old/%d/)\n", i, i }' \
	>"$site/content/docs/links.md"
TIMEFORMAT=%U
cpu=$({ time "$FOLIO" check --worktree "$site" >"$TEST_DIR/check-many.txt" 2>&1; } 2>&1) \
	|| fail "check refused the links to redirects: $(tail -3 "$TEST_DIR/check-many.txt")"
echo "check, 19,000 redirects and 38,000 links to them: ${cpu} s of CPU"
awk -v t="$cpu" 'BEGIN { exit !(t < 10) }' || fail "the check took ${cpu} s of CPU (quadratic?)"
# their pages count against the site's bytes (about 400 each)
r=0
"$FOLIO" build --worktree "$site" --out "$TEST_DIR/out-budget" --limit site-size=2M \
	>"$TEST_DIR/build-budget.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "19,000 redirect pages should pass a 2 MiB site-size (exit $r)"
assert_contains "$TEST_DIR/build-budget.txt" '[budget/site-size]'
rm "$site/content/docs/links.md"

# Netlify's files: what folio.yaml would refuse is named, not written
cp "$TEST_DIR/folio.yaml.orig" "$site/folio.yaml"
mkdir -p "$site/static"
{
	printf '/../etc/passwd /docs/guide/ 301\n/docs/.htaccess /docs/guide/\n/x //evil.example/\n'
	printf '/y javascript:alert(1)\n/ok /docs/guide/ 301\n'
	awk 'BEGIN { for (i = 1; i <= 15000; i++) printf "/many/%d /docs/guide/ 301\n", i }'
} >"$site/static/_redirects"
cat >"$site/netlify.toml" <<'TOML'
[[redirects]]
from = "/t"
to = "/docs/\"\n  - {from /inj}"
TOML
"$FOLIO" init --from hugo --force "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" 'static/_redirects:1: redirect from "/../etc/passwd" is not kept: from is no address'
assert_contains "$TEST_DIR/init.txt" 'static/_redirects:2: redirect from "/docs/.htaccess" is not kept: from is no address'
assert_contains "$TEST_DIR/init.txt" 'static/_redirects:3: redirect from "/x" is not kept: to starts with "//"'
assert_contains "$TEST_DIR/init.txt" 'static/_redirects:4: redirect from "/y" is not kept: to is neither'
assert_contains "$TEST_DIR/init.txt" 'netlify.toml:1: redirect from "/t" is not kept: a control character'
assert_contains "$TEST_DIR/init.txt" '5001 more redirects are not kept'
assert_contains "$site/folio.yaml" 'from: "/ok"'
assert_not_contains "$site/folio.yaml" 'passwd'
assert_not_contains "$site/folio.yaml" 'evil'
assert_not_contains "$site/folio.yaml" '/inj'
[ "$(grep -c '^  - from: ' "$site/folio.yaml")" = 10000 ] || fail "init should write 10,000 redirects"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check-init.txt" 2>&1 \
	|| fail "the folio.yaml init wrote does not load: $(tail -3 "$TEST_DIR/check-init.txt")"
echo "ok"

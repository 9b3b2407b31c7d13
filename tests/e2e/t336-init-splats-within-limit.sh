#!/bin/bash
# Kong's docs keep 99 splat rules in _redirects, spinnaker.io's
# netlify.toml 21: init wrote them all into folio.yaml, which then held more
# than folio accepts (16), and the whole site was refused; init --baseline
# even said "the site has no error". folio.yaml holds 256 now, and init
# keeps the first 256 (language_subdir's among them), naming each other one
# with its file and line; --baseline counts the errors outside the pages.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/guide" "$s/static"
printf 'baseURL = "https://t.example/"\ntitle = "T"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Start\n---\nSee [an old page](/old300/start/) and [another](/old2/start/).\n' >"$s/content/guide/start.md"
for i in $(seq 1 300); do printf '/old%s/*  /guide/:splat\n' "$i"; done >"$s/static/_redirects"
"$FOLIO" init --from hugo "$s" >"$TEST_DIR/init.txt" 2>&1 || { cat "$TEST_DIR/init.txt"; fail "init"; }
[ "$(grep -c ':splat' "$s/folio.yaml")" = 256 ] || fail "$(grep -c ':splat' "$s/folio.yaml") splats written, not 256"
assert_contains "$TEST_DIR/init.txt" 'static/_redirects:257: redirect from "/old257/*" is not kept: folio.yaml holds 256 redirects with a splat'
assert_contains "$TEST_DIR/init.txt" 'static/_redirects:300: redirect from "/old300/*" is not kept'
# the site builds; the link only a rule not kept served is named
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a link below a rule not kept passed"
assert_contains "$TEST_DIR/check.txt" 'content/guide/start.md:4:'
assert_contains "$TEST_DIR/check.txt" '/old300/start/'
assert_not_contains "$TEST_DIR/check.txt" 'folio.yaml:'
assert_not_contains "$TEST_DIR/check.txt" '/old2/start/'

# Hugo's defaultContentLanguageInSubdir takes one of the 256 (on a site of
# two languages: with one, Hugo puts nothing below /en/, t387)
printf 'defaultContentLanguageInSubdir = true\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n' >>"$s/hugo.toml"
"$FOLIO" init --from hugo --force "$s" >"$TEST_DIR/init2.txt" 2>&1 || fail "init with language_subdir"
[ "$(grep -c ':splat' "$s/folio.yaml")" = 255 ] || fail "$(grep -c ':splat' "$s/folio.yaml") splats beside language_subdir"
assert_contains "$TEST_DIR/init2.txt" 'static/_redirects:256: redirect from "/old256/*" is not kept'
sed -i 's|\[an old page\](/old300/start/)|an old page|' "$s/content/guide/start.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check2.txt" 2>&1 || { cat "$TEST_DIR/check2.txt"; fail "255 splats and language_subdir refused"; }

# --baseline does not call a site error-free when files other than its
# pages are refused (a template the migration brought)
mkdir -p "$s/templates"
printf '<main>{{#page}}{{{content}}}</main>\n' >"$s/templates/page.mustache"
"$FOLIO" init --from hugo --force --baseline "$s" >"$TEST_DIR/base.txt" 2>&1 || true
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check3.txt" 2>&1 && fail "the broken template passed"
assert_contains "$TEST_DIR/check3.txt" 'templates/page.mustache:1:'
assert_not_contains "$TEST_DIR/base.txt" 'the site has no error'
assert_contains "$TEST_DIR/base.txt" 'outside the pages (folio.yaml, schemas, templates) stay errors'
echo ok

#!/bin/bash
# What two real Jekyll sites needed (rubygems' guides, opensource.guide),
# in fixtures of their layouts:
# - a folder of pages written in HTML without Liquid
#   (command-reference/bundle-add.html): Jekyll publishes each at its
#   permalink; init excluded them all, so every link there was refused.
#   Now each is a page (html_pages: true); one holding Liquid is still
#   excluded and named;
# - a page at the top named as a folder of pages (organizations.md beside
#   organizations/): at /organizations/ in the pretty style, where folio
#   put the folder's list (output/clash). A folder of pages has no list,
#   as in Jekyll: the page stands there, the folder's pages below it;
# - a checklist's <input type="checkbox"> is kept (no form can take it);
#   a password field is refused;
# - "../finding-users" from /fr/building-community/ is /fr/finding-users/,
#   as the browser reads it from the page's URL;
# - Http:// is http:// (schemes are case-insensitive), hhttps:// is not;
# - a file at the top in HTML without front matter (google<id>.html, a
#   search engine's proof of ownership) is copied as it is; 404.html is
#   folio's own; one with front matter (after a byte-order mark too) is a
#   page (about.html at /about/), as Jekyll publishes it; Gemfile (Jekyll's default exclude) and what a pattern of
#   exclude: names are not.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/command-reference" "$site/organizations" "$site/_articles/fr"
printf 'title: Guides\nurl: https://guides.example\npermalink: pretty\nexclude: ["*.log"]\ncollections:\n  articles:\n    output: true\n    permalink: "/:path/"\n' \
	>"$site/_config.yml"
printf 'source "https://rubygems.org"\n' >"$site/Gemfile"
printf 'build output\n' >"$site/build.log"
printf -- '---\ntitle: "bundle add"\npermalink: /command-reference/bundle-add/\n---\n<p>Adds a gem.</p>\n<h2 id="OPTIONS">Options</h2>\n' \
	>"$site/command-reference/bundle-add.html"
# at the top: pages too (404.html and index.html are folio's own), one of
# them saved by an editor that writes a byte-order mark and CRLF
printf -- '---\ntitle: "About"\npermalink: /about/\n---\n<p>Who we are.</p>\n' >"$site/about.html"
printf '\xef\xbb\xbf---\r\ntitle: "Team"\r\npermalink: /team/\r\n---\r\n<p>Our team.</p>\r\n' >"$site/team.html"
printf -- '---\ntitle: "bundle exec"\npermalink: /command-reference/bundle-exec/\n---\n<p>Runs {{ site.title }}.</p>\n' \
	>"$site/command-reference/bundle-exec.html"
printf -- '---\ntitle: Organizations\n---\nTeams. Start with [the guide](/organizations/getting-started/).\n' >"$site/organizations.md"
printf -- '---\ntitle: Getting started\n---\nCreate one. Back to [organizations](/organizations/).\n' \
	>"$site/organizations/getting-started.md"
printf -- '---\ntitle: Setup\n---\nRun [bundle add](/command-reference/bundle-add/#OPTIONS). See [Tom](Http://tom.example/x.html).\n' \
	>"$site/setup.md"
printf -- '---\ntitle: Finding users\n---\nTell people.\n' >"$site/_articles/fr/finding-users.md"
printf 'google-site-verification: google5d3f.html\n' >"$site/google5d3f.html"
printf '<h1>Not here</h1>\n' >"$site/404.html"
cat >"$site/_articles/fr/building-community.md" <<'MD'
---
title: Building community
---
Read [finding users](../finding-users) first.

<div class="clearfix">
  <input type="checkbox" id="cbox1" class="d-block" value="checkbox">
  <label for="cbox1">Has a licence?</label>
</div>
MD
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$TEST_DIR/init.txt" 'command-reference/bundle-exec.html (a page written in HTML and Liquid, at /command-reference/bundle-exec/) is not published'
python3 - "$site/folio.yaml" <<'PY'
import sys, yaml
cfg = yaml.safe_load(open(sys.argv[1]))
cols = {c["name"]: c for c in cfg["collections"]}
assert cfg.get("html_pages") is True, cfg
assert "command-reference/bundle-exec.html" in cfg["exclude"], cfg["exclude"]
org = cols["organizations"]
assert org.get("url", "/organizations/") == "/organizations/" and org["list"] is False, org
PY
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/command-reference/bundle-add/index.html" '<h2 id="OPTIONS">Options</h2>'
assert_contains "$out/about/index.html" '<p>Who we are.</p>'
assert_contains "$out/team/index.html" '<p>Our team.</p>'
[ ! -e "$out/about.html" ] && [ ! -e "$out/team.html" ] || fail "a page at the top was copied as a file, its front matter with it"
[ ! -e "$out/command-reference/bundle-exec" ] || fail "the page holding Liquid is published"
assert_contains "$out/organizations/index.html" 'Teams.'
assert_contains "$out/organizations/getting-started/index.html" 'Create one.'
[ ! -e "$out/pages/organizations" ] || fail "a list of organizations/, which Jekyll does not write, at /pages/organizations/"
assert_contains "$out/fr/building-community/index.html" 'href="/fr/finding-users/">finding users'
assert_contains "$out/fr/building-community/index.html" '<input type="checkbox" id="cbox1"'
assert_contains "$out/setup/index.html" 'href="Http://tom.example/x.html"'
cmp "$site/google5d3f.html" "$out/google5d3f.html" || fail "google5d3f.html is not copied as it is"
! grep -q 'Not here' "$out/404.html" || fail "the site's 404.html replaced folio's"
[ ! -e "$out/Gemfile" ] && [ ! -e "$out/build.log" ] || fail "Gemfile or build.log is published"

# still refused: a password field, a mistyped scheme
printf -- '---\ntitle: Login\n---\n<input type="password" name="pw">\n\n[x](hhttps://tom.example/)\n' >"$site/login.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse login.md (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'login.md:4:1: error: active HTML tag "<input>" is not allowed [html/active]'
assert_contains "$TEST_DIR/check2.txt" 'login.md:6:5: error: link "hhttps://tom.example/" uses a scheme other than http'
echo "ok"

#!/bin/bash
# What a Jekyll site publishes besides its pages, and links its old pages
# hold: a file at the top (security.asc, robots.txt) is copied as it is,
# so a link to /security.asc is valid; a folder named with an underscore
# (zh_cn/) keeps its address (/zh_cn/about/); news:comp.lang.x (RFC 5538's
# group without a server), rsync://host/ and ldaps://host/ (spinnaker.io's
# docs) are links a reader's program
# opens; news:/ alone and ruby-talk:123 (no scheme at all) are still
# refused, as is a dated post written with a one-digit hour it reads right.
# A bare URL stays text, as kramdown leaves it (init writes autolinks: false).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/en/security" "$site/zh_cn/about" "$site/en/news/_posts"
cat >"$site/_config.yml" <<'YAML'
title: Gemstone
url: https://gemstone.example
permalink: pretty
exclude: [Gemfile]
YAML
printf 'source "https://rubygems.org"\n' >"$site/Gemfile"
printf -- '-----BEGIN PGP PUBLIC KEY BLOCK-----\n' >"$site/security.asc"
printf 'User-agent: *\n' >"$site/robots.txt"
cat >"$site/en/security/index.md" <<'MD'
---
title: Security
---
Our [key](/security.asc). Ask in [the group](news:comp.lang.gemstone),
mirror with [rsync](rsync://mirror.gemstone.example/gemstone/), look
people up in [the directory](ldaps://ldap.gemstone.example/dc=gemstone,dc=example), read
[the Chinese page](/zh_cn/about/).
Changes: https://gemstone.example/v1\_8\_7/NEWS (kramdown leaves it text).
MD
printf -- '---\ntitle: 关于\n---\n关于我们。\n' >"$site/zh_cn/about/index.md"
printf -- '---\ntitle: "Fix"\ndate: 2013-11-22 5:00:00 +0000\n---\nFixed.\n' >"$site/en/news/_posts/2013-11-22-fix.md"

"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" '  - "security.asc"'
assert_contains "$site/folio.yaml" '  - "robots.txt"'
assert_contains "$site/folio.yaml" 'url: "/zh_cn/"'
assert_contains "$site/folio.yaml" 'autolinks: false'
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
[ -f "$out/security.asc" ] || fail "security.asc is not published at the root"
[ -f "$out/robots.txt" ] || fail "robots.txt is not published at the root"
[ -e "$out/Gemfile" ] && fail "a file _config.yml excludes is published"
[ -f "$out/zh_cn/about/index.html" ] || fail "zh_cn/about is not at /zh_cn/about/"
assert_contains "$out/en/security/index.html" 'href="news:comp.lang.gemstone"'
assert_contains "$out/en/security/index.html" 'Changes: https://gemstone.example/v1_8_7/NEWS (kramdown'
assert_not_contains "$out/en/security/index.html" 'href="https://gemstone.example/v1'
assert_contains "$out/en/news/2013/11/22/fix/index.html" '2013-11-22'
python3 - "$out/en/news/index.json" <<'PY' || fail "the post's date in the feed"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
assert items[0]["date_published"] == "2013-11-22T05:00:00Z", items[0]
PY

cat >>"$site/en/security/index.md" <<'MD'
Old: [a thread](ruby-talk:124413), [news](news:/).
MD
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 && fail "the bad links passed"
cat "$TEST_DIR/check2.txt"
assert_contains "$TEST_DIR/check2.txt" 'en/security/index.md:9:17: error: link "ruby-talk:124413" uses a scheme other than'
assert_contains "$TEST_DIR/check2.txt" 'en/security/index.md:9:43: error: link "news:/" has no "//" and host after its scheme'
echo "ok"

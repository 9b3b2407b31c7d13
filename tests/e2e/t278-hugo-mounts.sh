#!/bin/bash
# Hugo's module mounts of content: jaegertracing.io keeps each version of
# its documentation in content/docs/v2/2.20/ and mounts content/docs/v2 at
# content/docs, so the page content/docs/v2/2.20/install.md is at
# /docs/2.20/install/. folio read the folders as they lie: every such page
# moved to /docs/v2/2.20/..., links written to the published addresses
# broke, and the old URLs were lost. init --from hugo now makes each such
# mount a collection at its target (permalink: /docs/:path/) and excludes
# what the mounts' files: patterns leave out ("! _*"). A mount from outside
# the repository (dapr's docs mount each SDK's from a submodule) is named.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs/v2/2.20" "$site/content/docs/v2/2.19" "$site/content/docs/v2/_dev" "$site/content/blog"
cat >"$site/hugo.yaml" <<'EOF'
title: Tracing
baseURL: https://tracing.example/
params:
  latestV2: "2.20"
module:
  mounts:
    - source: content
      target: content
      files:
        - '! docs/v?'
        - '! _index-old.md'
    - source: content/docs/v2
      target: content/docs
      files: '! _*'
    - source: content/docs/v2/_dev
      target: content/docs/2.dev
    - source: ../sdk/docs
      target: content/docs/sdk
    - source: static
      target: static
EOF
printf -- '---\ntitle: Tracing\n---\n[Get started](docs/{{%% param latestV2 %%}}/install/).\n' >"$site/content/_index.md"
printf -- '---\ntitle: Old home\n---\nSee [the gone page](/nowhere/).\n' >"$site/content/_index-old.md"
printf -- '---\ntitle: Documentation\n---\nAll versions.\n' >"$site/content/docs/_index.md"
printf -- '---\ntitle: Not published\n---\nHugo never reads this one.\n' >"$site/content/docs/v2/_index.md"
printf -- '---\ntitle: v2.20\n---\nStart with [install](install/).\n' >"$site/content/docs/v2/2.20/_index.md"
printf -- '---\ntitle: Install\naliases: [../setup]\n---\nSee [2.19](/docs/2.19/install/) and [next](/docs/2.dev/install/).\n' \
	>"$site/content/docs/v2/2.20/install.md"
printf -- '---\ntitle: Install\n---\nOlder.\n' >"$site/content/docs/v2/2.19/install.md"
printf -- '---\ntitle: Next\n---\nComing.\n' >"$site/content/docs/v2/_dev/_index.md"
printf -- '---\ntitle: Install\n---\nNext install.\n' >"$site/content/docs/v2/_dev/install.md"
printf -- '---\ntitle: Hello\ndate: 2024-01-02\n---\nRead [the docs](/docs/2.20/install/).\n' >"$site/content/blog/hello.md"

"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
cat "$site/folio.yaml"
assert_contains "$TEST_DIR/init.txt" 'content/docs/v2 is mounted at content/docs: its pages at /docs/<path>/, as Hugo publishes them; its list at /docs/v2/'
assert_contains "$TEST_DIR/init.txt" "content/docs/sdk: Hugo mounts ../sdk/docs there, outside the site's folder (a file above it, or a submodule): its pages are not read, and links to them are refused"
assert_contains "$site/folio.yaml" 'permalink: "/docs/:path/"'
assert_contains "$site/folio.yaml" 'permalink: "/docs/2.dev/:path/"'
assert_contains "$site/folio.yaml" '  - "content/docs/v2/_index.md"'
assert_contains "$site/folio.yaml" '  - "content/_index-old.md"'
if grep -q '^  - "content/docs/v2/_dev"' "$site/folio.yaml"; then fail "a mounted folder was excluded by another mount's '! _*'"; fi

out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/docs/2.20/install/index.html" 'href="/docs/2.19/install/"'
assert_contains "$out/docs/2.19/install/index.html" 'Older.'
assert_contains "$out/docs/2.dev/install/index.html" 'Next install.'
assert_contains "$out/docs/2.dev/index.html" 'Coming.'
assert_contains "$out/docs/2.20/index.html" 'Start with'
assert_contains "$out/index.html" 'href="/docs/2.20/install/"'
# the relative alias is read from the page's published address
assert_contains "$out/docs/setup/index.html" '/docs/2.20/install/'
for gone in docs/v2/2.20/install/index.html; do
	[ ! -e "$out/$gone" ] || fail "$gone is published at the folder's address"
done
if grep -rq 'Hugo never reads this one' "$out"; then fail "a file the mount leaves out is published"; fi
if grep -rq 'Old home' "$out"; then fail "a file the content mount leaves out is published"; fi
echo "ok"

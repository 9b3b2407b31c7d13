#!/bin/bash
# Hugo's {{< param name >}} writes the page's front matter value, else the
# site's params (etcd.io's docs link /docs/{{< param version >}}/..., its
# home page /docs/{{< param latest_stable_version >}}/). folio wrote
# nothing there, so each such link read /docs//... and was broken. Now:
# the page's own value first (keys without case, as Hugo's), then params:
# in folio.yaml, which init --from hugo copies from Hugo's [params] for the
# names pages use; a name neither gives is an error at its line, as Hugo
# stops the build there. Between the two, the nearest section page's
# cascade: (etcd.io's docs/v3.5/_index.md cascades version: v3.5 to that
# version's pages), and a publish with a state renders those pages again
# when the cascade changes.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs/v3.7" "$site/content/blog"
cat >"$site/hugo.toml" <<'EOF'
title = "Keystore"
baseURL = "https://keystore.example/"
[params]
latest_stable_version = "v3.7"
unused_here = "x"
[params.grpc_vers]
core = "v1.82.0"
EOF
printf -- '---\ntitle: Install\n---\nInstall it.\n' >"$site/content/docs/v3.7/install.md"
printf -- '---\ntitle: Quickstart\nVersion: v3.7\n---\nFirst [install](/docs/{{< param version >}}/install/).\n' \
	>"$site/content/docs/v3.7/quickstart.md"
printf -- '---\ntitle: News\n---\nRead the [latest](/docs/{{< param "latest_stable_version" >}}/install/).\n\nToday: {{%% param LATEST_STABLE_VERSION %%}}.\n' \
	>"$site/content/blog/news.md"
printf -- '---\ntitle: Lost\n---\nA line.\n\nVersion {{< param nowhere >}} here.\n' >"$site/content/blog/lost.md"
# Hugo 0.123's params: block of a page (gohugo.io), a nested site param
# named with its dots (grpc.io), a name with dashes
printf -- '---\ntitle: Start\nparams:\n  minVersion: v0.158.0\ncmake-version: "3.28"\n---\nHugo {{%% param "minVersion" %%}}, core {{< param grpc_vers.core >}}, cmake {{< param cmake-version >}}.\n' \
	>"$site/content/blog/start.md"
mkdir -p "$site/content/docs/v3.5/op-guide" "$site/content/docs/v3.6"
printf -- '---\ntitle: v3.5 docs\ncascade:\n  version: v3.5\n---\nThe 3.5 docs.\n' >"$site/content/docs/v3.5/_index.md"
printf -- '---\ntitle: Install\n---\nInstall 3.5.\n' >"$site/content/docs/v3.5/install.md"
printf -- '---\ntitle: Install\n---\nInstall 3.6.\n' >"$site/content/docs/v3.6/install.md"
printf -- '---\ntitle: Tuning\n---\nFirst [install](/docs/{{< param version >}}/install/).\n' \
	>"$site/content/docs/v3.5/op-guide/tuning.md"

"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" '"latest_stable_version": "v3.7"'
assert_contains "$site/folio.yaml" '"grpc_vers.core": "v1.82.0"'
assert_contains "$TEST_DIR/init.txt" '{{< param nowhere >}} in 1 pages: the site'"'"'s params give it no text value, so each page'"'"'s front matter or a section'"'"'s cascade: must'
if grep -q 'unused_here' "$site/folio.yaml"; then fail "a param no page names was copied"; fi

out=$TEST_DIR/out
r=0
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || r=$?
cat "$TEST_DIR/build.txt"
[ $r -eq 1 ] || fail "a param nothing gives should stop the build, as Hugo's errorf does (exit $r)"
assert_contains "$TEST_DIR/build.txt" 'content/blog/lost.md:6:9: error: shortcode cannot be used: param "nowhere" is set neither in the page'"'"'s front matter, nor in a section'"'"'s cascade:, nor in params: in folio.yaml [shortcode/invalid]'
rm "$site/content/blog/lost.md"
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/docs/v3.7/quickstart/index.html" 'href="/docs/v3.7/install/"'
assert_contains "$out/blog/news/index.html" 'href="/docs/v3.7/install/"'
assert_contains "$out/blog/news/index.html" 'Today: v3.7.'
assert_contains "$out/blog/start/index.html" 'Hugo v0.158.0, core v1.82.0, cmake 3.28.'
assert_contains "$out/docs/v3.5/op-guide/tuning/index.html" 'href="/docs/v3.5/install/"'

# the cascade changes: a publish from the state renders its pages again
repo=$TEST_DIR/repo
cp -r "$site" "$repo"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm "site"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
assert_contains "$pub/docs/v3.5/op-guide/tuning/index.html" 'href="/docs/v3.5/install/"'
sed -i 's/^  version: v3.5$/  version: v3.6/' "$repo/content/docs/v3.5/_index.md"
git -C "$repo" commit -qam "the 3.5 docs point to 3.6"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/docs/v3.5/op-guide/tuning/index.html" 'href="/docs/v3.6/install/"'
same_as_full "$repo" "$pub" "the 3.5 cascade changed"

# without params: the site's value is missing: the link is broken, named
awk '/^params:$/ { skip = 1; next } skip && /^  / { next } { skip = 0; print }' "$site/folio.yaml" >"$TEST_DIR/f.yaml"
mv "$TEST_DIR/f.yaml" "$site/folio.yaml"
if grep -q 'latest_stable_version' "$site/folio.yaml"; then fail "params: not removed: $(cat "$site/folio.yaml")"; fi
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "without params: the link to /docs//install/ should be broken (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'content/blog/news.md:4:'
assert_contains "$TEST_DIR/check.txt" 'link to "/docs//install/"'
echo "ok"

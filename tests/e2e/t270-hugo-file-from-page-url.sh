#!/bin/bash
# A relative link to a file is read from the page's URL when only that
# reading names a published file, as a browser reads it on Hugo's site:
# etcd.io's docs/v3.5/op-guide/monitoring.md links "../grafana.json", which
# from /docs/v3.5/op-guide/monitoring/ is the grafana.json beside the page's
# file. folio read it from the file's folder (docs/v3.5/grafana.json) and
# refused 169 such links (link/asset). A file found from the file's folder
# keeps that reading; one found nowhere is still refused.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs/op-guide"
printf 'title = "Keystore"\nbaseURL = "https://keystore.example/"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Guide\n---\nThe guide.\n' >"$site/content/docs/_index.md"
printf '{"panels": []}\n' >"$site/content/docs/op-guide/grafana.json"
printf 'a,b\n' >"$site/content/docs/op-guide/data.csv"
printf 'a,b\n' >"$site/content/docs/op-guide/other.csv"
mkdir -p "$site/content/docs/op-guide/monitoring"
printf 'a,b\n' >"$site/content/docs/op-guide/monitoring/other.csv"
cat >"$site/content/docs/op-guide/monitoring.md" <<'EOF'
---
title: Monitoring
---
Import [the dashboard](../grafana.json) and [the data](data.csv).

Both readings name a file: [the file's](other.csv).
EOF
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused a link to a file beside the page: $(cat "$TEST_DIR/build.txt")"
page=$out/docs/op-guide/monitoring/index.html
assert_contains "$page" 'href="/docs/op-guide/grafana.json"'
assert_contains "$page" 'href="/docs/op-guide/data.csv"'
assert_contains "$page" 'href="/docs/op-guide/other.csv"'
[ -f "$out/docs/op-guide/grafana.json" ] || fail "grafana.json not published: $(find "$out/docs" -type f)"

# the same from a repository, published with a state (its bodies are parsed
# while their blobs are read, before the files are placed)
repo=$TEST_DIR/repo
cp -r "$site" "$repo"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm "site"
pub=$TEST_DIR/pub
publish "$repo" "$pub" "$TEST_DIR/state" "first publish"
assert_contains "$pub/docs/op-guide/monitoring/index.html" 'href="/docs/op-guide/grafana.json"'
# its title changed: published from the site model, its body parsed anew
sed -i 's/^title: Monitoring$/title: Monitoring it/' "$repo/content/docs/op-guide/monitoring.md"
git -C "$repo" commit -qam "retitle"
publish "$repo" "$pub" "$TEST_DIR/state" "second publish"
assert_contains "$pub/docs/op-guide/monitoring/index.html" 'Monitoring it'
same_as_full "$repo" "$pub" "retitled"

# a file found nowhere: refused, named
printf -- '---\ntitle: Lost\n---\nSee [it](../missing.json).\n' >"$site/content/docs/op-guide/lost.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "a link to a file found nowhere should be refused (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'content/docs/op-guide/lost.md:4:'
assert_contains "$TEST_DIR/check.txt" '[link/asset]'
echo "ok"

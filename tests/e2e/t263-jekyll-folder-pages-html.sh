#!/bin/bash
# Jekyll publishes the pages of a folder where its permalink style puts
# them: docs/x.md at /docs/x.html by default (the style "date", or any
# pattern not ending in /), its name's capitals kept (docs/Cap.md at
# /docs/Cap.html), and the folder's index.md at /docs/. folio put them at
# /docs/x/, so every link written to /docs/x.html was refused as a missing
# file. init --from jekyll now writes ugly_urls: pages (the pages at .html,
# the list at its folder) and slug_case: keep; with permalink: pretty,
# the pages are at /docs/x/ and /docs/Cap/ (Jekyll's /:path/ keeps the
# capitals too). A body edit keeps the addresses.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site() { # site DIR [permalink line]
	mkdir -p "$1/docs"
	printf 'title: J\nurl: https://j.example\n%s' "${2:-}" >"$1/_config.yml"
	printf -- '---\ntitle: Docs\n---\nAll docs: [x](%s), [y](y.md), [cap](%s).\n' "$3" "$4" >"$1/docs/index.md"
	printf -- '---\ntitle: X\n---\nX. [docs](/docs/) [home](/)\n' >"$1/docs/x.md"
	printf -- '---\ntitle: Y\n---\nY.\n' >"$1/docs/y.md"
	printf -- '---\ntitle: Cap\n---\nCap.\n' >"$1/docs/Cap.md"
}

ugly=$TEST_DIR/ugly
site "$ugly" "" /docs/x.html /docs/Cap.html
"$FOLIO" init --from jekyll "$ugly" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
python3 - "$ugly/folio.yaml" <<'PY'
import sys, yaml
docs = {c["name"]: c for c in yaml.safe_load(open(sys.argv[1]))["collections"]}["docs"]
assert docs.get("ugly_urls") == "pages" and docs.get("slug_case") == "keep", docs
PY
"$FOLIO" check --worktree "$ugly" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
git -C "$ugly" init -q && git -C "$ugly" add -A && git -C "$ugly" commit -qm one
out=$TEST_DIR/out state=$TEST_DIR/state
build() { "$FOLIO" build --repo "$ugly/.git" --out "$out" --state "$state" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"; }
build
assert_contains "$out/docs/x.html" 'X.'
assert_contains "$out/docs/Cap.html" 'Cap.'
assert_contains "$out/docs/index.html" 'href="/docs/y.html">y'
assert_contains "$out/docs/index.html" 'All docs'
for d in docs/x docs/cap docs.html; do [ ! -e "$out/$d" ] || fail "$d is published"; done
sed -i 's/^X\./X, again./' "$ugly/docs/x.md"
git -C "$ugly" commit -qam body
build
assert_contains "$out/docs/x.html" 'X, again.'
# the list's own address is the folder: a link to /docs.html names nothing
printf -- '---\ntitle: Z\n---\n[list](/docs.html)\n' >"$ugly/docs/z.md"
r=0
"$FOLIO" check --worktree "$ugly" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse /docs.html (exit $r): $(cat "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" 'docs/z.md:4:8: error: link to "/docs.html" points to no page [link/broken]'

pretty=$TEST_DIR/pretty
site "$pretty" 'permalink: pretty
' /docs/x/ /docs/Cap/
"$FOLIO" init --from jekyll "$pretty" >"$TEST_DIR/init2.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init2.txt")"
python3 - "$pretty/folio.yaml" <<'PY'
import sys, yaml
docs = {c["name"]: c for c in yaml.safe_load(open(sys.argv[1]))["collections"]}["docs"]
assert "ugly_urls" not in docs and docs.get("slug_case") == "keep", docs
PY
"$FOLIO" build --worktree "$pretty" --out "$TEST_DIR/out2" >"$TEST_DIR/build2.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build2.txt")"
for f in docs/x/index.html docs/Cap/index.html docs/index.html; do [ -f "$TEST_DIR/out2/$f" ] || fail "no $f"; done
echo "ok"

#!/bin/bash
# A Hugo section whose _index.md says url: /archives/ has its list there,
# while its pages stay at /posts/<path>/ (Hugo's url: moves that page
# only). folio kept that only for a section with a date permalink; in a
# section without one, the list stayed at /posts/ and /archives/ was a
# redirect to it. init now writes url: "/archives/" with permalink:
# "/posts/:path/": the list and its feeds at /archives/, each
# page (nested, and a sub-section's page) where Hugo puts it. The same on
# the incremental path: a new page is at /posts/<name>/ and listed at
# /archives/.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

repo=$TEST_DIR/repo
mkdir -p "$repo/content/posts/2023" "$repo/content/docs"
printf 'baseURL = "https://sect.example/"\ntitle = "Sect"\n' >"$repo/hugo.toml"
printf -- '---\ntitle: "Billets"\nurl: /archives/\n---\nEvery post.\n' >"$repo/content/posts/_index.md"
printf -- '---\ntitle: "2023"\n---\nThat year.\n' >"$repo/content/posts/2023/_index.md"
post() { printf -- '---\ntitle: "%s"\ndate: %s\n---\n%s\n' "$2" "$3" "$4" >"$repo/content/posts/$1"; }
post first.md "First" 2024-01-01 "One."
post 2023/old.md "Old" 2023-03-01 "Before."
post third.md "Third" 2024-02-01 "Three."
printf -- '---\ntitle: "Guide"\n---\nSee [the archives](/archives/), [first](/posts/first/), [old](/posts/2023/old/) and [2023](/posts/2023/).\n' \
	>"$repo/content/docs/guide.md"
"$FOLIO" init --from hugo "$repo" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
python3 - "$repo/folio.yaml" <<'PY'
import sys, yaml
cols = {c["name"]: c for c in yaml.safe_load(open(sys.argv[1]))["collections"]}
assert cols["posts"]["url"] == "/archives/", cols["posts"]
assert cols["posts"]["permalink"] == "/posts/:path/", cols["posts"]
assert "permalink" not in cols["docs"], cols["docs"]
PY
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm one
out=$TEST_DIR/out state=$TEST_DIR/state
build() { "$FOLIO" build --repo "$repo/.git" --out "$out" --state "$state" --explain >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"; }
build
assert_contains "$out/archives/index.html" 'Every post.'
assert_contains "$out/archives/index.html" 'href="/posts/third/"'
grep -q 'http-equiv="refresh"' "$out/archives/index.html" && fail "/archives/ is a redirect, not the list"
for f in archives/index.xml archives/atom.xml; do [ -f "$out/$f" ] || fail "no feed $f"; done
assert_contains "$out/posts/first/index.html" 'One.'
assert_contains "$out/posts/2023/old/index.html" 'Before.'
assert_contains "$out/posts/2023/index.html" 'That year.'
[ ! -e "$out/posts/index.html" ] || fail "a list is still published at /posts/"
[ ! -e "$out/archives/first" ] || fail "a page is published below /archives/"
guide=$out/docs/guide/index.html
assert_contains "$guide" 'href="/archives/">the archives'
assert_contains "$guide" 'href="/posts/2023/old/">old'

# a new post, on the incremental path
post fourth.md "Fourth" 2024-03-01 "Four."
git -C "$repo" add -A && git -C "$repo" commit -qm four
build
assert_contains "$out/posts/fourth/index.html" 'Four.'
assert_contains "$out/archives/index.html" 'href="/posts/fourth/"'
[ ! -e "$out/archives/fourth" ] || fail "the new page is published below /archives/"
echo "ok"

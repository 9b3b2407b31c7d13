#!/bin/bash
# A commit that changes files the site does not read (exclude: names them:
# a Gemfile.lock, a theme's sources; or no collection, copied folder or
# static root holds them: a project's Makefile, its .github/ workflows)
# besides page bodies takes the fast path (issue 14: it loaded the whole
# site), and publishes what a full build does; a change of an excluded file
# a static root publishes, of a page named in exclude:, of folio.yaml or of
# a file beside a collection's pages (published there) does not.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/site
mkdir -p "$repo"
cp -r "$FOLIO_SOURCE_DIR/content/." "$repo/"
mkdir -p "$repo/theme/src" "$repo/theme/static"
echo 'GEM' >"$repo/Gemfile.lock"
echo 'body { color: red }' >"$repo/theme/src/main.scss"
echo 'a { color: blue }' >"$repo/theme/static/site.css"
printf -- '---\ntitle: Old notes\n---\nNotes.\n' >"$repo/theme/notes.md"
cat >>"$repo/folio.yaml" <<'YAML'
exclude: [Gemfile.lock, theme]
static_roots: [theme/static]
YAML
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm site
out=$TEST_DIR/out st=$TEST_DIR/st
publish "$repo" "$out" "$st" "first"
page=$repo/pages/presentation.md

step() { # LABEL FAST(yes|no): commit, publish, compare with a full build
	git -C "$repo" add -A && git -C "$repo" commit -qm "$1"
	"$FOLIO" build --repo "$repo" --out "$out" --state "$st" >"$TEST_DIR/p.txt" 2>&1 || fail "$1: $(cat "$TEST_DIR/p.txt")"
	if [ "$2" = yes ]; then
		assert_contains "$TEST_DIR/p.txt" "(fast path)"
	else
		assert_not_contains "$TEST_DIR/p.txt" "(fast path)"
	fi
	same_as_full "$repo" "$out" "$1"
}
echo 'GEM 2' >"$repo/Gemfile.lock"
step "the lock file alone" yes
echo 'body { color: green }' >"$repo/theme/src/main.scss"
echo "Une ligne de plus." >>"$page"
step "a theme source and a page's body" yes
assert_contains "$out/pages/presentation/index.html" "Une ligne de plus."
"$FOLIO" check --state "$st" --repo "$repo" HEAD >"$TEST_DIR/c.txt" 2>&1 || fail "check: $(cat "$TEST_DIR/c.txt")"
rm "$repo/theme/src/main.scss"
step "a theme source deleted" yes
echo 'a { color: black }' >"$repo/theme/static/site.css"
step "a file a static root publishes" no
assert_contains "$out/site.css" "black"
printf -- '---\ntitle: Old notes, again\n---\nNotes.\n' >"$repo/theme/notes.md"
step "a page-named file below exclude:" no
mkdir -p "$repo/.github/workflows"
echo 'on: push' >"$repo/.github/workflows/ci.yml"
echo 'all:' >"$repo/Makefile"
step "a workflow and a Makefile, no part of the site" yes
echo 'jobs: {}' >>"$repo/.github/workflows/ci.yml"
echo "Encore une ligne." >>"$page"
step "a workflow and a page's body" yes
echo 'notes' >"$repo/events/notes.txt"
step "a file beside a collection's pages, published there" no
[ -f "$out/events/notes.txt" ] || fail "the file beside the events was not published"
sed -i 's/^title: .*/title: "ISCRA, autrement"/' "$repo/folio.yaml"
step "folio.yaml" no
echo "ok"

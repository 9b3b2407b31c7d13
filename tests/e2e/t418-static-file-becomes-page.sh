#!/bin/bash
# A file copied as it is (an HTML file without front matter beside Hugo
# pages), rewritten in place with front matter, is a page now: the publish
# from the state must not take it for a static file whose copy alone
# changes (publish_judge.c's static_only), and leaves the output a full
# build's. A PDF rewritten in place is published from the site model.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/docs"
printf 'baseURL = "https://docs.example/"\ntitle = "Docs"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Guide\n---\nVoir [le PDF](guide.pdf).\n' >"$s/content/docs/guide.md"
printf '<!doctype html><p>Démo 1</p>\n' >"$s/content/docs/demo.html"
printf '%%PDF-1.4 v1\n' >"$s/content/docs/guide.pdf"
"$FOLIO" init --from hugo "$s" >/dev/null 2>&1 || fail "init failed"
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
assert_contains "$TEST_DIR/pub/docs/demo.html" "Démo 1"
# the PDF rewritten: from the site model
printf '%%PDF-1.4 v2\n' >"$r/content/docs/guide.pdf"
git -C "$r" commit -qam "PDF v2"
FOLIO_TRACE=1 "$FOLIO" build --repo "$r" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>"$TEST_DIR/t1" ||
	{ cat "$TEST_DIR/t1" >&2; fail "the PDF's publish failed"; }
assert_contains "$TEST_DIR/t1" "from the site model"
assert_contains "$TEST_DIR/pub/docs/guide.pdf" "v2"
same_as_full "$r" "$TEST_DIR/pub" "PDF v2"
# the HTML file given front matter: a page, checked as one (a broken link
# refused, as a full check refuses it), then at /docs/demo/
printf -- '---\ntitle: Démo\n---\n<p>Démo 2, <a href="/nulle-part/">ailleurs</a></p>\n' >"$r/content/docs/demo.html"
git -C "$r" commit -qam "demo is a page, with a broken link"
! "$FOLIO" build --repo "$r" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >"$TEST_DIR/b2" 2>&1 ||
	fail "a page with a broken link, once a static file, was published"
assert_contains "$TEST_DIR/b2" "link/broken"
printf -- '---\ntitle: Démo\n---\n<p>Démo 2</p>\n' >"$r/content/docs/demo.html"
git -C "$r" commit -qam "demo is a page"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "demo is a page"
assert_contains "$TEST_DIR/pub/docs/demo/index.html" "Démo 2"
same_as_full "$r" "$TEST_DIR/pub" "demo is a page"
echo "t418 ok"

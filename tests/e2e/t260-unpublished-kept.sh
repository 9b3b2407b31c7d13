#!/bin/bash
# A link to a draft is a warning (link/unpublished) that a site keeps until
# the draft is published. It used to turn the fast path and the site model
# off for every later commit: each one loaded the whole site. Now a kept
# link/unpublished stands while its target stays held; publishing the
# draft, or a held page changed and still held, goes the full way, so the
# warning goes exactly when a full check says. Each step: bytes equal to a
# full build, and `check --state` (judged from the state) says what a full
# check says. Last, shortcode/invalid and date/invalid made warnings, each
# a page's own finding, likewise keep later commits incremental.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/posts" "$site/content/people"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n' >"$site/hugo.toml"
post() { printf -- '---\ntitle: "%s"\ndate: 2024-03-%s\n%s---\n%s\n' "$2" "$3" "$4" "$5" >"$site/content/$1"; }
for i in 01 02 03 04 05; do post "posts/p$i.md" "Post $i" "$i" "" "Text $i."; done
post posts/draft.md "Coming soon" 20 "draft: true
" "Not yet."
post posts/p02.md "Post 02" 02 "" "Soon: [the next one](draft.md)."
post people/ada.md "Ada" 01 "" "Writes."
post people/bob.md "Bob" 02 "draft: true
" "Joins soon."
post people/cy.md "Cy" 03 "" "Works with [Bob](/people/bob/)."
"$FOLIO" init --from hugo "$site" >/dev/null 2>&1 || fail "init failed"
git -C "$site" init -q && git -C "$site" add -A && git -C "$site" commit -qm "site"

out=$TEST_DIR/out state=$TEST_DIR/state
publish() { # label: publish HEAD, its trace in pub.txt; bytes and findings as a full build's
	FOLIO_TRACE=1 "$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/pub.txt" 2>&1 ||
		fail "$1: publish failed: $(cat "$TEST_DIR/pub.txt")"
	same_as_full "$site" "$out" "$1"
	"$FOLIO" check --repo "$site" >"$TEST_DIR/full-check.txt" 2>&1
	"$FOLIO" check --repo "$site" --state "$state" >"$TEST_DIR/state-check.txt" 2>&1
	diff "$TEST_DIR/full-check.txt" "$TEST_DIR/state-check.txt" ||
		fail "$1: check --state differs from a full check"
}
not_whole() { # label: the publish did not load the whole site
	grep -q "(fast path)\|from the site model" "$TEST_DIR/pub.txt" ||
		fail "$1: the whole site was loaded: $(grep -i "not taken\|not judged" "$TEST_DIR/pub.txt")"
}
whole() { # label
	! grep -q "(fast path)\|from the site model" "$TEST_DIR/pub.txt" || fail "$1: judged from the state"
}
commit() { git -C "$site" add -A && git -C "$site" commit -qm "$1"; }

publish "first publish"
assert_contains "$TEST_DIR/full-check.txt" '[link/unpublished]'
[ "$(grep -c 'link/unpublished' "$TEST_DIR/full-check.txt")" = 2 ] ||
	fail "two links to held pages expected: $(cat "$TEST_DIR/full-check.txt")"

printf "\nMore text.\n" >>"$site/content/posts/p04.md" && commit "body edit"
publish "a body edit"
not_whole "a body edit"

post posts/p06.md "Post 06" 06 "" "New." && commit "add"
publish "an added post"
not_whole "an added post"

sed -i 's/^title: "Post 05"/title: "Post five"/' "$site/content/posts/p05.md" && commit "retitle"
publish "a retitle"
not_whole "a retitle"

# the draft changed and still a draft: its description may change
sed -i 's/^draft: true/draft: true\npublishDate: 2099-01-01/' "$site/content/posts/draft.md" && commit "draft dated"
publish "a draft changed"
whole "a draft changed"

# the draft published: p02's warning goes
sed -i '/^draft: true/d;/^publishDate/d' "$site/content/posts/draft.md" && commit "draft out"
publish "the draft published"
whole "the draft published"
[ "$(grep -c 'link/unpublished' "$TEST_DIR/full-check.txt")" = 1 ] || fail "p02's warning stayed"
[ -f "$out/posts/draft/index.html" ] || fail "the published draft has no page"

# Bob published: Cy's warning goes
sed -i '/^draft: true/d' "$site/content/people/bob.md" && commit "bob joins"
publish "a linked person published"
whole "a linked person published"
assert_not_contains "$TEST_DIR/full-check.txt" 'link/unpublished'

# rules made warnings, each a page's own: a shortcode without its video
# id, a date that is none; later commits still cost what they change
# (init ends folio.yaml with its rules: key, html/raw for a Hugo site)
grep -q '^rules:$' "$site/folio.yaml" || echo 'rules:' >>"$site/folio.yaml"
printf '  shortcode/invalid: warning\n  date/invalid: warning\n' >>"$site/folio.yaml"
python3 - "$site/schemas/posts.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
d = s["properties"]["date"]
assert d.pop("anyOf", None) or d.pop("format", None), d  # the date rule alone says it
json.dump(s, open(sys.argv[1], "w"), indent=2)
PY
printf '\n{{< youtube >}}\n' >>"$site/content/posts/p01.md"
sed -i 's/^date: 2024-03-03$/date: "soon"/' "$site/content/posts/p03.md"
commit "warnings of two more rules"
publish "warnings kept"
assert_contains "$TEST_DIR/full-check.txt" '[shortcode/invalid]'
assert_contains "$TEST_DIR/full-check.txt" '[date/invalid]'
printf "\nEven more text.\n" >>"$site/content/posts/p05.md" && commit "another body edit"
publish "a body edit beside them"
not_whole "a body edit beside them"
post posts/p07.md "Post 07" 07 "" "Newer." && commit "another add"
publish "an add beside them"
not_whole "an add beside them"
echo ok

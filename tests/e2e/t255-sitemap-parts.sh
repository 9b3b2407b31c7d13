#!/bin/bash
# Past the sitemap-urls limit, sitemap.xml is a sitemap index of parts
# (sitemap-<k>.xml) that split the URLs by a hash of each (the protocol
# caps one file at 50,000 URLs; issue 14: an add rewrote the whole file).
# The sample site with the limit lowered to 8 URLs: the index and each
# part are valid XML read by Python's parser, the parts hold exactly the
# URLs and lastmods of the one sitemap the same site has without the limit,
# and an add, a retitle and a delete published from the site model each
# leave a full build's bytes and rewrite at most one part.
# The built-in list template links to a window of list pages (the first,
# the last, two either side of the current one), not to every one: each
# list page an add shifts no longer grows with the collection.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

repo=$TEST_DIR/repo
make_repo "$repo"
printf '\nlimits:\n  sitemap-urls: 8\n' >>"$repo/folio.yaml"
git -C "$repo" commit -qam "sitemap parts of 8 URLs"
out=$TEST_DIR/out state=$TEST_DIR/state
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/b0.txt" 2>&1 ||
	fail "first publish failed: $(cat "$TEST_DIR/b0.txt")"

# the same site in one sitemap: the URLs and lastmods the parts must hold
make_repo "$TEST_DIR/one"
"$FOLIO" build --repo "$TEST_DIR/one" --out "$TEST_DIR/one-out" >/dev/null 2>&1 || fail "build without the limit failed"

# check_sitemap DIR [ONE]: DIR/sitemap.xml is an index whose parts exist,
# each a urlset of at least one URL; with ONE, their URLs are ONE's
check_sitemap() {
	python3 - "$1" "${2:-}" <<'EOF' || fail "sitemap check failed on $1"
import os, sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
out, one = sys.argv[1], sys.argv[2]
root = ET.parse(os.path.join(out, "sitemap.xml")).getroot()
assert root.tag == "{%s}sitemapindex" % ns["s"], "not a sitemap index: " + root.tag
locs = [e.text for e in root.findall("s:sitemap/s:loc", ns)]
assert len(locs) >= 2, locs
urls = []
for loc in locs:
    assert loc.startswith("https://iscra.example/sitemap-") and loc.endswith(".xml"), loc
    part = ET.parse(os.path.join(out, loc[len("https://iscra.example/"):])).getroot()
    assert part.tag == "{%s}urlset" % ns["s"], part.tag
    got = [(u.findtext("s:loc", None, ns), u.findtext("s:lastmod", None, ns)) for u in part.findall("s:url", ns)]
    assert got, loc + " holds no URL"
    assert got == sorted(got), loc + " not in URL order"
    urls += got
assert len(urls) == len(set(urls)), "a URL in two parts"
files = sorted(f for f in os.listdir(out) if f.startswith("sitemap-"))
assert len(files) == len(locs), (files, locs)
if one:
    single = ET.parse(os.path.join(one, "sitemap.xml")).getroot()
    want = [(u.findtext("s:loc", None, ns), u.findtext("s:lastmod", None, ns)) for u in single.findall("s:url", ns)]
    assert sorted(urls) == sorted(want), (sorted(set(urls) ^ set(want)))[:5]
    assert len(want) > 8, len(want)
EOF
}
check_sitemap "$out" "$TEST_DIR/one-out"
same_as_full "$repo" "$out" "first publish"

# publish HEAD from the model: a full build's bytes, at most one part rewritten
n=0
publish() { # label
	n=$((n + 1))
	rm -rf "$TEST_DIR/before" && mkdir "$TEST_DIR/before" && cp "$out"/sitemap*.xml "$TEST_DIR/before/"
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --out "$out" --state "$state" >/dev/null 2>"$TEST_DIR/trace$n" ||
		fail "$1: publish failed: $(cat "$TEST_DIR/trace$n")"
	grep -q "from the site model" "$TEST_DIR/trace$n" || fail "$1: not published from the site model"
	same_as_full "$repo" "$out" "$1"
	check_sitemap "$out"
	changed=0
	for f in "$out"/sitemap-*.xml; do
		cmp -s "$f" "$TEST_DIR/before/${f##*/}" || changed=$((changed + 1))
	done
	[ "$changed" -le "$2" ] || fail "$1: $changed sitemap parts rewritten, expected at most $2"
}

sed '0,/^title: /s//title: Un ajout, /' "$repo/events/rencontre-associations-recherche-2019.md" >"$repo/events/ajout.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "add an event"
publish "an add" 1
grep -q "https://iscra.example/events/ajout/" "$out"/sitemap-*.xml || fail "the added event is in no part"

sed -i '0,/^name: /s//name: Renommée /' "$repo/people/lionel-larque.md"
git -C "$repo" commit -qam "rename a speaker"
publish "a retitle" 0

git -C "$repo" rm -q events/ajout.md && git -C "$repo" commit -qm "delete the event"
publish "a delete" 1
! grep -q "/events/ajout/" "$out"/sitemap-*.xml || fail "the deleted event is still in a part"

# the built-in list's pagination: one organization a page, 7 pages
repo=$TEST_DIR/lists out=$TEST_DIR/lists-out state=$TEST_DIR/lists-state
make_repo "$repo"
git -C "$repo" rm -q templates/list.mustache
sed -i 's/^page_size: 10$/page_size: 1/' "$repo/folio.yaml"
git -C "$repo" commit -qam "built-in lists, one item a page"
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/l0.txt" 2>&1 ||
	fail "lists: first publish failed: $(cat "$TEST_DIR/l0.txt")"
links() { # FILE: the page numbers its pagination shows, "..." for a gap
	sed -n '/class="pagination"/,/<\/nav>/p' "$1" | sed -n 's|.*<li>…</li>.*|...|p; s|.*<li><a href="[^"]*">\([0-9]*\)</a></li>.*|\1|p; s|.*<li><strong>\([0-9]*\)</strong></li>.*|\1|p' | tr '\n' ' '
}
[ "$(links "$out/organizations/index.html")" = "1 2 3 ... 7 " ] ||
	fail "page 1 of 7 shows: $(links "$out/organizations/index.html")"
[ "$(links "$out/organizations/page/4/index.html")" = "1 2 3 4 5 6 7 " ] ||
	fail "page 4 of 7 shows: $(links "$out/organizations/page/4/index.html")"
[ "$(links "$out/organizations/page/7/index.html")" = "1 ... 5 6 7 " ] ||
	fail "page 7 of 7 shows: $(links "$out/organizations/page/7/index.html")"
sed '0,/^name: /s//name: Une association, /' "$repo/organizations/$(ls "$repo/organizations" | head -1)" \
	>"$repo/organizations/zz-ajout.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "add an organization"
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/l1.txt" 2>&1 ||
	fail "lists: add failed: $(cat "$TEST_DIR/l1.txt")"
same_as_full "$repo" "$out" "lists: an add"
[ "$(links "$out/organizations/page/8/index.html")" = "1 ... 6 7 8 " ] ||
	fail "page 8 of 8 shows: $(links "$out/organizations/page/8/index.html")"
echo ok

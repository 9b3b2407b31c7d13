#!/bin/bash
# A publish that loads the whole site (the first one with a state, as
# folio watch's start-up; a template change) streams as folio build does:
# each page's HTML waits in an unlinked scratch file in the state's folder,
# read back once, and so do the feed items it keeps for the next publish
# (FOLIO_TRACE counts both), instead of every page's HTML held twice in
# memory. The output equals a full build's, every feed item is kept, a body
# edit afterwards takes its neighbours' from the state (and its output
# still equals a full build's), and nothing is left in the state's folder
# but the state.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
mkdir -p "$repo/content/posts"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\n' >"$repo/hugo.toml"
for i in 01 02 03 04 05 06 07 08; do
	printf -- '---\ntitle: "Post %s"\ndate: 2024-03-%s\n---\nText %s, with *emphasis*.\n\nMore.\n' "$i" "$i" "$i" \
		>"$repo/content/posts/p$i.md"
done
"$FOLIO" init --from hugo "$repo" >/dev/null 2>&1 || fail "init failed"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm "site"
npages=8
out=$TEST_DIR/out state=$TEST_DIR/state

html_counts() { # TRACE: "spilled read_back again", or fails
	local c
	c=$(sed -n "s/.*publish: pages' HTML: \([0-9]*\) in the scratch file, \([0-9]*\) read back, \([0-9]*\) rendered again.*/\1 \2 \3/p" "$1")
	[ -n "$c" ] || fail "no trace of the pages' HTML: $(cat "$1")"
	echo "$c"
}
items_counts() { # TRACE: "rendered spilled kept", or fails
	local c
	c=$(sed -n 's/.*feed items: [0-9]* taken from the state, \([0-9]*\) rendered (\([0-9]*\) of them in the scratch file), \([0-9]*\) kept.*/\1 \2 \3/p' "$1")
	[ -n "$c" ] || fail "no trace of the feed items: $(cat "$1")"
	echo "$c"
}
publish() { # label
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --out "$out" --state "$state" >/dev/null 2>"$TEST_DIR/trace" ||
		fail "$1: publish failed: $(cat "$TEST_DIR/trace")"
	same_as_full "$repo" "$out" "$1"
}

publish "first publish"
read -r spilled back again <<<"$(html_counts "$TEST_DIR/trace")"
[ "$spilled" -ge "$npages" ] && [ "$back" -ge "$npages" ] && [ "$again" = 0 ] ||
	fail "first publish: $npages pages, $spilled in the scratch file, $back read back, $again rendered again"
read -r made mspilled kept <<<"$(items_counts "$TEST_DIR/trace")"
[ "$made" -ge "$npages" ] && [ "$mspilled" = "$made" ] ||
	fail "first publish: $made feed items rendered, $mspilled of them in the scratch file"
rows=$(sqlite3 "$state/state.sqlite" "SELECT count(*) FROM feed_items")
[ "$rows" = "$kept" ] && [ "$rows" = "$npages" ] || fail "$kept feed items said kept, $rows rows, $npages pages"
# the rows read back from the scratch file are the items as rendered
sqlite3 "$state/state.sqlite" "SELECT fragment FROM feed_items" | grep -q '"content_html"' ||
	fail "the kept feed items hold no content"
left=$(ls -A "$state" | grep -v '^state\.sqlite\(-wal\|-shm\)\?$\|^clean$\|^lock$' || true)
[ -z "$left" ] || fail "left in the state's folder: $left"

# a template change loads the whole site again, streaming
mkdir -p "$repo/templates"
printf '<!doctype html><title>{{page.title}}</title>{{{page.content}}}\n' >"$repo/templates/page.mustache"
git -C "$repo" add -A && git -C "$repo" commit -qm "template"
publish "a template change"
read -r spilled back again <<<"$(html_counts "$TEST_DIR/trace")"
[ "$spilled" -ge "$npages" ] && [ "$again" = 0 ] ||
	fail "template change: $spilled in the scratch file, $again rendered again"
grep -q "(fast path)\|from the site model" "$TEST_DIR/trace" && fail "a template change was not a full load"

# a body edit takes the other items of its feed page from the state
printf '\nOne more paragraph.\n' >>"$repo/content/posts/p04.md"
git -C "$repo" commit -qam "body"
publish "a body edit"
taken=$(sed -n 's/.*fast path: \([0-9]*\) feed items taken from the state.*/\1/p' "$TEST_DIR/trace")
[ -n "$taken" ] && [ "$taken" -gt 0 ] || fail "the fast path took no feed item from the state: $(grep -i "feed items" "$TEST_DIR/trace")"
echo ok

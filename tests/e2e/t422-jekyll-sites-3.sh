#!/bin/bash
# Faults a scout found on real Jekyll sites (helper h2, December 2026):
# 1. A file in a plain folder (no _x on its path) is a static file at its
#    own path in Jekyll, whatever permalink the folder's index.md has.
#    Open Life Science's fiscal-hosting/index.md has permalink:
#    /open-incubator/fiscal-hosting/ and its contract beside it,
#    fiscal-hosting/fsc-contract/fsc-contract.pdf, linked from another page
#    as /fiscal-hosting/fsc-contract/fsc-contract.pdf; folio published the
#    files below /open-incubator/fiscal-hosting/ as a Hugo bundle's and
#    refused the links (link/asset).
# 2. A feed a Liquid file makes lists what its loop's limit: says: Open
#    Life Science's feed.xml is "{% for post in site.posts limit:10 %}"
#    (the University at Buffalo group's blog.xml limit:20); folio's kept
#    feed listed page_size posts (20), init now writes its size:.
. "$(dirname "$0")/lib.sh"

# 1
j=$TEST_DIR/plain
mkdir -p "$j/fiscal/contract" "$j/_events"
printf 'title: T\nurl: https://x.example\ncollections:\n  events:\n    output: true\n    permalink: /:collection/:path/\n' >"$j/_config.yml"
printf -- '---\ntitle: Home\n---\nSee [the contract](/fiscal/contract/c.pdf), [split](/fiscal/split.png) and [map](/events/map.png).\n' >"$j/index.md"
printf -- '---\ntitle: Fiscal\npermalink: /incubator/fiscal/\n---\n![split](split.png)\n' >"$j/fiscal/index.md"
printf -- '---\ntitle: Talk\n---\nText.\n' >"$j/_events/talk.md"
echo pdf >"$j/fiscal/contract/c.pdf"
echo png >"$j/fiscal/split.png"
echo png >"$j/_events/map.png"
migrate_and_build jekyll "$j" "$TEST_DIR/out-plain"
for f in fiscal/contract/c.pdf fiscal/split.png events/map.png incubator/fiscal/index.html; do
	[ -f "$TEST_DIR/out-plain/$f" ] || fail "$f is not published"
done
[ ! -e "$TEST_DIR/out-plain/incubator/fiscal/split.png" ] || fail "the folder's file went beside its page"
assert_contains "$TEST_DIR/out-plain/incubator/fiscal/index.html" 'src="/fiscal/split.png"'
r=$TEST_DIR/plain-repo
repo_of "$j" "$r"
publish "$r" "$TEST_DIR/inc-plain" "$TEST_DIR/state-plain" "first commit"
echo png >"$r/fiscal/contract/sig.png"
printf -- '---\ntitle: Fiscal\npermalink: /open-incubator/fiscal/\n---\n![split](split.png) ![sig](contract/sig.png)\n' >"$r/fiscal/index.md"
git -C "$r" add -A && git -C "$r" commit -qm "moved"
publish "$r" "$TEST_DIR/inc-plain" "$TEST_DIR/state-plain" "the page moved"
[ -f "$TEST_DIR/inc-plain/fiscal/contract/sig.png" ] || fail "the added file is not at its own path"
same_as_full "$r" "$TEST_DIR/inc-plain" "the page moved"
# a file rewritten in place (published from the state's site model)
echo png2 >"$r/fiscal/split.png"
git -C "$r" add -A && git -C "$r" commit -qm "new split"
publish "$r" "$TEST_DIR/inc-plain" "$TEST_DIR/state-plain" "the file rewritten"
assert_contains "$TEST_DIR/inc-plain/fiscal/split.png" png2
same_as_full "$r" "$TEST_DIR/inc-plain" "the file rewritten"

# 2
k=$TEST_DIR/feed
mkdir -p "$k/_posts"
printf 'title: T\nurl: https://x.example\n' >"$k/_config.yml"
printf -- '---\nlayout: null\n---\n<?xml version="1.0"?>\n<rss version="2.0"><channel>\n{%% for post in site.posts limit: 3 %%}<item><title>{{ post.title }}</title></item>{%% endfor %%}\n</channel></rss>\n' >"$k/feed.xml"
for i in 1 2 3 4 5; do
	printf -- '---\ntitle: P%s\n---\nText.\n' "$i" >"$k/_posts/2024-01-0$i-p$i.md"
done
migrate_and_build jekyll "$k" "$TEST_DIR/out-feed"
assert_contains "$k/folio.yaml" "size: 3"
[ "$(grep -c '<item>' "$TEST_DIR/out-feed/feed.xml")" = 3 ] || fail "the feed does not list 3 posts: $(cat "$TEST_DIR/out-feed/feed.xml")"

echo "PASS"

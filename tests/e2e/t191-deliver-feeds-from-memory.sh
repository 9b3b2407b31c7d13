#!/bin/bash
# A publish hands the partners' feeds it rendered to the delivery planner in
# memory: the feed file it has just written is never opened again to be
# read (strace shows every open), and the payload's feed is the published
# file's JSON. A publish that did not render the feed (nothing of its
# collection changed) still delivers it, the same as the file.
. "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || { echo "SKIP: strace is not installed" >&2; exit 77; }
strace -f -o /dev/null true 2>/dev/null || { echo "SKIP: ptrace is not allowed here" >&2; exit 77; }

site_with_partner "$TEST_DIR/src" testpartner 9
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
cd "$TEST_DIR/site"
feed=events/index.json

# publish REPO under strace, its opens in $TEST_DIR/trace
# (LeakSanitizer cannot run under ptrace: a sanitizer build checks leaks elsewhere)
publish() {
	ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0" \
		strace -f -e trace=open,openat,openat2,fcntl,close -o "$TEST_DIR/trace" \
		"$FOLIO" build --quiet --repo "$TEST_DIR/site" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" ||
		fail "publish failed"
}
# the feed file of a collection is never opened for reading (only written,
# as a temporary file): an index.json opened read-only in a folder events/,
# not the site's own at the top. Folders are opened with openat2, and the
# top's duplicated (fcntl); descriptors are closed and numbers reused; a
# call another thread interrupts ends on a "resumed" line.
not_read_back() {
	python3 - "$TEST_DIR/trace" >"$TEST_DIR/reads" <<'PY' || fail "$1: a feed was read back: $(cat "$TEST_DIR/reads")"
import re, sys
events, pending, bad = set(), {}, []
def done(call, fd, line):
    kind = call[0]
    if kind == "close":
        events.discard(call[1])
    elif kind == "fcntl":
        (events.add if call[1] in events else events.discard)(fd)
    else:
        _, dirfd, name, flags = call
        if name.rstrip("/").endswith("events") and "O_DIRECTORY" in flags:
            events.add(fd)
        else:
            events.discard(fd)
            if name.endswith("index.json") and "O_RDONLY" in flags and (dirfd in events or "events/" in name):
                bad.append(line.strip())
for line in open(sys.argv[1]):
    pid = line.split()[0]
    r = re.search(r'<\.\.\. (\w+) resumed>.*= (-?\d+)', line)
    if r:
        if pid in pending:
            done(pending.pop(pid), r.group(2), line)
        continue
    m = re.search(r'(openat2?|open)\((\w+), "([^"]*)", ([^)]*?)(?:, \d+)?(?:\) += (-?\d+)| <unfinished)', line)
    call = ("open",) + m.groups()[1:4] if m else None
    if not m:
        m = re.search(r'(fcntl)\((\d+), F_DUPFD\w*, \d+(?:\) += (-?\d+)| <unfinished)', line) or \
            re.search(r'(close)\((\d+)(?:\) += (-?\d+)| <unfinished)', line)
        if not m:
            continue
        call = (m.group(1), m.group(2))
    result = m.groups()[-1]
    if result is None:
        pending[pid] = call
    elif not result.startswith("-"):
        done(call, result, line)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}
# the newest delivery's events feed is the published file's JSON (next_url
# and the items' contents aside: the partner gets summaries)
payload_is_published_feed() {
	local id
	id=$("$FOLIO" deliveries --state "$TEST_DIR/state" --json list |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["deliveries"][0]["id"])')
	"$FOLIO" deliveries --state "$TEST_DIR/state" --json show "$id" >"$TEST_DIR/show.json"
	python3 - "$TEST_DIR/show.json" "$TEST_DIR/pub/$feed" "$1" <<'PY' || fail "$1: payload and published feed differ"
import json, sys
shown = json.load(open(sys.argv[1]))
feed = json.load(open(sys.argv[2]))
feed.pop("next_url", None)
for item in feed["items"]: # a partner gets summaries unless folio.yaml says otherwise
    item.pop("content_html", None)
    item.pop("content_text", None)
payload = shown["payload"]
assert payload["commit"] == shown["commit_id"], "commit"
got = payload["collections"]["events"]
if got != feed:
    print(sys.argv[3], json.dumps(got)[:400], json.dumps(feed)[:400], sep="\n", file=sys.stderr)
    sys.exit(1)
PY
}

publish
[ -s "$TEST_DIR/pub/$feed" ] || fail "no feed published"
not_read_back "full publish"
payload_is_published_feed "full publish"

# an event changes: the incremental publish renders the feed again
event=events/rencontre-associations-recherche-2019.md
sed -i 's/^title: .*/title: Rencontre renommée/' "$event"
git commit -qam "Rename the event"
publish
assert_contains "$TEST_DIR/pub/$feed" "Rencontre renommée"
not_read_back "incremental publish"
payload_is_published_feed "incremental publish"
# a page of another collection changes: the events feed is not rendered, yet delivered whole
other=$(git ls-files 'books/*.md' | head -1)
[ -n "$other" ] || fail "no book in the sample"
printf '\nUne phrase de plus.\n' >>"$other"
git commit -qam "Edit a book"
publish
payload_is_published_feed "publish without the feed"
echo "ok"

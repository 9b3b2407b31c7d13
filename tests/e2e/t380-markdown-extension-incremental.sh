#!/bin/bash
# Pages whose files end in .markdown (Jekyll's other extension: 84 of a
# Freifunk community's 120 posts) publish from the state as a full build
# writes them. The feeds' stored items were read as "<page>.md" records
# alone: a body edit of another post (the fast path) rewrote the posts'
# index.json without the .markdown posts (freifunkmuc, 6 of 25 commits).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
git init -q "$s"
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w _config.yml 'title: T
url: https://example.org
permalink: pretty
'
w _posts/2024-01-01-old.markdown '---
title: Old
---
Old post.
'
w _posts/2024-01-02-other.md '---
title: Other
---
Other post, see [the old one](/2024/01/01/old/).
'
w _posts/2024-02-01-new.md '---
title: New
---
Hello.
'
"$FOLIO" init --from jekyll "$s" >/dev/null 2>&1 || fail "init failed"
commit() { git -C "$s" add -A && git -C "$s" -c user.name=t -c user.email=t@t commit -qm "$1"; }
commit one
publish "$s" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
same_as_full "$s" "$TEST_DIR/pub" "first"
step() { # LABEL
	commit "$1"
	publish "$s" "$TEST_DIR/pub" "$TEST_DIR/state" "$1"
	same_as_full "$s" "$TEST_DIR/pub" "$1"
	python3 - "$TEST_DIR/pub/posts/index.json" "$2" <<'PY' || fail "$1: the feed lacks a .markdown post"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
want = int(sys.argv[2])
assert sum(1 for i in items if i["url"].endswith("/old/") or "/later" in i["url"]) == want, items
PY
}
printf '\nA second paragraph.\n' >>"$s/_posts/2024-02-01-new.md"
step "a .md post's body (the fast path)" 1
w _posts/2024-03-01-later.markdown '---
title: Later
---
A later post.
'
step "a .markdown post added" 2
printf '\nMore.\n' >>"$s/_posts/2024-01-01-old.markdown"
step "a .markdown post's body" 2
git -C "$s" rm -q _posts/2024-03-01-later.markdown
step "a .markdown post deleted" 1
echo "ok: .markdown pages publish from the state as a full build writes them"

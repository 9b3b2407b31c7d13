#!/bin/bash
# Hugo's Goldmark writes "- [ ] a" and "- [x] b" as checkboxes (its task
# list extension, on unless markup.goldmark.extensions.taskList is false):
# folio showed "[ ] a" as text. Now init writes task_lists: true and the
# page's HTML is Goldmark's byte for byte (Hugo 0.111 wrote the expected
# text below from this page): the box only where an item's first
# paragraph opens with it, the blanks after it dropped, tight and loose
# items alike. Without the setting, as on a site of folio's own, the text
# stays as CommonMark leaves it.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/notes"
cat >"$site/hugo.toml" <<'EOF2'
baseURL = "https://lists.example/"
title = "Lists"
EOF2
cat >"$site/content/notes/todo.md" <<'EOF2'
---
title: To do
---
Before the meeting:

- [ ] book the room
- [x] send the agenda
- [X] print the minutes

1. [ ] first
2. [x] second

After it:

- [ ]
  write the report
- [x]no blank
- [ ] *emphasis* and a [link](https://lists.example/)

- [ ] a loose item

  its second paragraph

- outer
  - [x] nested

> - [ ] quoted

- [y] not a box

[ ] not in a list
EOF2
cat >"$TEST_DIR/hugo.html" <<'EOF2'
<p>Before the meeting:</p>
<ul>
<li><input disabled="" type="checkbox"> book the room</li>
<li><input checked="" disabled="" type="checkbox"> send the agenda</li>
<li><input checked="" disabled="" type="checkbox"> print the minutes</li>
</ul>
<ol>
<li><input disabled="" type="checkbox"> first</li>
<li><input checked="" disabled="" type="checkbox"> second</li>
</ol>
<p>After it:</p>
<ul>
<li>
<p><input disabled="" type="checkbox"> write the report</p>
</li>
<li>
<p><input checked="" disabled="" type="checkbox"> no blank</p>
</li>
<li>
<p><input disabled="" type="checkbox"> <em>emphasis</em> and a <a href="https://lists.example/">link</a></p>
</li>
<li>
<p><input disabled="" type="checkbox"> a loose item</p>
<p>its second paragraph</p>
</li>
<li>
<p>outer</p>
<ul>
<li><input checked="" disabled="" type="checkbox"> nested</li>
</ul>
</li>
</ul>
<blockquote>
<ul>
<li><input disabled="" type="checkbox"> quoted</li>
</ul>
</blockquote>
<ul>
<li>[y] not a box</li>
</ul>
<p>[ ] not in a list</p>
EOF2

# the page's text, from its first paragraph to its last, as a file
body() {
	python3 - "$1" "$2" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
first, last = "<p>Before the meeting:</p>", "<p>[ ] not in a list</p>"
i, j = html.find(first), html.find(last)
if i < 0 or j < 0:
    sys.exit("the page lacks its text")
open(sys.argv[2], "w", encoding="utf-8").write(html[i:j + len(last)] + "\n")
PY
}

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'task_lists: true'
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
body "$out/notes/todo/index.html" "$TEST_DIR/folio.html"
diff -u "$TEST_DIR/hugo.html" "$TEST_DIR/folio.html" || fail "the task lists are not written as Hugo writes them"

# markup.goldmark.extensions.taskList = false: no setting, and the text stays
rm "$site/folio.yaml"
rm -rf "$site/schemas"
cat >>"$site/hugo.toml" <<'EOF2'
[markup.goldmark.extensions]
taskList = false
EOF2
out2=$TEST_DIR/out2
migrate_and_build hugo "$site" "$out2"
assert_not_contains "$site/folio.yaml" 'task_lists'
assert_contains "$out2/notes/todo/index.html" '<li>[ ] book the room</li>'
assert_contains "$out2/notes/todo/index.html" '<li>[x] send the agenda</li>'
assert_not_contains "$out2/notes/todo/index.html" '<input'
echo "ok"

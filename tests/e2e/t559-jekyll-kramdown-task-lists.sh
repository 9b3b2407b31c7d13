#!/bin/bash
# kramdown's task lists: Jekyll's default input, kramdown's GFM parser,
# makes "- [ ] a" a checkbox. Debian's Jekyll 4.3.1 writes this page's
# lists as below: the list <ul class="task-list"> (or <ol>), each item
# from the first that opens with "[ ] " or "[x] " (any case)
# <li class="task-list-item">, the box an <input> before the text, a
# loose item's inside its <p>; "[ ]" alone, "[]" and "[ ]x" are text.
# folio showed "[ ] todo" as written. A site of folio's own keeps it so.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j"
printf 'title: Tasks\nurl: https://tasks.example\n' >"$j/_config.yml"
cat >"$j/tasks.md" <<'MD'
---
title: Tasks
---
- plain first
- [ ] todo
- [X] Done **bold**
- after

Between.

1. [x] one
2. [ ] two

Between.

- [ ] loose a

- [ ] loose b

Between.

- [ ] outer
  - [x] inner
  - inner plain

Between.

> - [ ] quoted

Between.

- [ ]
- [] no
- [ ]x no
- [ ] [a link](https://x.org/) here
MD
printf -- '---\ntitle: Home\n---\nHello.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
python3 - "$out/tasks.html" <<'PY' || fail "task lists differ from Jekyll's"
import re, sys
h = open(sys.argv[1]).read()
h = h[h.index("</header>"):h.index("</article>")]
h = re.sub(r"\s*(<[^>]+>)\s*", r"\1", h)
no = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
yes = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />'
li = '<li class="task-list-item">'
want = [
    '<ul class="task-list"><li>plain first</li>' + li + no + 'todo</li>' + li + yes +
    'Done<strong>bold</strong></li>' + li + 'after</li></ul>',
    '<ol class="task-list">' + li + yes + 'one</li>' + li + no + 'two</li></ol>',
    '<ul class="task-list">' + li + '<p>' + no + 'loose a</p></li>' + li + '<p>' + no + 'loose b</p></li></ul>',
    '<ul class="task-list">' + li + no + 'outer<ul class="task-list">' + li + yes + 'inner</li>' + li +
    'inner plain</li></ul></li></ul>',
    '<blockquote><ul class="task-list">' + li + no + 'quoted</li></ul></blockquote>',
    '<ul class="task-list"><li>[ ]</li><li>[] no</li><li>[ ]x no</li>' + li + no +
    '<a href="https://x.org/">a link</a>here</li></ul>',
]
bad = [w for w in want if w not in h]
for w in bad:
    print("missing:", w)
if bad:
    print(h)
sys.exit(1 if bad else 0)
PY

# a site of folio's own: the text as written
f=$TEST_DIR/own
mkdir -p "$f/pages"
printf 'title: Own\nbase_url: https://own.example\ncollections:\n  - name: pages\n    folder: pages\n' >"$f/folio.yaml"
printf -- '---\ntitle: Own\n---\n- [ ] todo\n' >"$f/pages/own.md"
"$FOLIO" build --worktree "$f" --out "$TEST_DIR/own-out" >/dev/null 2>&1 || fail "own site not built"
assert_contains "$TEST_DIR/own-out/pages/own/index.html" '<li>[ ] todo</li>'

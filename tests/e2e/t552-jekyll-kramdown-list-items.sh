#!/bin/bash
# kramdown's list items: an item's first paragraph is bare (<li>a</li>)
# unless a blank line follows it in the item, every other paragraph in a
# <p>; the last item of a list whose earlier items all open with a <p> has
# one too. CommonMark makes the whole list loose for one blank line, so
# every line of Ed.'s poems (minicomp/ed, a list with a blank line between
# stanzas) was a paragraph in folio's page, spaced by the theme's CSS.
# Debian's Jekyll 4.3.1 writes these lists, on this site:
#   - l1 - l2 (blank) - l3 - l4   <li>l1</li> <li><p>l2</p></li> <li>l3</li> <li>l4</li>
#   1. x (blank) 2. y 3. z         <li><p>x</p></li> <li>y</li> <li>z</li>
#   - a (blank) - b (blank) - c    <li><p>a</p></li> <li><p>b</p></li> <li><p>c</p></li>
#   - one (blank) two              <li><p>one</p><p>two</p></li>
#   - a, code fenced, after; - b   <li>a<div ..><pre>..</pre></div><p>after</p></li> <li>b</li>
#     (the code in Rouge's boxes, t558)
# A site of folio's own keeps CommonMark's lists.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j"
printf 'title: Ed\nurl: https://ed.example\n' >"$j/_config.yml"
cat >"$j/poem.md" <<'MD'
---
title: Poem
---
- l1
- l2

- l3
- l4

Between.

1. x

2. y
3. z

Between.

- a

- b

- c

Between.

- one

  two

Between.

- a
  ```
  code
  ```
  after
- b
MD
printf -- '---\ntitle: Home\n---\nHello.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
python3 - "$out/poem.html" <<'PY' || fail "lists differ from kramdown's"
import re, sys
h = open(sys.argv[1]).read()
h = h[h.index("</header>"):h.index("</article>")]
h = re.sub(r"\s*(<[^>]+>)\s*", r"\1", h)
want = [
    "<ul><li>l1</li><li><p>l2</p></li><li>l3</li><li>l4</li></ul>",
    "<ol><li><p>x</p></li><li>y</li><li>z</li></ol>",
    "<ul><li><p>a</p></li><li><p>b</p></li><li><p>c</p></li></ul>",
    "<ul><li><p>one</p><p>two</p></li></ul>",
    "<ul><li>a<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\">"
    "<pre class=\"highlight\"><code>code</code></pre></div></div><p>after</p></li><li>b</li></ul>",
]
bad = [w for w in want if w not in h]
for w in bad:
    print("missing:", w)
if bad:
    print(h)
sys.exit(1 if bad else 0)
PY
# a site of folio's own: CommonMark's loose list
mkdir -p "$TEST_DIR/own/notes"
cat >"$TEST_DIR/own/folio.yaml" <<'YAML'
title: Own
base_url: https://own.example
collections:
  - name: notes
    folder: notes
    permalink: /notes/:slug/
YAML
printf -- '---\ntitle: N\n---\n- l1\n- l2\n\n- l3\n' >"$TEST_DIR/own/notes/n.md"
"$FOLIO" build --worktree "$TEST_DIR/own" --out "$TEST_DIR/own-out" >"$TEST_DIR/own.txt" 2>&1 || fail "own site: $(cat "$TEST_DIR/own.txt")"
tr -d '\n' <"$TEST_DIR/own-out/notes/n/index.html" | grep -qF '<li><p>l1</p></li><li><p>l2</p></li><li><p>l3</p></li>' \
	|| fail "a site of folio's own lost CommonMark's loose list"
echo "ok"

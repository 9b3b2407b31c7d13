#!/bin/bash
# kramdown hands a code block to Rouge, and Jekyll's page wraps it in
# Rouge's boxes, which a theme's CSS styles (minima's .highlight):
# Debian's Jekyll 4.3.1 writes, on this site,
#   ```python      <div class="language-python highlighter-rouge"><div class="highlight"><pre class="highlight"><code>
#   ``` (none)     <div class="language-plaintext highlighter-rouge">...
#   ~~~ruby, an indented block (plaintext), one in a list item alike
# where folio wrote cmark-gfm's <pre><code class="language-python">.
# Rouge's token spans are not written: the text is the same. A site of
# folio's own keeps cmark-gfm's markup.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j"
printf 'title: Code\nurl: https://code.example\n' >"$j/_config.yml"
cat >"$j/code.md" <<'MD'
---
title: Code
---
```python
if a < b and c > "d" & e:
    print(1)
```

```
plain
```

~~~ruby
x = 1
~~~

    indented

- item

  ```sh
  ls
  ```
MD
printf -- '---\ntitle: Home\n---\nHello.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
python3 - "$out/code.html" <<'PY' || fail "code blocks differ from Jekyll's"
import re, sys
h = open(sys.argv[1]).read()
h = h[h.index("</header>"):h.index("</article>")]
h = re.sub(r">\s+<", "><", h)
box = '<div class="language-%s highlighter-rouge"><div class="highlight"><pre class="highlight"><code>%s</code></pre></div></div>'
want = [
    box % ("python", 'if a &lt; b and c &gt; &quot;d&quot; &amp; e:\n    print(1)\n'),
    box % ("plaintext", "plain\n"),
    box % ("ruby", "x = 1\n"),
    box % ("plaintext", "indented\n"),
    "<li><p>item</p>" + box % ("sh", "ls\n") + "</li>",
]
bad = [w for w in want if w not in h]
for w in bad:
    print("missing:", w)
if bad or "<pre><code" in h:
    print(h)
    sys.exit(1)
PY

# a site of folio's own: cmark-gfm's markup
f=$TEST_DIR/own
mkdir -p "$f/pages"
printf 'title: Own\nbase_url: https://own.example\ncollections:\n  - name: pages\n    folder: pages\n' >"$f/folio.yaml"
printf -- '---\ntitle: Own\n---\n```python\nx\n```\n' >"$f/pages/own.md"
"$FOLIO" build --worktree "$f" --out "$TEST_DIR/own-out" >/dev/null 2>&1 || fail "own site not built"
assert_contains "$TEST_DIR/own-out/pages/own/index.html" '<pre><code class="language-python">x'

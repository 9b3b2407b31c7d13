#!/bin/bash
# Hugo sites that turn on Goldmark's block attributes
# (markup.goldmark.parser.attribute.block, as Docsy's example does) write
# "{.display-6}" or "{#intro .lead}" on the line after a block. folio
# showed them as text ("<p>{.display-6}</p>" on docsy-example's home
# page) and knew no id they give. Now init copies the setting
# (block_attributes: true): the list is never shown, its #id is the
# paragraph's anchor, which links may name. Without the setting the text
# stays, as Goldmark leaves it.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs"
cat >"$site/hugo.yaml" <<'EOF'
title: Goldy
baseURL: https://goldy.example/
markup:
  goldmark:
    parser:
      attribute:
        block: true
EOF
cat >"$site/content/docs/intro.md" <<'EOF'
---
title: Intro
---
Porridge temperature, assessed.
{.display-6}

The second paragraph.
{#second .lead}

- one
- two
{.list-unstyled}

Back to [the second](#second).
EOF
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'block_attributes: true'
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
page=$out/docs/intro/index.html
assert_contains "$page" '<p>Porridge temperature, assessed.</p>'
assert_contains "$page" '<p><a id="second"></a>The second paragraph.</p>'
assert_contains "$page" '<li>two</li>'
if grep -q '{\.\|{#' "$page"; then fail "an attribute list is shown as text: $(grep -n '{[.#]' "$page")"; fi

# without the setting, Goldmark shows the text, and so does folio
sed -i '/^block_attributes: true$/d' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "without block_attributes, #second is no anchor (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'has no heading with id "second"'
echo "ok"

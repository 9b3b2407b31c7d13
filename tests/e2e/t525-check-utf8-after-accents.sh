#!/bin/bash
# A page's invalid UTF-8 byte is found at its place whatever the ASCII
# and accented bytes before it: the check of the text steps over the ASCII
# bytes of a word of eight that holds another at once (issue 14), and must
# stop on the first byte that is not ASCII, at any of the eight places,
# after one, two or three-byte characters, with a valid page beside.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
cp -r "$FOLIO_SOURCE_DIR/content" "$site"
python3 - "$site" >"$TEST_DIR/expected" <<'PY'
import sys
site = sys.argv[1]
for k in range(24):
    body = "é" + "a" * k + "€" * (k % 3) + "b" * (k // 2) + "ü" * (k % 2)
    head = "---\ntitle: Page %d\n---\n\nPremière ligne, accentuée.\n" % k
    data = head.encode() + body.encode() + b"\xff" + "fin é\n".encode()
    with open("%s/pages/u%02d.md" % (site, k), "wb") as f:
        f.write(data)
    print("pages/u%02d.md:6:%d: error: invalid UTF-8 byte 0xff [text/utf8]" % (k, len(body.encode()) + 1))
with open("%s/pages/valide.md" % site, "w") as f:
    f.write("---\ntitle: Valide\n---\n\n" + "Déjà, à côté : « ça » — 𝄞 et € fin.\n" * 3)
PY
rc=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/out" 2>&1 || rc=$?
[ $rc -eq 1 ] || { cat "$TEST_DIR/out" >&2; fail "invalid UTF-8 is an error: exit 1 expected, got $rc"; }
grep 'text/utf8' "$TEST_DIR/out" | sort >"$TEST_DIR/found"
diff "$TEST_DIR/expected" "$TEST_DIR/found" >&2 || fail "invalid UTF-8 bytes found elsewhere than where they are"
assert_not_contains "$TEST_DIR/out" "pages/valide.md"
echo "ok"

#!/bin/bash
# On a translated site (languages: in folio.yaml), a body edit is published
# by the fast path, like on any other site: the page's links to its other
# language versions come from the state (by collection, slug and language),
# and the result is a full build's, bytes and findings. A link to a
# translation's file resolves on the partial site as on the full one. The
# pre-receive judge (folio check --state) takes the same path, and so does
# a body edit of a translation, with its language's feed page. Adding a
# translation still loads the site (its other versions' links change).
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
translated_posts "$repo"
page() { printf -- '---\ntitle: %s\ndate: %s\n---\n%s\n' "$2" "$3" "$4" >"$repo/$1"; }
page posts/hello.md Hello 2024-01-02 'Hello. [En français](hello.fr.md), [bundle](/fr/posts/bundle/).'
page posts/hello.fr.md Bonjour 2024-01-02 'Bonjour. [In English](/posts/hello/).'
page posts/hello.es.md Hola 2024-01-02 'Hola.'
page posts/bundle/index.md Bundle 2024-02-02 'Bundle.'
page posts/bundle/index.fr.md Paquet 2024-02-02 'Paquet.'
page posts/seul.fr.md Seul 2024-03-02 'Only in French.'
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm site
out=$TEST_DIR/out state=$TEST_DIR/state
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/b1.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b1.txt")"

# a body edit of the site's language version: fast, its hreflang links kept
printf '\nA second paragraph.\n' >>"$repo/posts/hello.md"
git -C "$repo" commit -qam "body"
"$FOLIO" check --repo "$repo" --state "$state" HEAD~1..HEAD >"$TEST_DIR/c2.txt" 2>&1 \
	|| fail "check of a body edit failed: $(cat "$TEST_DIR/c2.txt")"
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/b2.txt" 2>&1 \
	|| fail "build 2 failed: $(cat "$TEST_DIR/b2.txt")"
assert_contains "$TEST_DIR/b2.txt" "(fast path)"
assert_contains "$out/posts/hello/index.html" 'A second paragraph.'
assert_contains "$out/posts/hello/index.html" '<link rel="alternate" hreflang="fr" href="https://site.example/fr/posts/hello/">'
assert_contains "$out/posts/hello/index.html" '<link rel="alternate" hreflang="es" href="https://site.example/es/posts/hello/">'
assert_contains "$out/posts/hello/index.html" 'href="/fr/posts/hello/"'
same_as_full "$repo" "$out" "body edit"

# a body edit of a translation (its language's feed page rendered again
# from the state's lines), and a link to a page that does not exist
printf '\nUn second paragraphe, [cassé](/fr/posts/nulle-part/).\n' >>"$repo/posts/hello.fr.md"
git -C "$repo" commit -qam "corps fr"
r=0
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/b3.txt" 2>&1 || r=$?
[ $r -ne 0 ] || fail "a broken link in a translation was published: $(cat "$TEST_DIR/b3.txt")"
assert_contains "$TEST_DIR/b3.txt" "posts/hello.fr.md:"
sed -i 's/, \[cassé\](\/fr\/posts\/nulle-part\/)//' "$repo/posts/hello.fr.md"
git -C "$repo" commit -qam "corps fr réparé"
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/b4.txt" 2>&1 \
	|| fail "build 4 failed: $(cat "$TEST_DIR/b4.txt")"
assert_contains "$TEST_DIR/b4.txt" "(fast path)"
assert_contains "$out/fr/posts/hello/index.html" 'Un second paragraphe.'
assert_contains "$out/fr/posts/hello/index.html" '<link rel="alternate" hreflang="en" href="https://site.example/posts/hello/">'
same_as_full "$repo" "$out" "translation's body edit"

# the partial site must find a page's versions where the full load did (a
# rule it cannot see, such as another page's translationKey, would move
# them): a stored line that says otherwise makes the fast path step aside
python3 - "$state/state.sqlite" <<'PY' || fail "cannot edit the state"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("UPDATE outputs SET deps = replace(deps, 'posts/hello.es.md /es/posts/hello/',"
               " 'posts/ailleurs.es.md /es/posts/ailleurs/') WHERE path = 'posts/hello/index.html'").rowcount
db.commit()
assert n == 1, n
PY
printf '
A third paragraph.
' >>"$repo/posts/hello.md"
git -C "$repo" commit -qam "body 3"
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/b5.txt" 2>&1 \
	|| fail "build 5 failed: $(cat "$TEST_DIR/b5.txt")"
assert_not_contains "$TEST_DIR/b5.txt" "(fast path)"
assert_contains "$out/posts/hello/index.html" 'hreflang="es" href="https://site.example/es/posts/hello/"'
same_as_full "$repo" "$out" "versions the state placed elsewhere"

# a new translation: not the fast path (the other versions' links change)
page posts/bundle/index.es.md Paquete 2024-02-02 'Paquete.'
git -C "$repo" add -A && git -C "$repo" commit -qm "es"
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/b6.txt" 2>&1 \
	|| fail "build 6 failed: $(cat "$TEST_DIR/b6.txt")"
assert_not_contains "$TEST_DIR/b6.txt" "(fast path)"
assert_contains "$out/posts/bundle/index.html" 'hreflang="es" href="https://site.example/es/posts/bundle/"'
same_as_full "$repo" "$out" "a new translation"
echo ok

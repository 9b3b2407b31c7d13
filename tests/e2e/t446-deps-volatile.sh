#!/bin/bash
# An output's dependency records are bounded: a term page lists pages that
# may each name thousands of references, each a record of every output
# that shows the page, so 999 terms on 6 pages naming a person 20,000
# times took a publish from the state 91 s and 10 GB (a full build: 1.3 s).
# Past 1 MiB an output's records are one line that changes at each commit:
# it is rendered at every publish, and while the state holds such an
# output no publish finds outputs by their records (the fast path, the
# site model): each publish loads the site, and equals a full build.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
cat >>folio.yaml <<'YAML'
taxonomies: [tags]
YAML
python3 - <<'PY'
import json
p = 'schemas/pages.json'
try:
    sc = json.load(open(p))
except FileNotFoundError:
    sc = {"type": "object", "properties": {}}
sc.setdefault("properties", {})["by"] = {"type": "array", "items": {"type": "string", "x-folio-ref": "people"}}
sc["properties"]["tags"] = {"type": "array", "items": {"type": "string"}}
json.dump(sc, open(p, 'w'), indent=1)
person = sorted(__import__('os').listdir('people'))[0][:-3]
for i in range(3):
    with open('pages/refs-%d.md' % i, 'w') as f:
        f.write('---\ntitle: "Références %d"\ntags: [annuaire]\nby:\n' % i)
        f.write(('  - %s\n' % person) * 20000)
        f.write('---\nUne page qui nomme beaucoup.\n')
PY
git add -A && git commit -qm "pages naming a person 20,000 times, under one tag"
person=$(ls people | sed -n 1p); person=${person%.md}
pub=$TEST_DIR/pub st=$TEST_DIR/state
publish "$s" "$pub" "$st" "first"
[ -f "$pub/tags/annuaire/index.html" ] || fail "no term page"
size=$(sqlite3 "$st/state.sqlite" "SELECT length(deps) FROM outputs WHERE path = 'tags/annuaire/index.html'")
[ "$size" -lt 4096 ] || fail "the term page's records are $size bytes"
sqlite3 "$st/state.sqlite" "SELECT deps FROM outputs WHERE path = 'tags/annuaire/index.html'" | grep -q '^volatile=' ||
	fail "the term page's records do not change at each commit"
same_as_full "$s" "$pub" "first"

# the person retitled: the pages' term page shows no name of it here, yet
# every publish loads the site and equals a full build
sed -i "0,/^name: .*/s//name: \"Nom changé\"/" "people/$person.md"
git commit -qam "retitle"
publish "$s" "$pub" "$st" "retitle"
same_as_full "$s" "$pub" "retitle"
# a body edit, which the fast path would take
echo "Une phrase de plus." >>pages/refs-1.md
git commit -qam "body"
"$FOLIO" build --repo "$s" --out "$pub" --state "$st" >"$TEST_DIR/body.txt" 2>&1 || fail "body: $(cat "$TEST_DIR/body.txt")"
assert_not_contains "$TEST_DIR/body.txt" "(fast path)"
same_as_full "$s" "$pub" "body"
# the pages go: the term page with them, and the fast path is back
git rm -q pages/refs-*.md
git commit -qm "the pages removed"
publish "$s" "$pub" "$st" "removed"
same_as_full "$s" "$pub" "removed"
[ "$(sqlite3 "$st/state.sqlite" "SELECT count(*) FROM deps WHERE dep LIKE 'volatile=%'")" = 0 ] || fail "a volatile record is left"
echo "Encore une phrase." >>pages/presentation.md
git commit -qam "body again"
"$FOLIO" build --repo "$s" --out "$pub" --state "$st" >"$TEST_DIR/body2.txt" 2>&1 || fail "body again: $(cat "$TEST_DIR/body2.txt")"
assert_contains "$TEST_DIR/body2.txt" "(fast path)"
same_as_full "$s" "$pub" "body again"
echo "ok"

#!/bin/bash
# TOML front matter ("+++" fences, as Hugo writes it) builds like YAML: a
# page converted from YAML to TOML renders byte for byte the same, a TOML
# event with [[programme]] tables builds, and schema findings on a TOML
# page point at its TOML line.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site"
"$FOLIO" build --repo "$site" --out "$TEST_DIR/yaml" >"$TEST_DIR/out.txt" 2>&1 \
	|| fail "YAML build failed: $(cat "$TEST_DIR/out.txt")"

BOOK=books/la-cooperation-dans-l-action-publique.md
body=$(sed '1,/^---$/d' "$site/$BOOK")
{
	cat <<'TOML'
+++
title = "La coopération dans l'action publique"
authors = [ "fabrice-dhume-sonzogni" ]  # a comment
publisher = 'l-harmattan'
series = """Administration et \
            Aménagement du territoire"""
date = 2006-09-15
isbn = "978-2-296-01368-1"
ean = "9782296013681"
pages = 3_28
language = "fr"
+++
TOML
	printf '%s\n' "$body"
} >"$site/$BOOK"

cat >"$site/events/atelier-toml.md" <<'EOF_EVENT'
+++
title = "Atelier : écrire en TOML"
date = 2024-06-01
start = "10:00"
end = "12:00"
location = "Lille"
organizers = ["iscra"]
speakers = ["nadine-souchard"]

[[programme]]
time = "10:00"
title = "Accueil"

[[programme]]
time = "10:30"
end = "12:00"
title = "Tables et tableaux"
description = "Des [[tableaux]] de tables."
items = [
  { title = "Premier point", description = "Les clés pointées." },
  { title = "Second point", description = "Les dates." },
]
+++

Un atelier décrit en TOML.
EOF_EVENT
git -C "$site" add -A
git -C "$site" commit -qm "TOML front matter"
"$FOLIO" build --repo "$site" --out "$TEST_DIR/toml" >"$TEST_DIR/out.txt" 2>&1 \
	|| fail "TOML build failed: $(cat "$TEST_DIR/out.txt")"

# the same page from TOML and from YAML
out=books/la-cooperation-dans-l-action-publique/index.html
cmp "$TEST_DIR/yaml/$out" "$TEST_DIR/toml/$out" \
	|| fail "the TOML book renders differently: $(diff "$TEST_DIR/yaml/$out" "$TEST_DIR/toml/$out" | head -20)"

EVENT=$TEST_DIR/toml/events/atelier-toml/index.html
assert_contains "$EVENT" "Tables et tableaux"
assert_contains "$EVENT" "Les clés pointées."
assert_contains "$EVENT" '"startDate":"2024-06-01'
assert_contains "$EVENT" "Nadine Souchard"
python3 - "$TEST_DIR/toml/events/index.json" <<'PY'
import json, sys
feed = json.load(open(sys.argv[1]))
item = [i for i in feed["items"] if "atelier-toml" in i["url"]]
assert item and item[0]["date_published"].startswith("2024-06-01"), feed["items"]
PY

# schema findings point at TOML lines: "start" is line 4, the second
# programme slot's "time" line 15 (16 once "Lieu" is added at 7)
sed -i 's/^start = "10:00"/start = "25:00"/; s/^time = "10:30"/time = "10h30"/; s/^location = "Lille"/location = "Lille"\nLieu = "x"/' \
	"$site/events/atelier-toml.md"
git -C "$site" commit -qam "broken TOML event"
rc=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc -eq 1 ] || fail "check exited $rc: $(cat "$TEST_DIR/check.txt")"
grep -q '^events/atelier-toml.md:4:9: error: .* \[front-matter/schema\]$' "$TEST_DIR/check.txt" \
	|| fail "no finding at the TOML start line: $(cat "$TEST_DIR/check.txt")"
grep -q '^events/atelier-toml.md:7:1: error: unknown field "Lieu" \[front-matter/unknown-field\]$' \
	"$TEST_DIR/check.txt" || fail "no unknown-field at its TOML line: $(cat "$TEST_DIR/check.txt")"
grep -q '^events/atelier-toml.md:16:8: error: .* \[front-matter/schema\]$' "$TEST_DIR/check.txt" \
	|| fail "no finding at the TOML programme line: $(cat "$TEST_DIR/check.txt")"

# key case: "Title" beside "title" is a key-case error at its line, and the
# schema still reads the page, naming the property in its hint
sed -i 's/^Lieu = "x"/Title = "x"/' "$site/events/atelier-toml.md"
git -C "$site" commit -qam "case twins"
rc=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc -eq 1 ] || fail "check exited $rc: $(cat "$TEST_DIR/check.txt")"
grep -q '^events/atelier-toml.md:7:1: error: key "Title" differs only in case from "title" \[front-matter/key-case\]$' \
	"$TEST_DIR/check.txt" || fail "no key-case finding: $(cat "$TEST_DIR/check.txt")"
grep -A1 '^events/atelier-toml.md:7:1: error: unknown field "Title" \[front-matter/unknown-field\]$' \
	"$TEST_DIR/check.txt" | grep -q 'hint: did you mean "title"?' \
	|| fail "no unknown-field hint naming \"title\": $(cat "$TEST_DIR/check.txt")"
echo "ok: TOML front matter builds like YAML, findings at TOML lines"

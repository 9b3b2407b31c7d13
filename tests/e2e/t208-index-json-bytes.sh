#!/bin/bash
# index.json is written by hand (render_units.c, no jansson objects: 15% of
# an add at 10k pages) exactly as json_dumps(JSON_INDENT(1)) wrote it: the
# bytes are those of a JSON dumper with one space of indent, ", " and ": "
# separators, UTF-8 kept, '"', '\' and control characters escaped (Python's
# json.dumps(indent=1, ensure_ascii=False) writes the same), with quotes,
# backslashes, tabs and non-ASCII in titles and summaries, a translation, a
# page without a date, and a site whose index has no page.
. "$(dirname "$0")/lib.sh"

same_as_dumper() { # FILE
	python3 - "$1" <<'PY' || fail "$1 is not written as a JSON dumper writes it"
import json, sys
raw = open(sys.argv[1], encoding="utf-8").read()
want = json.dumps(json.loads(raw), indent=1, ensure_ascii=False) + "\n"
if raw != want:
    for i, (a, b) in enumerate(zip(raw, want)):
        if a != b:
            sys.stderr.write("first difference at %d: %r, expected %r\n" % (i, raw[i:i + 40], want[i:i + 40]))
            break
    sys.exit(1)
PY
}

repo=$TEST_DIR/repo
mkdir -p "$repo/posts" "$repo/notes"
cat >"$repo/folio.yaml" <<'YAML'
title: "Un \"site\" \\ à l'essai"
base_url: https://site.example
language: en
languages: [fr]
collections:
  - name: posts
    label: Posts
    date_field: date
  - name: notes
    label: Notes
YAML
cat >"$repo/posts/hello.md" <<'MD'
---
title: "He said \"hi\"\tthen \\left — café"
date: 2024-01-02
---
A summary with "quotes", a backslash \\, `<b>code</b>`, « guillemets » and 日本語.
MD
cat >"$repo/posts/hello.fr.md" <<'MD'
---
title: Bonjour
date: 2024-01-02
---
Le résumé en français.
MD
cat >"$repo/notes/undated.md" <<'MD'
---
title: Sans date
---
MD
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm site
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/out" 2>"$TEST_DIR/err" ||
	{ cat "$TEST_DIR/err" >&2; fail "the site did not build"; }
same_as_dumper "$TEST_DIR/out/index.json"
assert_contains "$TEST_DIR/out/index.json" '"title": "He said \"hi\"\tthen \\left — café"'
assert_contains "$TEST_DIR/out/index.json" '"date": null'
assert_contains "$TEST_DIR/out/index.json" '"id": "fr/posts/hello"'

# the sample site
make_repo "$TEST_DIR/sample"
"$FOLIO" build --quiet --repo "$TEST_DIR/sample" --out "$TEST_DIR/sample-out" 2>/dev/null ||
	fail "the sample site did not build"
same_as_dumper "$TEST_DIR/sample-out/index.json"

# no page in the index: every one a draft
sed -i 's/^title: Sans date$/title: Sans date\ndraft: true/' "$repo/notes/undated.md"
for f in posts/hello.md posts/hello.fr.md; do sed -i '0,/^title: /s/^\(title: .*\)$/\1\ndraft: true/' "$repo/$f"; done
git -C "$repo" commit -qam drafts
rm -rf "$TEST_DIR/out"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/out" 2>"$TEST_DIR/err" ||
	{ cat "$TEST_DIR/err" >&2; fail "the site of drafts did not build"; }
same_as_dumper "$TEST_DIR/out/index.json"
assert_contains "$TEST_DIR/out/index.json" '"pages": []'
echo "ok: index.json is written byte for byte as a JSON dumper writes it"

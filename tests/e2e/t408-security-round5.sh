#!/bin/bash
# A security scout's fifth round, on expansion:
# 1. a schema pattern that backtracks, and a page of many values under it:
#    each match stopped at regex-match, but nothing bounded their sum
#    (1,000 values took 11 s, a 1 MiB front matter holds 30,000; an anyOf
#    tree reaching the pattern 2^40 times never ended): one page's regex
#    work is now at most 16 times regex-match, then budget/regex;
# 2. a reference link to a long URL used many times: cmark-gfm copies the
#    definition at each use, so a 108 KB page took 1.3 GB and a 2.3 MB one
#    was killed at 24 GB; cmark-gfm's memory for a page is now capped
#    (32 times the text plus 4 times page-output), past it budget/page-output.
. "$(dirname "$0")/lib.sh"

site() { # site DIR
	mkdir -p "$1/pages"
	printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n' >"$1/folio.yaml"
	printf -- '---\ntitle: Home\n---\nHello.\n' >"$1/pages/home.md"
}
commit() { git -C "$1" add -A && git -C "$1" commit -qm "$2"; }
# within SECONDS CMD...: CMD ends (any status) within SECONDS, output in $TEST_DIR/out.txt
within() {
	local s=$1 rc=0
	shift
	timeout "$s" "$@" >"$TEST_DIR/out.txt" 2>&1 || rc=$?
	[ "$rc" != 124 ] || fail "$* took more than $s s"
}

# 1
a=$TEST_DIR/a
site "$a"
repo_of "$a" "$TEST_DIR/ra"
r=$TEST_DIR/ra
publish "$r" "$TEST_DIR/p-ra" "$TEST_DIR/s-ra" "first"
mkdir -p "$r/schemas"
echo '{"type":"object","properties":{"title":{"type":"string"},"x":{"type":"array","items":{"type":"string","pattern":"^(a+)+$"}}}}' >"$r/schemas/pages.json"
python3 -c "print('---\ntitle: X\nx: [' + ','.join(['aaaaaaaaaaaaaaaaaaaaaaaaaaaab'] * 2000) + ']\n---\nx')" >"$r/pages/x.md"
commit "$r" "2,000 values under a pattern that backtracks"
within 20 "$FOLIO" check --repo "$r"
assert_contains "$TEST_DIR/out.txt" 'stopped: its patterns need more than 16000000 regex steps'
assert_contains "$TEST_DIR/out.txt" "[budget/regex]"
refused_like_full "$r" "$TEST_DIR/p-ra" "$TEST_DIR/s-ra" "a page's regex work" "[budget/regex]"
mkdir -p "$r/schemas"
python3 - >"$r/schemas/pages.json" <<'PY'
import json
d = {f"d{i}": {"anyOf": [{"$ref": f"#/$defs/d{i+1}"}, {"$ref": f"#/$defs/d{i+1}"}]} for i in range(40)}
d["d40"] = {"type": "string", "pattern": "^(a+)+$"}
print(json.dumps({"type": "object", "properties": {"title": {"type": "string"}, "x": {"$ref": "#/$defs/d0"}}, "$defs": d}))
PY
printf -- '---\ntitle: X\nx: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab"\n---\nx\n' >"$r/pages/x.md"
commit "$r" "an anyOf tree over a pattern that backtracks"
within 20 "$FOLIO" check --repo "$r"
assert_contains "$TEST_DIR/out.txt" "[budget/regex]"
git -C "$r" reset -q --hard HEAD~1
# many cheap matches pass
mkdir -p "$r/schemas"
echo '{"type":"object","properties":{"title":{"type":"string"},"x":{"type":"array","items":{"type":"string","pattern":"^[0-9]{3}-[0-9]+$"}}}}' >"$r/schemas/pages.json"
python3 -c "print('---\ntitle: X\nx: [' + ','.join('\"978-%d\"' % i for i in range(30000)) + ']\n---\nx')" >"$r/pages/x.md"
commit "$r" "30,000 values under a cheap pattern"
publish "$r" "$TEST_DIR/p-ra" "$TEST_DIR/s-ra" "30,000 cheap matches"

# 2
b=$TEST_DIR/b
site "$b"
repo_of "$b" "$TEST_DIR/rb"
r=$TEST_DIR/rb
publish "$r" "$TEST_DIR/p-rb" "$TEST_DIR/s-rb" "first"
python3 -c "print('---\ntitle: X\n---\n' + '[a] ' * 200000 + '\n\n[a]: /pages/home/?' + 'x' * 1500000)" >"$r/pages/p.md"
commit "$r" "a reference to a 1.5 MB URL used 200,000 times"
within 30 "$FOLIO" check --repo "$r"
assert_contains "$TEST_DIR/out.txt" "pages/p.md:4:1: error: the Markdown would take more than"
assert_contains "$TEST_DIR/out.txt" "[budget/page-output]"
refused_like_full "$r" "$TEST_DIR/p-rb" "$TEST_DIR/s-rb" "a reference bomb" "[budget/page-output]"
[ -f "$TEST_DIR/p-rb/pages/home/index.html" ] || fail "the last good site is not intact"
# the same reference used a few times, and footnotes, pass
python3 -c "print('---\ntitle: X\n---\n' + '[a] ' * 20 + ' x[^n]' * 2000 + '\n\n[a]: /pages/home/?' + 'x' * 100000 + '\n\n[^n]: a note')" >"$r/pages/p.md"
commit "$r" "a long reference used 20 times"
publish "$r" "$TEST_DIR/p-rb" "$TEST_DIR/s-rb" "a few long references"
same_as_full "$r" "$TEST_DIR/p-rb" "a few long references"

echo "t408: ok"

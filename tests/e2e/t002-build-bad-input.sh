#!/bin/bash
# Broken input gives one clear error with file and line, a non-zero exit,
# and leaves the last good output untouched.
. "$(dirname "$0")/lib.sh"

make_repo "$TEST_DIR/site"
"$FOLIO" build --repo "$TEST_DIR/site" --out "$TEST_DIR/public" --quiet || fail "good build failed"
before=$(cd "$TEST_DIR/public" && find . -type f -exec sha256sum {} + | sort | sha256sum)

# expect_failure NAME RULE LOCATION: commit what the caller changed, build,
# and check the exit code, the finding, and that public/ did not change.
expect_failure() {
	local name=$1 rule=$2 where=$3
	git -C "$TEST_DIR/site" add -A
	git -C "$TEST_DIR/site" commit -qm "$name"
	set +e
	"$FOLIO" build --repo "$TEST_DIR/site" --out "$TEST_DIR/public" >"$TEST_DIR/out.txt" 2>"$TEST_DIR/err.txt"
	local rc=$?
	set -e
	[ "$rc" -eq 1 ] || fail "$name: exit code $rc, expected 1: $(cat "$TEST_DIR/err.txt")"
	grep -qF -- "$where" "$TEST_DIR/err.txt" && grep -qF -- "[$rule]" "$TEST_DIR/err.txt" \
		|| fail "$name: expected '$where ... [$rule]', got: $(cat "$TEST_DIR/err.txt")"
	local after
	after=$(cd "$TEST_DIR/public" && find . -type f -exec sha256sum {} + | sort | sha256sum)
	[ "$before" = "$after" ] || fail "$name: the good output was changed"
	git -C "$TEST_DIR/site" reset -q --hard HEAD~1
}

S=$TEST_DIR/site
printf -- '---\ntitle: Bad\ndate: [2019\n---\nBody\n' > "$S/events/bad-yaml.md"
expect_failure "broken YAML" front-matter/syntax "events/bad-yaml.md:3:7:"

printf -- '---\ntitle: Bad\n---\nCaf\xe9 au lait\n' > "$S/pages/latin1.md"
expect_failure "non-UTF-8 file" text/utf8 "pages/latin1.md:4:4"

mkdir -p "$S/unknown" && printf -- '---\ntitle: X\n---\nx\n' > "$S/unknown/x.md"
expect_failure "unknown collection" collection/unknown "unknown/x.md"

printf 'title: [broken\n' > "$S/folio.yaml"
expect_failure "broken folio.yaml" config/syntax "folio.yaml:1:8:"

mkdir -p "$S/templates" && printf '<p>{{#items}}never closed</p>\n' > "$S/templates/list.mustache"
expect_failure "template syntax error" template/syntax "templates/list.mustache:1:"

sed -i 's/^\(  *template: *\)event$/\1no-such-template/' "$S/folio.yaml"
grep -q "no-such-template" "$S/folio.yaml" || fail "test setup: folio.yaml has no 'template: event' line"
expect_failure "missing template" template/missing 'template "no-such-template"'
echo "ok"

#!/bin/bash
# template/unknown-variable, by its definition (docs/templates.md): a typo
# is reported at the template's file:line with did-you-mean, in the page
# template of a collection and in base; what a section tests as optional,
# the data below a schema field, and names the contexts hold are not.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site"
cp -r "$FOLIO_SOURCE_DIR/content/." "$site/"
cd "$site"
# known: an optional field tested by a section, data below a field (inside
# its section too), the implicit iterator, names every context holds
cat >>templates/book.mustache <<'T'
{{#page.meta.series}}{{page.meta.series}}{{/page.meta.series}}
{{#page.meta.pages}}{{.}}{{/page.meta.pages}}{{page.meta.isbn.anything}}
{{#page.meta.series}}{{nom}}{{/page.meta.series}}{{#page.headings}}{{id}}{{text}}{{/page.headings}}
{{site.title}}{{url}}{{canonical}}{{page_title}}{{collection.label}}
T
"$FOLIO" check --worktree . >"$TEST_DIR/clean.out" 2>&1 || { cat "$TEST_DIR/clean.out"; fail "known names were reported"; }

# typos: in a collection's template, in a section, in base
sed -i 's/{{collection.label}}$/{{colection.label}}{{#page.refs.authors}}{{titel}}{{\/page.refs.authors}}/' templates/book.mustache
sed -i '0,/{{site.title}}/s/{{site.title}}/{{site.titre}}/' templates/base.mustache
rc=0
"$FOLIO" check --worktree . >"$TEST_DIR/typos.out" 2>&1 || rc=$?
[ $rc -eq 1 ] || { cat "$TEST_DIR/typos.out"; fail "typos: exit $rc, expected 1"; }
n=$(grep -c '\[template/unknown-variable\]$' "$TEST_DIR/typos.out")
[ "$n" -eq 3 ] || { cat "$TEST_DIR/typos.out"; fail "$n unknown-variable findings, expected 3"; }
line=$(grep -n 'colection.label' templates/book.mustache | cut -d: -f1)
grep -Eq "^templates/book.mustache:$line:[0-9]+: error: unknown variable \"colection.label\"" "$TEST_DIR/typos.out" ||
	{ cat "$TEST_DIR/typos.out"; fail "no finding at templates/book.mustache:$line"; }
assert_contains "$TEST_DIR/typos.out" 'did you mean "collection"?'
assert_contains "$TEST_DIR/typos.out" 'unknown variable "titel"'
grep -Eq '^templates/base.mustache:[0-9]+:[0-9]+: error: unknown variable "site.titre"' "$TEST_DIR/typos.out" ||
	{ cat "$TEST_DIR/typos.out"; fail "no finding in base.mustache"; }
echo "ok: template variables are checked by name, optional fields allowed"

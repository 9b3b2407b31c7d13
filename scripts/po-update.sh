#!/bin/sh
# Bring the message catalogues up to date with the sources: xgettext finds
# every message (the findings' formats and hints, the command line's own
# texts) into a template (folio.pot), and msgmerge adds the new ones to each
# po/<lang>.po, untranslated, for a translator to fill in (docs/translating.md).
# `ctest -R i18n/catalogue` names every message still without a translation.
# The .po files carry no source locations and are sorted by message, so
# that moving code changes nothing in them.
#   scripts/po-update.sh              update po/*.po
#   POT=FILE scripts/po-update.sh --pot-only   only write the template
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
pot=${POT:-$tmp/folio.pot}
trap 'rm -rf "$tmp"' EXIT

# Every finding goes through folio_diags_add/vadd (core/diag.c translates
# the format and the hint there), so their arguments are the messages; the
# few files that format findings through a helper of their own name its
# arguments below. The command line marks its texts with _() (src/cli/cmd.h);
# operational errors are folio_error_set's formats, which the command line
# translates (src/util/error.c's translator, installed by src/cli/main.c).
common="--exclude-file=po/exclude.pot --from-code=UTF-8 --language=C --no-wrap --add-comments=TRANSLATORS:
  --package-name=folio --msgid-bugs-address=folio@localhost
  --keyword= --keyword=_ --keyword=N_ --keyword=FOLIO_N_ --keyword=folio_i18n_cli --keyword=folio_i18n_finding --keyword=folio_error_set:1
  --flag=folio_diags_add:7:c-format --flag=folio_diags_vadd:8:c-format --flag=folio_error_set:1:c-format"
# xgettext takes one argument per keyword and run: the hint is a second run
# shellcheck disable=SC2086
extract() {
	out=$1
	shift
	xgettext $common -o "$tmp/$out" "$@"
}
files=$(find src -name '*.c' | LC_ALL=C sort)
# shellcheck disable=SC2086
extract a.pot --keyword=folio_diags_add:7 --keyword=folio_diags_vadd:8 $files
# shellcheck disable=SC2086
extract b.pot --keyword=folio_diags_add:6 --keyword=folio_diags_vadd:6 $files
# helpers: name:format-argument and name:hint-argument, per file
extract c.pot --keyword=folio_config__problem:5 src/model/config*.c
extract c2.pot --keyword=folio_config__problem:4 src/model/config*.c
extract d.pot --keyword=fail_at:5 src/model/yaml*.c
extract d2.pot --keyword=fail_at:4 src/model/yaml*.c
extract e.pot --keyword=folio_toml__fail_at:4 src/model/toml*.c
extract e2.pot --keyword=folio_toml__fail_at:3 src/model/toml*.c
extract f.pot --keyword=folio_schema__finding:4 --keyword=invalid:4 src/model/schema*.c
extract f2.pot --keyword=folio_schema__finding:3 src/model/schema*.c
extract g.pot --keyword=syntax_error:4 --keyword=fail:3 src/model/template*.c
extract g2.pot --keyword=syntax_error:3 src/model/template*.c
extract i.pot --keyword=put_count_cli:3 src/check/report.c
extract i2.pot --keyword=put_count_cli:4 src/check/report.c
extract h.pot --keyword=front_matter_finding:6 src/model/site*.c
extract h2.pot --keyword=front_matter_finding:5 src/model/site*.c
for f in "$tmp"/*.pot; do [ -s "$f" ] || rm -f "$f"; done
msgcat --no-wrap --sort-output --use-first "$tmp"/*.pot -o "$tmp/all.pot"
# a stable file: no creation date, which changes on every run
sed -e '/^"POT-Creation-Date:/d' "$tmp/all.pot" >"$pot"

[ "${1:-}" = --pot-only ] && exit 0
for po in po/*.po; do
	msgmerge --quiet --no-wrap --no-location --sort-output --update --backup=none "$po" "$pot"
done
echo "po-update: $(grep -c '^msgid ' "$pot") messages; po/*.po merged" >&2

#!/bin/bash
# Every message of the sources (as scripts/po-update.sh extracts them: the
# findings' formats and hints, the command line's texts) has a translation
# in every po/<lang>.po, neither missing nor fuzzy (a guess msgmerge made
# from a similar message). Names each message that lacks one, so that the
# catalogue can be completed after new messages are merged:
#   scripts/po-update.sh, translate what this test names, run it again.
set -euo pipefail
src=${1:?usage: check-catalogues.sh SOURCE_DIR}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

POT=$tmp/folio.pot "$src/scripts/po-update.sh" --pot-only
[ "$(grep -c '^msgid ' "$tmp/folio.pot")" -gt 100 ] || { echo "FAIL: too few messages extracted" >&2; exit 1; }

# msgids of a .po file, one a line, as written in it (escapes kept)
msgids() {
	awk '/^msgid "/ { id = substr($0, 8, length($0) - 8); more = 1; next }
	     more && /^"/ { id = id substr($0, 2, length($0) - 2); next }
	     more { if (id != "") print id; more = 0 }
	     END { if (more && id != "") print id }' "$1"
}

failed=0
for po in "$src"/po/*.po; do
	lang=$(basename "$po" .po)
	msgmerge --quiet --no-wrap --no-location "$po" "$tmp/folio.pot" -o "$tmp/$lang.po"
	msgattrib --no-wrap --no-obsolete --untranslated "$tmp/$lang.po" -o "$tmp/$lang.missing"
	msgattrib --no-wrap --no-obsolete --only-fuzzy "$tmp/$lang.po" -o "$tmp/$lang.fuzzy"
	n=0
	[ -s "$tmp/$lang.missing" ] && while IFS= read -r id; do
		echo "po/$lang.po: no translation for \"$id\"" >&2
		n=$((n + 1))
	done < <(msgids "$tmp/$lang.missing")
	[ -s "$tmp/$lang.fuzzy" ] && while IFS= read -r id; do
		echo "po/$lang.po: translation only guessed (fuzzy) for \"$id\"" >&2
		n=$((n + 1))
	done < <(msgids "$tmp/$lang.fuzzy")
	total=$(msgids "$tmp/folio.pot" | wc -l)
	echo "po/$lang.po: $((total - n)) of $total messages translated"
	[ $n -eq 0 ] || failed=1
done
[ $failed -eq 0 ] || { echo "FAIL: run scripts/po-update.sh and translate the messages named above (docs/translating.md)" >&2; exit 1; }

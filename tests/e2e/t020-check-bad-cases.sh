#!/bin/bash
# Every case of tests/bad/ applied onto the sample site gives its expected
# rule at its expected path:line, with the expected exit status, and folio
# neither crashes nor hangs on it. A case is a directory whose files are
# copied over the site, plus an optional setup.sh run in the site (for
# inputs better generated than stored: huge files, NUL bytes, symlinks).
# The manifest tests/bad/cases.tsv lists: case, main file, path:line, rule,
# exit status, and optionally a text the output must hold (a message's
# words or its hint, e.g. 'did you mean "-date"?'; "-" for none) and, in a
# seventh column, a text the output holds in French: the sample site is
# French, so folio is run again with its findings in the site's language
# (lib.sh makes them English for the other checks) and must give the same
# rule at the same place, in French. The JUnit and JSON reports of each
# case must parse.
# CASE=name runs one case; VERBOSE=1 prints folio's output.
. "$(dirname "$0")/lib.sh"

bad=$FOLIO_SOURCE_DIR/tests/bad
site=$TEST_DIR/site
make_repo "$site"
base=$(git -C "$site" rev-parse HEAD)

# report_parses FORMAT FILE PYTHON: folio check --format FORMAT exits 0 or 1
# and PYTHON (given the file) parses what it wrote
report_parses() {
	local r=0
	timeout 20 "$FOLIO" check --repo "$site" --format "$1" >"$2" 2>&1 || r=$?
	[ $r -le 1 ] && python3 -c "$3" "$2" 2>/dev/null
}

# in_french TEXT OUT PATTERN: folio check with the findings in the site's
# language (French) writes to OUT the finding of PATTERN, and TEXT
in_french() {
	local r=0
	FOLIO_FINDINGS_LANG='' timeout 20 "$FOLIO" check --repo "$site" >"$2" 2>&1 || r=$?
	[ "${VERBOSE:-}" ] && cat "$2"
	[ $r -eq "$status" ] && LC_ALL=C grep -Eq -- "$3" "$2" && grep -Fq -- "$1" "$2"
}

n=0 failed=0
while IFS=$'\t' read -r name file where rule status text text_fr; do
	case $name in ''|'#'*) continue ;; esac
	[ -n "${CASE:-}" ] && [ "$CASE" != "$name" ] && continue
	n=$((n + 1))
	[ -d "$bad/$name" ] || fail "$name: no directory tests/bad/$name"
	git -C "$site" reset -q --hard "$base"
	git -C "$site" clean -qfdx
	cp -a "$bad/$name/." "$site/"
	rm -f "$site/setup.sh"
	if [ -f "$bad/$name/setup.sh" ]; then
		(cd "$site" && bash "$bad/$name/setup.sh")
	fi
	[ -e "$site/$file" ] || [ -L "$site/$file" ] || fail "$name: the case does not make $file"
	git -C "$site" add -A
	git -C "$site" commit -qm "$name"
	out=$TEST_DIR/$name.out
	rc=0
	timeout 20 "$FOLIO" check --repo "$site" >"$out" 2>&1 || rc=$?
	[ "${VERBOSE:-}" ] && cat "$out"
	# "path:line:" then anything up to the rule; line 0 means no line
	path=${where%:*} line=${where##*:}
	if [ "$line" = 0 ]; then
		pattern="^$(printf '%s' "$path" | sed 's/[][\.*^$]/\\&/g'): (error|warning): .* \[$rule\]\$"
	else
		pattern="^$(printf '%s' "$path" | sed 's/[][\.*^$]/\\&/g'):$line(:[0-9]+)?: (error|warning): .* \[$rule\]\$"
	fi
	if grep -Eq 'Sanitizer|runtime error:' "$out"; then
		echo "FAIL $name: sanitizer report" >&2
		sed 's/^/  | /' "$out" >&2
		failed=$((failed + 1))
	elif [ $rc -ne "$status" ]; then
		echo "FAIL $name: exit $rc, expected $status" >&2
		[ $rc -ge 124 ] && echo "  (timeout or crash)" >&2
		sed 's/^/  | /' "$out" >&2
		failed=$((failed + 1))
	elif ! LC_ALL=C grep -Eq -- "$pattern" "$out"; then
		echo "FAIL $name: no $rule at $where" >&2
		sed 's/^/  | /' "$out" >&2
		failed=$((failed + 1))
	elif [ -n "${text:-}" ] && [ "$text" != - ] && ! grep -Fq -- "$text" "$out"; then
		echo "FAIL $name: output lacks: $text" >&2
		sed 's/^/  | /' "$out" >&2
		failed=$((failed + 1))
	elif ! report_parses junit "$out.xml" 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])'; then
		echo "FAIL $name: --format junit is not well-formed XML" >&2
		sed 's/^/  | /' "$out.xml" >&2
		failed=$((failed + 1))
	elif ! report_parses json "$out.json" 'import sys, json; json.load(open(sys.argv[1]))'; then
		echo "FAIL $name: --format json is not valid JSON" >&2
		sed 's/^/  | /' "$out.json" >&2
		failed=$((failed + 1))
	elif [ -n "${text_fr:-}" ] && ! in_french "$text_fr" "$out.fr" "$pattern"; then
		echo "FAIL $name: in French, no $rule at $where holding: $text_fr" >&2
		sed 's/^/  | /' "$out.fr" >&2
		failed=$((failed + 1))
	else
		echo "ok $name: $where [$rule]${text_fr:+ (and in French)}"
	fi
done <"$bad/cases.tsv"

echo "$((n - failed)) of $n bad cases give their rule and line"
[ $n -ge 1 ] || fail "no case ran"
[ $failed -eq 0 ] || fail "$failed bad cases failed"

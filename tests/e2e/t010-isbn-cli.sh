#!/usr/bin/env bash
# folio isbn: output lines, JSON, exit codes, --help/--version showing the
# range message's date, and ranges replaced by --ranges and FOLIO_ISBN_RANGES.
set -euo pipefail

: "${FOLIO:?FOLIO must name the folio binary}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-t010-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tab=$'\t'

fail() {
	echo "t010-isbn-cli: FAIL: $*" >&2
	exit 1
}

# run CMD...: sets $out, $err and $rc without tripping set -e.
run() {
	rc=0
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

expect_rc() {
	[ "$rc" -eq "$1" ] || fail "$2: exit code $rc, expected $1 (stderr: $err)"
}

expect_out() {
	[ "$out" = "$1" ] || fail "$2: stdout was
$out
expected
$1"
}

# One valid ISBN: four fields, exit 0.
run "$FOLIO" isbn 9782296013681
expect_rc 0 "valid ISBN"
expect_out "9782296013681${tab}valid${tab}978-2-296-01368-1${tab}2-296-01368-6" "valid ISBN"
[ -z "$err" ] || fail "valid ISBN wrote to stderr: $err"

# Several: valid ones and each kind of invalid one; exit 1.
run "$FOLIO" isbn 978-2-296-01368-1 2-296-01368-6 0-8044-2957-X 979-10-90636-07-1 \
	979-8-6024-0545-3 978-22-96013-68-1 9782296013682 9770000000000 12345 9786100000003
expect_rc 1 "mixed ISBNs"
expect_out "978-2-296-01368-1${tab}valid${tab}978-2-296-01368-1${tab}2-296-01368-6
2-296-01368-6${tab}valid${tab}978-2-296-01368-1${tab}2-296-01368-6
0-8044-2957-X${tab}valid${tab}978-0-8044-2957-3${tab}0-8044-2957-X
979-10-90636-07-1${tab}valid${tab}979-10-90636-07-1${tab}
979-8-6024-0545-3${tab}valid${tab}979-8-6024-0545-3${tab}
978-22-96013-68-1${tab}invalid${tab}978-2-296-01368-1${tab}2-296-01368-6${tab}isbn/hyphenation
9782296013682${tab}invalid${tab}${tab}${tab}isbn/check-digit
9770000000000${tab}invalid${tab}${tab}${tab}isbn/prefix
12345${tab}invalid${tab}${tab}${tab}isbn/length
9786100000003${tab}invalid${tab}${tab}${tab}isbn/unknown-range" "mixed ISBNs"
grep -qF 'folio isbn: 978-22-96013-68-1: error: ISBN "978-22-96013-68-1" is hyphenated wrongly [isbn/hyphenation]' "$tmp/err" ||
	fail "no hyphenation message on stderr: $err"
grep -qF '  hint: write 978-2-296-01368-1' "$tmp/err" || fail "no hyphenation hint on stderr: $err"
grep -qF 'error: ISBN check digit is 2, expected 1 [isbn/check-digit]' "$tmp/err" ||
	fail "no check-digit message on stderr: $err"
grep -qF 'warning: ISBN "9786100000003" is in no registration group the ranges know [isbn/unknown-range]' "$tmp/err" ||
	fail "no unknown-range message on stderr: $err"

# An input that starts with "-" is an ISBN after "--".
run "$FOLIO" isbn -- -978-2-296-01368-1
expect_rc 1 "ISBN after --"
expect_out "-978-2-296-01368-1${tab}invalid${tab}978-2-296-01368-1${tab}2-296-01368-6${tab}isbn/hyphenation" "ISBN after --"

# JSON.
run "$FOLIO" isbn --json 978-2-296-01368-1 9782296013682
expect_rc 1 "--json"
python3 - "$tmp/out" <<'PY' || fail "--json output is wrong: $out"
import json, sys
a = json.load(open(sys.argv[1]))
assert len(a) == 2, a
assert a[0] == {"input": "978-2-296-01368-1", "valid": True, "status": "valid",
                "isbn13": "978-2-296-01368-1", "isbn10": "2-296-01368-6",
                "ean": "9782296013681", "rule": None, "message": None, "hint": None}, a[0]
assert a[1]["valid"] is False and a[1]["rule"] == "isbn/check-digit", a[1]
assert a[1]["message"] == "ISBN check digit is 2, expected 1", a[1]
PY

# Usage errors: exit 2.
run "$FOLIO" isbn
expect_rc 2 "no argument"
grep -qF "no ISBN given" "$tmp/err" || fail "no argument: stderr was $err"
run "$FOLIO" isbn --bogus 9782296013681
expect_rc 2 "unknown option"
run "$FOLIO" isbn --ranges "$tmp/missing.xml" 9782296013681
expect_rc 2 "missing --ranges file"
grep -qF "does not exist" "$tmp/err" || fail "missing --ranges file: stderr was $err"

# --help and --version name the range message in use.
run "$FOLIO" isbn --help
expect_rc 0 "--help"
grep -qF "usage: folio isbn" "$tmp/out" || fail "--help has no usage line: $out"
grep -qxF "ISBN ranges: message of Mon, 8 Jan 2024 13:37:37 GMT" "$tmp/out" || fail "--help has no range date: $out"
run "$FOLIO" isbn --version
expect_rc 0 "--version"
grep -qxF "ISBN ranges: message of Mon, 8 Jan 2024 13:37:37 GMT" "$tmp/out" || fail "--version has no range date: $out"

# Newer ranges from a file, by option or environment.
cat >"$tmp/ranges.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<ISBNRangeMessage>
  <MessageDate>Tue, 1 Jan 2030 00:00:00 GMT</MessageDate>
  <EAN.UCCPrefixes>
    <EAN.UCC><Prefix>978</Prefix><Agency>x</Agency><Rules>
      <Rule><Range>0000000-9999999</Range><Length>1</Length></Rule>
    </Rules></EAN.UCC>
  </EAN.UCCPrefixes>
  <RegistrationGroups>
    <Group><Prefix>978-2</Prefix><Agency>French language</Agency><Rules>
      <Rule><Range>0000000-9999999</Range><Length>2</Length></Rule>
    </Rules></Group>
  </RegistrationGroups>
</ISBNRangeMessage>
XML
run "$FOLIO" isbn --ranges "$tmp/ranges.xml" 9782296013681
expect_rc 0 "--ranges"
expect_out "9782296013681${tab}valid${tab}978-2-29-601368-1${tab}2-29-601368-6" "--ranges"
run env FOLIO_ISBN_RANGES="$tmp/ranges.xml" "$FOLIO" isbn 978-2-296-01368-1
expect_rc 1 "FOLIO_ISBN_RANGES"
expect_out "978-2-296-01368-1${tab}invalid${tab}978-2-29-601368-1${tab}2-29-601368-6${tab}isbn/hyphenation" "FOLIO_ISBN_RANGES"
run env FOLIO_ISBN_RANGES="$tmp/ranges.xml" "$FOLIO" isbn --version
grep -qxF "ISBN ranges: message of Tue, 1 Jan 2030 00:00:00 GMT" "$tmp/out" || fail "--version ignores FOLIO_ISBN_RANGES: $out"
run env FOLIO_ISBN_RANGES="$tmp/missing.xml" "$FOLIO" isbn 9782296013681
expect_rc 2 "FOLIO_ISBN_RANGES naming a missing file"

echo "t010-isbn-cli: ok"

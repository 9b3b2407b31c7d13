#!/bin/bash
# A folio rebuilt with other code under the same version (an upgrade from
# source, a fixed renderer) rendered nothing again: an output's records
# named the version only, so every page the commit did not change kept
# the older build's HTML until a full build. The records name the build
# now (the version and the executable's GNU build id, which the linker
# hashes from its code): another build renders every page again once, a
# static file is still taken as it is, and the same build publishes as
# before. Another build is made here by changing the build id's bytes of a
# copy of the binary (its code is the same).
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo out=$TEST_DIR/out state=$TEST_DIR/state
make_repo "$repo"
G="git -C $repo -c user.name=t -c user.email=t@example.org"
publish "$repo" "$out" "$state" "first publish"

other=$TEST_DIR/folio-other
python3 - "$FOLIO" "$other" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
# the ELF's notes: find NT_GNU_BUILD_ID (type 3, name "GNU") and change its last byte
i = data.find(b"GNU\0")
while i >= 0:
    namesz, descsz, ntype = struct.unpack_from("<III", data, i - 12)
    if namesz == 4 and ntype == 3 and 0 < descsz <= 64:
        data[i + 4 + descsz - 1] ^= 0xFF
        break
    i = data.find(b"GNU\0", i + 1)
else:
    sys.exit("no build id note in " + sys.argv[1])
open(sys.argv[2], "wb").write(data)
PY
chmod +x "$other"
[ "$("$FOLIO" --version)" != "$("$other" --version)" ] || fail "the two builds say one version: $("$FOLIO" --version)"
"$FOLIO" --version | grep -Eq '^folio [0-9.]+\+[0-9a-f]{40}' || fail "no build id in: $("$FOLIO" --version)"

page=$(cd "$repo" && ls events/*.md | head -1)
pages=$("$FOLIO" build --repo "$repo" --out "$TEST_DIR/count" 2>&1 | sed -n 's/^built \([0-9]*\) pages.*/\1/p')
[ -n "$pages" ] && [ "$pages" -gt 5 ] || fail "no page count from a build: $pages"

# the same build: a body edit renders one page
printf '\nUne phrase de plus.\n' >>"$repo/$page"
$G commit -qam "edit"
"$FOLIO" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/same.txt" 2>&1 || fail "same build: $(cat "$TEST_DIR/same.txt")"
assert_contains "$TEST_DIR/same.txt" ": 1 pages rendered"

# another build: every page again, its static files as they were
css=$(cd "$out" && find . -name 'logo.svg' | head -1)
[ -n "$css" ] || fail "the sample site has no logo"
before=$(stat -c '%i %Y' "$out/$css")
printf '\nEncore une phrase.\n' >>"$repo/$page"
$G commit -qam "edit again"
"$other" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/other.txt" 2>&1 || fail "other build: $(cat "$TEST_DIR/other.txt")"
assert_contains "$TEST_DIR/other.txt" ": $pages pages rendered"
[ "$(stat -c '%i %Y' "$out/$css")" = "$before" ] || fail "the other build wrote $css again"
same_as_full "$repo" "$out" "another build"

# and then it is the state's build: one page again
printf '\nUne dernière.\n' >>"$repo/$page"
$G commit -qam "edit a third time"
"$other" build --repo "$repo" --out "$out" --state "$state" >"$TEST_DIR/again.txt" 2>&1 || fail "other build again: $(cat "$TEST_DIR/again.txt")"
assert_contains "$TEST_DIR/again.txt" ": 1 pages rendered"
echo "ok"

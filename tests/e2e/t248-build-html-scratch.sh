#!/bin/bash
# folio build renders each page's HTML once, with the parse that validates
# it, and keeps it in an unlinked scratch file beside the output until an
# output shows it (issue 14): FOLIO_TRACE counts the pages whose HTML went
# there, was read back, or was rendered again from the blob. Every page,
# including one whose body links to another page's file (its body is
# parsed once every address is known), is read back and none rendered
# again. Without a scratch file (TMPDIR unusable, the output's folder not
# made yet) or with one on a full disk, every page is rendered again, and
# the site is the same byte for byte; nothing is left behind either way.
if [ -z "${FOLIO_T248_NS:-}" ] && [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
	FOLIO_T248_NS=1 exec unshare -m --propagation private "$BASH" "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

cleanup() {
	umount -l "$TEST_DIR/disk" 2>/dev/null || true
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
event=$(git ls-files 'events/*.md' | head -1)
cat >>pages/presentation.md <<MD

Voir [la rencontre](../$event) et une note[^n].

| Année | Lieu |
|-------|------|
| 1996  | Montpellier |

[^n]: Une note de bas de page, avec un *accent*.
MD
git commit -qam "A page linking to another page's file, a table and a footnote"
npages=$(git ls-files '*.md' | grep -cv '^templates/')

counts() { # ERRFILE: "spilled read_back again" from the build's trace, or fails
	local c
	c=$(sed -n "s/.*pages' HTML: \([0-9]*\) in the scratch file, \([0-9]*\) read back, \([0-9]*\) rendered again.*/\1 \2 \3/p" "$1")
	[ -n "$c" ] || fail "no trace of the pages' HTML: $(cat "$1")"
	echo "$c"
}

mkdir "$TEST_DIR/pub"
FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/pub/site" \
	>/dev/null 2>"$TEST_DIR/spill.err" || fail "build failed: $(cat "$TEST_DIR/spill.err")"
c=$(counts "$TEST_DIR/spill.err")
read -r spilled back again <<<"$c"
[ "$spilled" -ge "$npages" ] && [ "$back" -ge "$npages" ] && [ "$again" = 0 ] ||
	fail "$npages pages: $spilled in the scratch file, $back read back, $again rendered again"
[ "$(ls -A "$TEST_DIR/pub")" = site ] || fail "left beside the output: $(ls -A "$TEST_DIR/pub")"
assert_contains "$TEST_DIR/pub/site/pages/presentation/index.html" "<td>Montpellier</td>"
assert_contains "$TEST_DIR/pub/site/pages/presentation/index.html" "/events/"

# no scratch file can be made: the output's folder does not exist yet, and
# the TMPDIR set is no directory
TMPDIR=$TEST_DIR/none FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/new/site" \
	>/dev/null 2>"$TEST_DIR/none.err" || fail "build without a scratch file failed: $(cat "$TEST_DIR/none.err")"
c=$(counts "$TEST_DIR/none.err")
read -r spilled back again <<<"$c"
[ "$spilled" = 0 ] && [ "$back" = 0 ] && [ "$again" -ge "$npages" ] ||
	fail "without a scratch file: $spilled in it, $back read back, $again rendered again"
diff -r "$TEST_DIR/pub/site" "$TEST_DIR/new/site" >"$TEST_DIR/diff.txt" ||
	fail "the site differs when the HTML is rendered again: $(head -20 "$TEST_DIR/diff.txt")"

# a scratch file on a disk that fills up (a small tmpfs, 8 KiB left): the
# pages whose HTML fitted are read back, the others rendered again. Mounting
# needs root; without it, this part is skipped.
DISK=$TEST_DIR/disk
mkdir "$DISK"
if mount -t tmpfs -o size=64k,mode=0755 folio-e2e "$DISK" 2>/dev/null; then
	head -c 57344 /dev/zero >"$DISK/filler" 2>/dev/null || true
	TMPDIR=$DISK FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$TEST_DIR/new2/site" \
		>/dev/null 2>"$TEST_DIR/full.err" || fail "build with a full scratch disk failed: $(cat "$TEST_DIR/full.err")"
	c=$(counts "$TEST_DIR/full.err")
	read -r spilled back again <<<"$c"
	echo "full disk: $spilled in the scratch file, $back read back, $again rendered again"
	[ "$back" = "$spilled" ] && [ "$again" -ge 1 ] && [ $((back + again)) -ge "$npages" ] ||
		fail "on a full disk: $spilled in the scratch file, $back read back, $again rendered again"
	diff -r "$TEST_DIR/pub/site" "$TEST_DIR/new2/site" >"$TEST_DIR/diff.txt" ||
		fail "the site differs when the scratch disk is full: $(head -20 "$TEST_DIR/diff.txt")"
	[ "$(ls -A "$DISK")" = filler ] || fail "left on the scratch disk: $(ls -A "$DISK")"
else
	echo "note: no tmpfs could be mounted (root needed): the full-disk case is skipped"
fi
echo "ok"

#!/bin/bash
# folio never replaces or deletes what it did not write: its outputs hold a
# marker file (.folio-output), and a non-empty --out without it is refused by
# `folio build` (full and --state) and `folio watch`, with a message saying
# what to do. An empty or missing --out is fine. (Once, a git clone given as
# --out was replaced by the site.)
. "$(dirname "$0")/lib.sh"

make_repo "$TEST_DIR/site"
cd "$TEST_DIR"
git clone -q site victim # a folder someone cares about
victim_intact() {
	[ -f victim/folio.yaml ] && git -C victim rev-parse -q --verify HEAD >/dev/null \
		&& [ ! -e victim/.folio-output ] && [ ! -e victim/index.html ] || fail "victim/ was changed: $(ls -a victim)"
}
refused() { # refused LOG: exit status 2 and the message
	assert_contains "$1" "output 'victim' is not empty and not a folio output (no .folio-output in it)"
	assert_contains "$1" "empty it or choose another folder"
}

rc=0
"$FOLIO" build --repo site --rev HEAD --out victim/ >build.log 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "folio build into a git clone: exit $rc, $(cat build.log)"
refused build.log
victim_intact
rc=0
"$FOLIO" build --repo site --rev HEAD --out victim --state st1 >build.log 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "folio build --state into a git clone: exit $rc, $(cat build.log)"
refused build.log
victim_intact
rc=0
"$FOLIO" watch --repo site --out ./victim --state st2 --no-deliver >watch.log 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "folio watch into a git clone: exit $rc, $(cat watch.log)"
refused watch.log
victim_intact

# A missing or empty --out is written, with the marker; a marked one again.
mkdir empty
for out in missing empty; do
	"$FOLIO" build --repo site --rev HEAD --out $out >build.log 2>&1 || fail "build into $out: $(cat build.log)"
	[ -f $out/.folio-output ] && [ -f $out/index.html ] || fail "$out: no marker or no site"
	"$FOLIO" build --repo site --rev HEAD --out $out >build.log 2>&1 || fail "second build into $out: $(cat build.log)"
	[ -f $out/.folio-output ] || fail "$out: the full build's swap lost the marker"
done
mkdir empty2
for state in st3 st3; do # full, then incremental
	"$FOLIO" build --repo site --rev HEAD --out empty2 --state $state >build.log 2>&1 || fail "publish: $(cat build.log)"
	[ -f empty2/.folio-output ] && [ -f empty2/index.html ] || fail "empty2: no marker or no site"
done
"$FOLIO" build --repo site --rev HEAD --out empty2 --state st3 --full >build.log 2>&1 || fail "publish --full: $(cat build.log)"
[ -f empty2/.folio-output ] || fail "the --full publish's swap lost the marker"
diff -r missing empty2 >/dev/null || fail "a build and a publish differ: $(diff -r missing empty2 | head)"

# The marker must be a file of the directory, not a link to one elsewhere.
mkdir linked && echo keep >linked/keep && ln -s "$TEST_DIR/missing/.folio-output" linked/.folio-output
"$FOLIO" build --repo site --rev HEAD --out linked >build.log 2>&1 && fail "a linked marker was taken"
[ -f linked/keep ] || fail "linked/ was changed"
echo "ok"

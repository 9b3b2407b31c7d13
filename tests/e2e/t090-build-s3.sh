#!/bin/bash
# folio build --out s3://BUCKET/PREFIX against a real S3 server (radosgw):
# the bucket holds what a local full build writes, byte for byte, with
# Content-Type and Cache-Control per kind of file; a rerun uploads nothing;
# an incremental publish uploads only the changed objects and deletes the
# removed ones; refused credentials, a missing bucket and a prefix folio did
# not write are clear errors (exit 2) that leave the bucket as it was.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3lib.sh"
s3_test
cd "$TEST_DIR"
make_repo site
s3 mb s3://www || fail "cannot make the bucket"

# a full build equals a local full build
"$FOLIO" build --repo site --out s3://www/site >out.txt 2>err.txt || { cat err.txt; fail "build to s3 failed"; }
"$FOLIO" build --repo site --out local >/dev/null 2>&1
s3 compare s3://www/site local >diff.txt || { cat diff.txt; fail "the bucket differs from a local build"; }
files=$(find local -type f ! -name .folio-output | wc -l) # the marker is no output
assert_contains out.txt "$files objects uploaded, 0 unchanged, 0 deleted"
# the same commit again: every object is in the store already (by ETag)
"$FOLIO" build --repo site --out s3://www/site >out.txt 2>&1
assert_contains out.txt "0 objects uploaded, $files unchanged, 0 deleted"

# incremental: each step uploads exactly the objects whose bytes changed
# between two local full builds, and deletes the outputs that went
changed() { (cd "$2" && find . -type f | while read -r f; do cmp -s "$f" "../$1/$f" || echo "$f"; done) | wc -l; }
removed() { (cd "$1" && find . -type f | while read -r f; do [ -e "../$2/$f" ] || echo "$f"; done) | wc -l; }
publish_step() { # publish_step MESSAGE: publish HEAD incrementally, check counts and bucket
	rm -rf prev && mv local prev
	"$FOLIO" build --repo site --out local >/dev/null 2>&1
	"$FOLIO" build --repo site --out s3://www/inc --state state >out.txt 2>&1 || { cat out.txt; fail "publish failed: $1"; }
	s3 compare s3://www/inc local >diff.txt || { cat diff.txt; fail "the bucket differs: $1"; }
	local want_up want_del
	want_up=$(changed prev local) want_del=$(removed prev local)
	assert_contains out.txt " $want_up objects uploaded"
	assert_contains out.txt " $want_del deleted"
	[ "$want_up" -lt "$files" ] || fail "$1 changed every file"
}
"$FOLIO" build --repo site --out s3://www/inc --state state >out.txt 2>&1 || { cat out.txt; fail "publish failed"; }
assert_contains out.txt "$files objects uploaded"
printf -- '---\ntitle: Mentions\nsummary: Mentions légales.\n---\n\nTexte.\n' >site/pages/mentions.md
git -C site add -A && git -C site commit -qm "Add a page"
publish_step "adding a page"
sed -i 's/^Texte\.$/Texte changé./' site/pages/mentions.md
git -C site commit -qam "Edit a page"
publish_step "editing a page"
git -C site rm -q pages/mentions.md && git -C site commit -qm "Remove the page"
publish_step "removing a page"
assert_contains out.txt " 1 deleted"
# refused credentials: a clear error, exit 2, the bucket untouched
s3 ls s3://www/inc >before.txt
set +e
AWS_SECRET_ACCESS_KEY=wrong "$FOLIO" build --repo site --out s3://www/inc --state state --full >out.txt 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "refused credentials exited $rc: $(cat out.txt)"
assert_contains out.txt "access refused (403 SignatureDoesNotMatch)"
assert_contains out.txt "check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"
s3 ls s3://www/inc >after.txt
cmp -s before.txt after.txt || fail "refused credentials changed the bucket"
s3 compare s3://www/inc local >diff.txt || { cat diff.txt; fail "the last good site is gone"; }
# no credentials at all
set +e
env -u AWS_ACCESS_KEY_ID "$FOLIO" build --repo site --out s3://www/x >out.txt 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "missing credentials exited $rc"
assert_contains out.txt "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"

# a bucket that does not exist
set +e
"$FOLIO" build --repo site --out s3://nobucket/site >out.txt 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "a missing bucket exited $rc"
assert_contains out.txt "no bucket 'nobucket'"

# a prefix holding objects folio did not write is refused, and left alone
echo keep >keep.txt
s3 put s3://www/other/keep.txt keep.txt
set +e
"$FOLIO" build --repo site --out s3://www/other >out.txt 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "a foreign prefix exited $rc"
assert_contains out.txt "is not empty and not a folio output"
[ "$(s3 ls s3://www/other)" = "other/keep.txt" ] || fail "the foreign prefix was changed"
echo ok

#!/bin/bash
# A security scout's eighth round, on object keys (radosgw): curl folds a
# URL's "." and ".." segments, so the DELETE of a key with such a name
# below the prefix removed another object:
# 1. a full build deleted what the prefix holds beyond the site, each key
#    sent as it is: "site/../other/keep.txt" (put there by anyone who may
#    write below the prefix) deleted other/keep.txt, outside the prefix,
#    and "site/./index.html" the live home page, both kept. Such a key is
#    none of folio's outputs now: left alone;
# 2. a state holding such an output path (written by a folio before the
#    path check) deleted other/keep.txt when the commit dropped it; the
#    path is dropped from the state with a warning now, nothing deleted,
#    as the directory's writer drops it.
# 3. such a key still makes a prefix someone's: a prefix holding one (and
#    other objects) without folio's marker is refused, not claimed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3lib.sh"
s3_test
cd "$TEST_DIR"
s3 mb s3://keys || fail "cannot make the bucket"
echo kept >keep.txt

# plant BUCKET KEY: an object at KEY, its dots sent escaped (%2E) and signed
# as they are, so that no client folds them before the server
plant() {
	python3 - "$1" "$2" <<'PY'
import os, sys
sys.path.insert(0, os.environ["FOLIO_SOURCE_DIR"] + "/tests/helpers")
import s3 as m
c = m.S3()
real = c.conn.request
c.conn.request = lambda method, url, **kw: real(method, url.replace(".", "%2E"), **kw)
st, _, data = c.request("PUT", "/%s/%s" % (sys.argv[1], sys.argv[2]), body=b"planted")
sys.exit(0 if st == 200 else "PUT %s: %d %s" % (sys.argv[2], st, data[:200]))
PY
}

mkdir -p site/pages
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n' >site/folio.yaml
printf -- '---\ntitle: Home\n---\nHello.\n' >site/pages/home.md
git -C site init -q && git -C site add -A && git -C site commit -qm base

# 1
s3 put s3://keys/other/keep.txt keep.txt
"$FOLIO" build --repo site --out s3://keys/full >out.txt 2>&1 || { cat out.txt; fail "1: first build failed"; }
plant keys "full/../other/keep.txt" || fail "1: cannot plant a key"
plant keys "full/./index.html" || fail "1: cannot plant a key"
s3 ls s3://keys/full >before.txt
grep -qx "full/./index.html" before.txt || fail "1: the server folded the planted key: $(cat before.txt)"
"$FOLIO" build --repo site --out s3://keys/full >out.txt 2>&1 || { cat out.txt; fail "1: second build failed"; }
s3 ls s3://keys/other >other.txt
grep -qx "other/keep.txt" other.txt || fail "1: a full build deleted other/keep.txt, outside its prefix"
s3 ls s3://keys/full >after.txt
grep -qx "full/index.html" after.txt || fail "1: a full build deleted the live full/index.html"
assert_contains out.txt " 0 deleted"
diff before.txt after.txt || fail "1: the prefix changed"

# 2
"$FOLIO" build --quiet --repo site --rev HEAD --out s3://keys/inc --state state >out.txt 2>&1 \
	|| { cat out.txt; fail "2: first publish failed"; }
sqlite3 state/state.sqlite "INSERT INTO outputs(path, hash, unit, size) VALUES('../other/keep.txt', '0', 'old', 7)"
printf -- '---\ntitle: X\n---\nx\n' >site/pages/x.md
git -C site add -A && git -C site commit -qm x
"$FOLIO" build --repo site --rev HEAD --out s3://keys/inc --state state >out.txt 2>&1 \
	|| { cat out.txt; fail "2: a publish failed on a state path with '..'"; }
s3 ls s3://keys/other >other.txt
grep -qx "other/keep.txt" other.txt || fail "2: a publish deleted other/keep.txt, outside its prefix"
assert_contains out.txt "not deleting 'inc/../other/keep.txt'"
[ "$(sqlite3 state/state.sqlite "SELECT count(*) FROM outputs WHERE path LIKE '../%'")" = 0 ] \
	|| fail "2: the path is still in the state"
# 3
plant keys "foreign/./a.txt" || fail "3: cannot plant a key"
s3 put s3://keys/foreign/b.txt keep.txt
"$FOLIO" build --repo site --out s3://keys/foreign >out.txt 2>&1 && fail "3: a prefix holding objects was claimed"
assert_contains out.txt "is not empty and not a folio output"
s3 ls s3://keys/foreign >foreign.txt
grep -qx "foreign/b.txt" foreign.txt || fail "3: foreign/b.txt was deleted"
echo "ok"

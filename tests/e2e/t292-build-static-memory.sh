#!/bin/bash
# A build holds about one static file per thread, not all of them (issue
# 13: "static files are all read into memory before rendering", 296 MB
# peak for 242 MB of images). Two sites of the same pages are built, one
# with 2 static files of 64 KiB, one with 32 of 4 MiB that do not compress
# (128 MiB); the second's peak RSS may exceed the first's by at most
# 48 MiB (two files being written, the pack windows, the blobs inflated).
# Each way a site is written is measured: a full build, a first publish
# into a state, a publish that adds files, a plain directory. The files
# written are the committed ones, byte for byte.
. "$(dirname "$0")/lib.sh"

# make_site DIR COUNT KIB: the sample's pages, COUNT static files of KIB KiB.
make_site() {
	local dir=$1 count=$2 kib=$3
	mkdir -p "$dir"
	cp -r "$FOLIO_SOURCE_DIR/content/." "$dir/"
	mkdir -p "$dir/static/photos"
	for i in $(seq 1 "$count"); do
		head -c $((kib * 1024)) /dev/urandom >"$dir/static/photos/p$i.jpg"
	done
	git -C "$dir" init -q
	git -C "$dir" add -A
	git -C "$dir" -c user.name=t -c user.email=t@x commit -qm "Import"
}

# peak_kib ARGS...: the peak RSS in KiB of folio ARGS (which must succeed).
peak_kib() {
	python3 - "$FOLIO" "$@" <<'PY'
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if r.returncode:
    sys.exit("folio %s failed: %d" % (sys.argv[2], r.returncode))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}

sanitized=0
grep -qa __asan_init "$FOLIO" && sanitized=1 # ASan's quarantine holds what is freed
# bounded SMALL BIG WHAT: BIG's peak is within 48 MiB of SMALL's
bounded() {
	echo "$3: peak RSS $1 KiB with small files, $2 KiB with 128 MiB of them"
	if [ "$sanitized" = 1 ]; then
		echo "sanitizer build: the memory bound is not checked"
	else
		[ $(($2 - $1)) -le $((48 * 1024)) ] ||
			fail "$3: 128 MiB of static files cost $((($2 - $1) / 1024)) MiB more (bound: 48): they are held"
	fi
}

make_site "$TEST_DIR/small" 2 64
make_site "$TEST_DIR/big" 32 4096

s=$(peak_kib build --repo "$TEST_DIR/small" --out "$TEST_DIR/o-small") || fail "$s"
b=$(peak_kib build --repo "$TEST_DIR/big" --out "$TEST_DIR/o-big") || fail "$b"
bounded "$s" "$b" "full build"
cmp "$TEST_DIR/big/static/photos/p17.jpg" "$TEST_DIR/o-big/static/photos/p17.jpg" ||
	fail "full build: a static file's bytes differ"
[ -s "$TEST_DIR/o-big/index.html" ] || fail "full build: no home page"

s=$(peak_kib build --repo "$TEST_DIR/small" --out "$TEST_DIR/p-small" --state "$TEST_DIR/st-small") || fail "$s"
b=$(peak_kib build --repo "$TEST_DIR/big" --out "$TEST_DIR/p-big" --state "$TEST_DIR/st-big") || fail "$b"
bounded "$s" "$b" "first publish"

# a publish that adds 8 MiB: what it reads is the added files
for i in 33 34; do head -c $((4096 * 1024)) /dev/urandom >"$TEST_DIR/big/static/photos/p$i.jpg"; done
git -C "$TEST_DIR/big" add -A
git -C "$TEST_DIR/big" -c user.name=t -c user.email=t@x commit -qm "Two photos"
b=$(peak_kib build --repo "$TEST_DIR/big" --out "$TEST_DIR/p-big" --state "$TEST_DIR/st-big") || fail "$b"
bounded "$s" "$b" "publish of two files"
for i in 1 34; do
	cmp "$TEST_DIR/big/static/photos/p$i.jpg" "$TEST_DIR/p-big/static/photos/p$i.jpg" ||
		fail "publish: static file p$i.jpg differs"
done

s=$(peak_kib build --worktree "$TEST_DIR/small" --out "$TEST_DIR/w-small") || fail "$s"
b=$(peak_kib build --worktree "$TEST_DIR/big" --out "$TEST_DIR/w-big") || fail "$b"
bounded "$s" "$b" "build of a directory"
cmp "$TEST_DIR/big/static/photos/p33.jpg" "$TEST_DIR/w-big/static/photos/p33.jpg" ||
	fail "build of a directory: a static file's bytes differ"
echo "ok"

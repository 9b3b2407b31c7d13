#!/bin/bash
# A full build's memory does not hold the repository (issue 14): libgit2
# reads blobs through mapped windows of the pack file, and with its default
# windows (1 GiB, 8 GiB mapped) every page a build reads stayed in the
# process's resident set, the whole pack at the end: 45 of 122 MiB at 10k
# pages, ten times that at 100k. Two sites of the same 240 pages are built,
# one with bodies of 2 KiB, one of 200 KiB that do not compress (a pack of
# about 36 MiB); the second's peak RSS may exceed the first's by at most
# 24 MiB (windows of 4 MiB, 16 MiB mapped at most, plus the pages being
# rendered). The outputs are then checked against a held build.
. "$(dirname "$0")/lib.sh"

# make_site DIR N KIB: N pages of KIB KiB of base64 paragraphs, committed.
make_site() {
	local dir=$1 n=$2 kib=$3
	mkdir -p "$dir"
	cat >"$dir/folio.yaml" <<'YAML'
title: Paquets
base_url: https://pack.example
language: fr
page_size: 4
collections:
  - name: notes
    date_field: date
YAML
	python3 - "$dir/notes" "$n" "$kib" <<'PY'
import base64, os, random, sys
out, n, kib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
rnd = random.Random(229)
for i in range(n):
    paras, size = [], 0
    while size < kib * 1024:
        p = base64.b64encode(rnd.randbytes(750)).decode()
        paras.append(p)
        size += len(p) + 2
    with open(os.path.join(out, f"note-{i}.md"), "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: Note {i}\ndate: 2025-01-{1 + i % 28:02d}\n---\n\n")
        f.write(f"Voir [la suivante](/notes/note-{(i + 1) % n}/).\n\n")
        f.write("\n\n".join(paras) + "\n")
PY
	git -C "$dir" init -q
	git -C "$dir" add -A
	git -C "$dir" commit -qm "Import"
	git -C "$dir" gc -q # one pack, as a server's repository is
}

# peak_kib REPO OUT: the peak RSS in KiB of a full build of REPO into OUT.
peak_kib() {
	python3 - "$FOLIO" build --repo "$1" --out "$2" <<'PY'
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
if r.returncode:
    sys.exit("build failed: %d" % r.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}

N=240
make_site "$TEST_DIR/small" $N 2
make_site "$TEST_DIR/big" $N 200
pack=$(du -sk "$TEST_DIR/big/.git/objects/pack" | cut -f1)
small=$(peak_kib "$TEST_DIR/small" "$TEST_DIR/out-small") || fail "build of the small pages: $small"
big=$(peak_kib "$TEST_DIR/big" "$TEST_DIR/out-big") || fail "build of the big pages: $big"
echo "pack of $pack KiB; peak RSS: $small KiB with 2 KiB pages, $big KiB with 200 KiB pages"
[ "$pack" -ge $((30 * 1024)) ] || fail "the pack is $pack KiB: too small to tell"
if grep -qa __asan_init "$FOLIO"; then # ASan's quarantine and padding: its RSS is not folio's
	echo "sanitizer build: the memory bound is not checked"
else
	[ $((big - small)) -le $((24 * 1024)) ] ||
		fail "200 KiB pages cost $(((big - small) / 1024)) MiB more (bound: 24): the pack stays mapped"
fi

# The bytes are those of a build that holds every page (a plain directory,
# not streamed, whose validation data is never dropped); the footer's year
# is not a commit's there.
assert_contains "$TEST_DIR/out-big/notes/note-7/index.html" 'href="/notes/note-8/"'
"$FOLIO" build --worktree "$TEST_DIR/big" --out "$TEST_DIR/out-dir" >/dev/null ||
	fail "build of the worktree failed"
diff -r -I '<p>© ' "$TEST_DIR/out-big" "$TEST_DIR/out-dir" >"$TEST_DIR/diff.txt" ||
	fail "a streamed build differs from a held one: $(head -20 "$TEST_DIR/diff.txt")"

# A streamed load keeps no front-matter positions: a finding reads the page
# again for its line and column, which are those folio check gives.
mkdir -p "$TEST_DIR/pos/notes"
cat >"$TEST_DIR/pos/folio.yaml" <<'YAML'
title: Positions
base_url: https://pos.example
language: en
collections:
  - name: notes
    date_field: date
YAML
printf -- '---\ntitle: One\naliases:\n  - /a/\n  - "../../x"\ndate: not a date\n---\n\nText.\n' \
	>"$TEST_DIR/pos/notes/one.md"
git -C "$TEST_DIR/pos" init -q
git -C "$TEST_DIR/pos" add -A
git -C "$TEST_DIR/pos" commit -qm "Import"
"$FOLIO" build --repo "$TEST_DIR/pos" --out "$TEST_DIR/out-pos" >"$TEST_DIR/pos.txt" 2>&1 &&
	fail "a build with errors succeeded"
assert_contains "$TEST_DIR/pos.txt" 'notes/one.md:5:5: error: alias "../../x"'
assert_contains "$TEST_DIR/pos.txt" 'notes/one.md:6:7: error: field "date" is not a date'
echo "ok"

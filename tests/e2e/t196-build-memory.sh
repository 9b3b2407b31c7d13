#!/bin/bash
# A full build streams (issue 14): its memory is bounded by the largest page
# plus the site's index, not the sum of the pages. Two sites of the same
# pages, one five times the other, are built; the peak RSS may grow by at
# most 20 KiB per added page of 24 KiB of text. Holding each page's text,
# HTML or paragraphs until the end costs 24 KiB a page or more for each of
# them (folio before the streaming build grew by about 70 KiB a page here).
# Memory, not time: the figure does not depend on the machine's load.
. "$(dirname "$0")/lib.sh"

# make_site DIR N: N pages in a dated collection (20 a feed page), each a
# 24 KiB body of distinct paragraphs with links to other pages (by URL and
# by file) and a heading, committed.
make_site() {
	local dir=$1 n=$2
	mkdir -p "$dir"
	cat >"$dir/folio.yaml" <<'YAML'
title: Mémoire
base_url: https://memory.example
language: fr
page_size: 20
collections:
  - name: notes
    date_field: date
YAML
	python3 - "$dir/notes" "$n" <<'PY'
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
words = ("coopération recherche savoirs territoire enquête atelier publication "
         "collectif méthode entretien archive réseau habitants").split()
for i in range(n):
    paras = []
    size = 0
    k = 0
    while size < 24 * 1024:
        w = [words[(i * 7 + k * 3 + j) % len(words)] for j in range(40)]
        p = f"Paragraphe {k} de la note {i} : " + " ".join(w) + "."
        if k % 5 == 0:
            p += f" Voir [la note {(i + 1) % n}](/notes/note-{(i + 1) % n}/)"
            p += f" et [celle-ci](note-{(i + 2) % n}.md#suite)."
        if k == 3:
            paras.append("## Suite")
        paras.append(p)
        size += len(p.encode()) + 2
        k += 1
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    with open(os.path.join(out, f"note-{i}.md"), "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: Note {i}\ndate: 2025-{month:02d}-{day:02d}\n---\n\n")
        f.write("\n\n".join(paras) + "\n")
PY
	git -C "$dir" init -q
	git -C "$dir" add -A
	git -C "$dir" commit -qm "Import"
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

SMALL=300 LARGE=1500
make_site "$TEST_DIR/small" $SMALL
make_site "$TEST_DIR/large" $LARGE
small=$(peak_kib "$TEST_DIR/small" "$TEST_DIR/out-small") || fail "build of $SMALL pages: $small"
large=$(peak_kib "$TEST_DIR/large" "$TEST_DIR/out-large") || fail "build of $LARGE pages: $large"
per_page=$(( (large - small) / (LARGE - SMALL) ))
echo "peak RSS: $small KiB at $SMALL pages, $large KiB at $LARGE pages: $per_page KiB a page"
# AddressSanitizer keeps freed memory in quarantine and pads every block:
# its RSS says nothing of folio's; the rest of the test still runs.
if grep -qa __asan_init "$FOLIO"; then
	echo "sanitizer build: the memory bound is not checked"
else
	[ "$per_page" -le 20 ] || fail "a full build grows by $per_page KiB a page (bound: 20): it holds the pages"
fi

# What it wrote is the whole site: every page, with its body and its links.
[ -f "$TEST_DIR/out-large/notes/note-1499/index.html" ] || fail "missing page output"
assert_contains "$TEST_DIR/out-large/notes/note-7/index.html" "Paragraphe 30 de la note 7"
assert_contains "$TEST_DIR/out-large/notes/note-7/index.html" 'href="/notes/note-9/#suite"'
assert_contains "$TEST_DIR/out-large/notes/feed/2.json" '"content_html": "<p>Paragraphe 0 de la note'
# The same bytes as a build that holds every page: a plain directory (--worktree)
# is not streamed. (Its footer's year is not a commit's: that line aside.)
"$FOLIO" build --worktree "$TEST_DIR/small" --out "$TEST_DIR/out-dir" >/dev/null \
	|| fail "build of the worktree failed"
diff -r -I '<p>© ' "$TEST_DIR/out-small" "$TEST_DIR/out-dir" >"$TEST_DIR/diff.txt" \
	|| fail "a streamed build differs from a held one: $(head -20 "$TEST_DIR/diff.txt")"
echo "ok"

#!/bin/bash
# A large site's index.json is not held in memory (issue 14: at 100,000
# pages its 58 MB were on top of the site, 604 MiB at the peak, over the
# 600 MiB target): past 16 MiB the renderer appends it to a scratch file,
# and every sink reads it back in chunks. A site of 600 pages with long
# titles (an index of about 37 MB, page-output raised as a large site's
# operator does) is written each way there is: a full build, a first
# publish into a state, a publish of a changed title, a full build into
# S3 and a publish there. The trace says the index went through the
# scratch file; each index.json is the same bytes as the full build's
# after the same commit, holds every page, and the bucket's is the
# local one. Where no scratch file can be made ($TMPDIR missing), a
# publish fails with the system's reason and leaves the output as it was.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3lib.sh"

mkdir -p "$TEST_DIR/site/notes"
cat >"$TEST_DIR/site/folio.yaml" <<'YAML'
title: Index
base_url: https://index.example
language: fr
collections:
  - name: notes
YAML
python3 - "$TEST_DIR/site/notes" <<'PY'
import random, sys
r = random.Random(293)
words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split()
for i in range(600):
    t = " ".join(r.choice(words) for _ in range(9000))
    with open(f"{sys.argv[1]}/n{i}.md", "w", encoding="utf-8") as f:
        f.write(f'---\ntitle: "Note {i} {t}"\n---\n\nTexte de la note {i}.\n')
PY
git -C "$TEST_DIR/site" init -q
git -C "$TEST_DIR/site" add -A
git -C "$TEST_DIR/site" -c user.name=t -c user.email=t@x commit -qm "Import"
LIMIT=(--limit page-output=67108864)

# write LABEL ARGS...: folio build ARGS, traced; the index went through the scratch file
write() {
	local label=$1
	shift
	FOLIO_TRACE=1 "$FOLIO" build "${LIMIT[@]}" --repo "$TEST_DIR/site" "$@" >"$TEST_DIR/out.txt" 2>&1 ||
		fail "$label failed: $(tail -5 "$TEST_DIR/out.txt")"
	grep -q 'index.json: [0-9]* bytes, through a scratch file' "$TEST_DIR/out.txt" ||
		fail "$label: index.json was held in memory"
}
# index_ok FILE PAGES TITLE: FILE is JSON listing PAGES pages, one titled TITLE...
index_ok() {
	python3 - "$@" <<'PY' || fail "index.json: $(cat "$TEST_DIR/py.txt")"
import json, sys
path, pages, title = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, encoding="utf-8") as f:
    j = json.load(f)
if len(j["pages"]) != pages:
    sys.exit(f"{len(j['pages'])} pages, not {pages}")
if not any(p["title"].startswith(title) for p in j["pages"]):
    sys.exit(f"no page titled {title}")
PY
}

write "full build" --out "$TEST_DIR/full"
size=$(stat -c %s "$TEST_DIR/full/index.json")
[ "$size" -gt $((32 << 20)) ] || fail "index.json is $size bytes: too small to tell"
index_ok "$TEST_DIR/full/index.json" 600 "Note 17 "

write "first publish" --out "$TEST_DIR/pub" --state "$TEST_DIR/state"
cmp "$TEST_DIR/full/index.json" "$TEST_DIR/pub/index.json" || fail "first publish: index.json differs"

sed -i 's/^title: "Note 17 /title: "Note dix-sept /' "$TEST_DIR/site/notes/n17.md"
git -C "$TEST_DIR/site" -c user.name=t -c user.email=t@x commit -qam "Retitle"
write "publish of a title" --out "$TEST_DIR/pub" --state "$TEST_DIR/state"
write "full build after" --out "$TEST_DIR/full2"
cmp "$TEST_DIR/full2/index.json" "$TEST_DIR/pub/index.json" || fail "publish of a title: index.json differs"
index_ok "$TEST_DIR/pub/index.json" 600 "Note dix-sept "

# no scratch file can be made: the publish of a new title fails with the
# system's reason and publishes nothing (the old output stays as it was)
sed -i 's/^title: "Note 18 /title: "Note dix-huit /' "$TEST_DIR/site/notes/n18.md"
git -C "$TEST_DIR/site" -c user.name=t -c user.email=t@x commit -qam "Retitle again"
rc=0
TMPDIR=$TEST_DIR/none "$FOLIO" build "${LIMIT[@]}" --repo "$TEST_DIR/site" --out "$TEST_DIR/pub" \
	--state "$TEST_DIR/state" >"$TEST_DIR/out.txt" 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "a build without a scratch file exited $rc: $(cat "$TEST_DIR/out.txt")"
assert_contains "$TEST_DIR/out.txt" "cannot make a scratch file in '$TEST_DIR/none'"
cmp "$TEST_DIR/full2/index.json" "$TEST_DIR/pub/index.json" || fail "the failed build changed index.json"
git -C "$TEST_DIR/site" reset -q --hard HEAD~1

s3_test
cd "$TEST_DIR"
s3 mb s3://www || fail "cannot make the bucket"
write "full build into S3" --out s3://www/full
s3 compare s3://www/full full2 >diff.txt || { head -5 diff.txt; fail "the bucket differs from a local build"; }
write "publish into S3" --out s3://www/inc --state "$TEST_DIR/state-s3"
s3 compare s3://www/inc full2 >diff.txt || { head -5 diff.txt; fail "the published bucket differs"; }
echo "ok"

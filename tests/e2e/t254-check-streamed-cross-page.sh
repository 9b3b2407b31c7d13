#!/bin/bash
# folio check of a commit streams its pages (each blob read and parsed by a
# worker, the page's HTML in a scratch file, the feed pages bounded from a
# count kept there), and a range judges each body-only commit from the one
# before. Neither may drop a finding that comes from a page the commit does
# not touch: an anchor removed from a page that others link to (by URL, by
# the page's .md file, relatively) is reported on the linking pages; an ISBN
# a new page repeats is reported on the new page, naming the old one. Each
# commit's findings are those of the same tree checked as a plain directory
# (which is not streamed), and those of the commit checked alone.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
cd "$repo"
book=books/la-cooperation-dans-l-action-publique.md
# a page whose heading three pages link to, one way each
cat >pages/programme.md <<'MD'
---
title: Programme
---

Le programme de l'année.

## Ateliers du jeudi

Une séance par mois.
MD
cat >pages/par-url.md <<'MD'
---
title: Par adresse
---

Voir [les séances](/pages/programme/#ateliers-du-jeudi).
MD
cat >pages/par-fichier.md <<'MD'
---
title: Par fichier
---

Voir [les séances](programme.md#ateliers-du-jeudi).
MD
cat >pages/relatif.md <<'MD'
---
title: Relatif
---

Voir [les séances](../programme/#ateliers-du-jeudi).
MD
git add -A
git commit -qm "A page linked to by anchor"
base=$(git rev-parse HEAD)
"$FOLIO" check --repo "$repo" HEAD >"$TEST_DIR/base.txt" 2>&1 ||
	{ cat "$TEST_DIR/base.txt" >&2; fail "the base has errors"; }

printf '\nUne phrase de plus.\n' >>pages/presentation.md
git commit -qam "1: a body"
printf '\nUne autre phrase.\n' >>pages/programme.md
git commit -qam "2: another body"
sed -i 's/^## Ateliers du jeudi$/## Ateliers du vendredi/' pages/programme.md
git commit -qam "3: the heading renamed (body only)"
sed -e 's/^title: .*/title: "Une réédition"/' -e '/^ean:/d' "$book" >books/une-reedition.md
git add books/une-reedition.md
git commit -qam "4: a new book with the old one's ISBN"

# check ARGS...: folio check's JSON report (exit 1 on errors is expected)
check() { "$FOLIO" check --format json "$@" || [ $? -eq 1 ]; }
# "path:line: rule" of each finding of each commit, in order
findings() { python3 -c '
import json, sys
for v in json.load(sys.stdin):
    print("==", v["subject"])
    for f in v["findings"]:
        print("%s:%s: %s" % (f["path"], f["line"], f["rule"]))'; }

check --repo "$repo" HEAD | findings >"$TEST_DIR/tip.txt"
for f in pages/par-url.md pages/par-fichier.md pages/relatif.md; do
	assert_contains "$TEST_DIR/tip.txt" "$f:5: link/anchor"
done
assert_contains "$TEST_DIR/tip.txt" "books/une-reedition.md:8: isbn/duplicate"
{ "$FOLIO" check --repo "$repo" HEAD || true; } | grep -q "^books/une-reedition.md:8:.*$book" ||
	fail "the duplicate ISBN's finding does not name the old page"
if grep -q "pages/programme.md" "$TEST_DIR/tip.txt"; then fail "a finding on the page whose heading went: $(cat "$TEST_DIR/tip.txt")"; fi

# the range: the first commit whole, the second judged from its scratch
# state, the third (whose heading other pages link to) too or validated whole
TMPDIR=$TEST_DIR FOLIO_TRACE=1 check --repo "$repo" "$base..HEAD" 2>"$TEST_DIR/range.err" |
	findings >"$TEST_DIR/range.txt"
grep -q "judged $(git rev-parse --short=12 HEAD~2) from the state" "$TEST_DIR/range.err" ||
	{ cat "$TEST_DIR/range.err" >&2; fail "commit 2 (a body) was not judged from the state: the shortcut is not tested"; }
for c in $(git rev-list --reverse "$base..HEAD"); do
	check --repo "$repo" "$c" | findings
done >"$TEST_DIR/alone.txt"
cmp -s "$TEST_DIR/alone.txt" "$TEST_DIR/range.txt" ||
	{ diff "$TEST_DIR/alone.txt" "$TEST_DIR/range.txt" >&2; fail "the range's findings are not each commit's alone"; }
# commit 3 has the three anchor findings, on pages it did not change
[ "$(sed -n '/^== 3:/,/^== 4:/p' "$TEST_DIR/range.txt" | grep -c ': link/anchor$')" -eq 3 ] ||
	fail "commit 3 should have three link/anchor findings: $(cat "$TEST_DIR/range.txt")"

# each commit streamed against its tree as a plain directory, not streamed
for c in $(git rev-list --reverse "$base..HEAD"); do
	rm -rf "$TEST_DIR/wt"
	mkdir "$TEST_DIR/wt"
	git archive "$c" | tar -x -C "$TEST_DIR/wt"
	check --repo "$repo" "$c" | findings | sed 1d >"$TEST_DIR/streamed.txt"
	check --worktree "$TEST_DIR/wt" | findings | sed 1d >"$TEST_DIR/dir.txt"
	cmp -s "$TEST_DIR/dir.txt" "$TEST_DIR/streamed.txt" ||
		{ diff "$TEST_DIR/dir.txt" "$TEST_DIR/streamed.txt" >&2; fail "$(git log -1 --format=%s "$c"): streamed and directory checks differ"; }
done
echo "ok: findings from untouched pages kept by the streamed check and the range"

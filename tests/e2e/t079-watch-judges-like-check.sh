#!/bin/bash
# The daemon judges a commit exactly as folio check does: one judgement in
# the library. A push of two commits, the first with a page over the
# server's page-output budget (which only rendering finds), the second
# taking it out: the daemon's note on the first commit is the one folio
# check --notes writes with the same budget (the budget error included),
# and the tip is published. Before, the daemon's own judgement skipped the
# outputs' budgets and noted the first commit valid.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
BARE=$TEST_DIR/site.git
LOG=$TEST_DIR/daemon.log
CLONE=$TEST_DIR/clone

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE" # no hooks: the daemon alone judges
git clone -q "$BARE" "$CLONE"
FIRST=$(git -C "$BARE" rev-parse main)
cat >"$TEST_DIR/site.conf" <<EOF
FOLIO_REPO=$BARE
FOLIO_OUT=$TEST_DIR/public
FOLIO_STATE=$TEST_DIR/state
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_POLL=1
FOLIO_LIMIT_PAGE_OUTPUT=64K
EOF
"$FOLIO" watch --config "$TEST_DIR/site.conf" 2>"$LOG" &
DAEMON_PID=$!
wait_until 60 published_is "$FIRST" || fail "not published: $(status) $(cat "$LOG")"

# 200 KB of body text: valid front matter and Markdown, an output over 64 KB.
{ printf -- '---\ntitle: "Une très longue page"\n---\n\n'
  for i in $(seq 1 2000); do echo "Ligne $i d'un texte long, écrit pour dépasser le budget des pages."; echo; done
} >"$CLONE/pages/longue.md"
git -C "$CLONE" add -A && git -C "$CLONE" commit -qm "A page over the budget"
BIG=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" rm -q pages/longue.md && git -C "$CLONE" commit -qm "Take it out"
TIP=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" push -q origin main 2>/dev/null || fail "push failed"
wait_until 60 published_is "$TIP" || fail "the tip is not published: $(status) $(cat "$LOG")"

git -C "$BARE" notes --ref folio show "$BIG" >"$TEST_DIR/daemon.note" 2>/dev/null || fail "no note on the first commit"
git clone -q "$BARE" "$TEST_DIR/check" # a copy without the notes: check's own are compared
rc=0
"$FOLIO" check --repo "$TEST_DIR/check" --limit page-output=64K --notes "$BIG" >"$TEST_DIR/check.out" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "folio check did not refuse the first commit (exit $rc): $(cat "$TEST_DIR/check.out")"
git -C "$TEST_DIR/check" notes --ref folio show "$BIG" >"$TEST_DIR/check.note" || fail "folio check wrote no note"
assert_contains "$TEST_DIR/daemon.note" "budget/page-output"
diff -u "$TEST_DIR/check.note" "$TEST_DIR/daemon.note" || fail "the daemon's note differs from folio check's"
echo "ok"

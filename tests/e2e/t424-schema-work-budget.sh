#!/bin/bash
# The schema validator's budgets (2 million steps, 16 times regex-match)
# were a page's: a pushed schema whose anyOf doubles its work at each level
# and 100 small pages took 40 s to check, in the hook and the daemon alike.
# schema-work bounds the validation of all the pages one check validates:
# past it no more schema is validated and the check is refused with one
# budget/schema finding at folio.yaml, the same whatever the threads did.
# The pages here are valid (the anyOf's last branch is true) and cheap
# alone: a low schema-work makes 30 of them too many.
. "$(dirname "$0")/lib.sh"

LOG=$TEST_DIR/daemon.log
daemon_test # DAEMON_PID killed at exit; PORT, URL
FINDING='folio.yaml: error: the schema validation of the'
TEXT='pages checked needs more than the schema-work limit of 204800 steps; validation stopped there [budget/schema]'

site=$TEST_DIR/site
make_repo "$site"
cd "$site"
sed -i 's|^collections:$|collections:\n  - name: notes|' folio.yaml
mkdir -p notes
# y0..y11: an anyOf of two branches each going one level down, failing at
# the bottom (an integer is not a string): 2^12 walks, then "true" passes
python3 - >schemas/notes.json <<'PY'
import json
d = {}
for i in range(12):
    b = {"type": "object", "properties": {"a": {"$ref": "#/$defs/y%d" % (i + 1)}}}
    d["y%d" % i] = {"anyOf": [b, b]}
d["y12"] = {"type": "string"}
print(json.dumps({"type": "object", "properties": {"title": {"type": "string"},
      "x": {"anyOf": [{"$ref": "#/$defs/y0"}, True]}}, "$defs": d}))
PY
notes() { # notes FROM TO: pages notes/nK.md for K in FROM..TO
	python3 - "$1" "$2" <<'PY'
import sys
v = "1"
for _ in range(12):
    v = "{a: " + v + "}"
for k in range(int(sys.argv[1]), int(sys.argv[2]) + 1):
    open("notes/n%02d.md" % k, "w").write("---\ntitle: N%d\nx: %s\n---\nA note.\n" % (k, v))
PY
}
notes 1 5
git add -A && git commit -qm "five notes"
few=$(git rev-parse HEAD)
"$FOLIO" check --limit schema-work=200K >"$TEST_DIR/few.txt" 2>&1 ||
	fail "five notes are within schema-work: $(cat "$TEST_DIR/few.txt")"
notes 6 30
git add -A && git commit -qm "thirty notes"
many=$(git rev-parse HEAD)

# folio check: refused, in the same words on one thread and on four
for j in 1 4; do
	rc=0
	"$FOLIO" check --jobs $j --limit schema-work=200K >"$TEST_DIR/check$j.txt" 2>&1 || rc=$?
	[ $rc -eq 1 ] || fail "check --jobs $j: exit $rc, expected 1: $(cat "$TEST_DIR/check$j.txt")"
	assert_contains "$TEST_DIR/check$j.txt" "$FINDING"
	assert_contains "$TEST_DIR/check$j.txt" "$TEXT"
done
cmp -s "$TEST_DIR/check1.txt" "$TEST_DIR/check4.txt" ||
	fail "the finding depends on the threads: $(diff "$TEST_DIR/check1.txt" "$TEST_DIR/check4.txt")"
[ "$(grep -c 'error:' "$TEST_DIR/check1.txt")" = 1 ] || fail "more than the budget's finding: $(cat "$TEST_DIR/check1.txt")"
# within the default, the same commit passes
"$FOLIO" check >"$TEST_DIR/default.txt" 2>&1 || fail "the default refused 30 notes: $(cat "$TEST_DIR/default.txt")"
echo "ok check: [budget/schema], the same on 1 and 4 threads"

# folio.yaml may lower it, not raise it; the rule is locked
printf 'limits:\n  schema-work: 200K\n' >>folio.yaml
"$FOLIO" check --worktree . >"$TEST_DIR/lowered.txt" 2>&1 && fail "folio.yaml lowering schema-work had no effect"
assert_contains "$TEST_DIR/lowered.txt" "$TEXT"
git checkout -q folio.yaml
printf 'limits:\n  schema-work: 1G\n' >>folio.yaml
"$FOLIO" check --worktree . --limit schema-work=200K >"$TEST_DIR/raised.txt" 2>&1 && fail "folio.yaml raised schema-work"
assert_contains "$TEST_DIR/raised.txt" "$TEXT"
git checkout -q folio.yaml
printf 'rules:\n  budget/schema: off\n' >>folio.yaml
"$FOLIO" check --worktree . >"$TEST_DIR/off.txt" 2>&1 && fail "folio.yaml turned budget/schema off"
assert_contains "$TEST_DIR/off.txt" 'rule "budget/schema" cannot be changed in folio.yaml'
git checkout -q folio.yaml
echo "ok folio.yaml lowers schema-work and cannot raise it or turn budget/schema off"

# the server: the hook and the daemon apply FOLIO_LIMIT_SCHEMA_WORK
BARE=$TEST_DIR/site.git
CONF=$TEST_DIR/site.conf
cat >"$CONF" <<EOF
FOLIO_REPO=$BARE
FOLIO_OUT=$TEST_DIR/public
FOLIO_STATE=$TEST_DIR/state
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_POLL=1
FOLIO_PARTNER_SECRETS=
FOLIO_LIMIT_SCHEMA_WORK=200K
EOF
git init -q --bare "$BARE"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$BARE" "$FOLIO" >/dev/null
git -C "$BARE" config folio.config "$CONF"
git remote add origin "$BARE"
git push -q origin "$few:refs/heads/main" 2>"$TEST_DIR/push-few" || fail "five notes refused: $(cat "$TEST_DIR/push-few")"
rc=0
git push origin "$many:refs/heads/main" >"$TEST_DIR/push-many" 2>&1 || rc=$?
[ $rc -ne 0 ] || fail "thirty notes were accepted: $(cat "$TEST_DIR/push-many")"
assert_contains "$TEST_DIR/push-many" "[budget/schema]"
[ "$(git -C "$BARE" rev-parse main)" = "$few" ] || fail "the server's main moved"
echo "ok the hook refuses the push"

"$FOLIO" watch --config "$CONF" --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 20 healthy || fail "daemon not listening: $(cat "$LOG")"
wait_until 60 published_is "$few" || fail "five notes not published: $(status)"
# behind the hook's back: its objects fetched, main moved
git -C "$BARE" fetch -q "$site" "$many"
git -C "$BARE" update-ref refs/heads/main "$many"
refused_seen() {
	grep -q "verdict ${many:0:12}: invalid" "$LOG" && grep -qF "$TEXT" "$LOG"
}
wait_until 60 refused_seen || fail "the daemon did not refuse thirty notes: $(tail -5 "$LOG")"
published_is "$few" || fail "the daemon published past schema-work: $(status)"
healthy || fail "the daemon stopped answering"
echo "ok the daemon refuses the commit and keeps running"

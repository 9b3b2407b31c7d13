#!/bin/bash
# /status matches its documented schema (docs/status.schema.json) in every
# state a daemon goes through: fresh (branch missing: an error, nothing
# published), published, an invalid commit judged, a partner stopped by a
# permanent delivery failure, rewound by a force-push, failing to write its
# output. Each document is checked with folio's own validator
# (tests/schema_check) and with python3's jsonschema when it is installed.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/public
LOG=$TEST_DIR/daemon.log
SCHEMA=$FOLIO_SOURCE_DIR/docs/status.schema.json
CHECK=$FOLIO_BUILD_DIR/tests/schema_check
[ -x "$CHECK" ] || fail "no $CHECK: build the tree first"

site_with_partner "$TEST_DIR/src" away "$(free_port)"
make_repo "$TEST_DIR/site" "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/site" "$BARE" # no hooks: an invalid push gets in, to be judged
git clone -q "$BARE" "$TEST_DIR/clone"
export FOLIO_SECRET_AWAY=whsec_e2e-schema-secret FOLIO_WEBHOOK_SECRET=e2e-webhook-secret

N=0
# conforms WHAT: the current /status, saved as status-N.json, matches the schema
conforms() {
	N=$((N + 1))
	local f=$TEST_DIR/status-$N.json
	status >"$f" || fail "$1: no /status"
	"$CHECK" "$SCHEMA" "$f" || fail "$1: /status does not match the schema: $(cat "$f")"
	echo "$1: $(cat "$f")"
}
# field_is EXPR: the Python expression EXPR on the /status document d is true
field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }

# Fresh: the branch does not exist yet.
"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$TEST_DIR/state" --branch live \
	--listen "127.0.0.1:$PORT" --poll 1 2>"$LOG" &
DAEMON_PID=$!
wait_until 30 field_is 'd["error"] is not None' || fail "no error for a missing branch: $(status) $(cat "$LOG")"
conforms fresh
field_is 'd["published_commit"] is None and d["last_verdicts"] == []' || fail "fresh daemon shows a publish"

# Published; the partner's delivery is refused by the allow-list for good.
git -C "$BARE" branch live main
FIRST=$(git -C "$BARE" rev-parse live)
wait_until 30 published_is "$FIRST" || fail "not published: $(status) $(cat "$LOG")"
wait_until 30 field_is 'd["partners_failed"] and d["partners_failed"][0]["partner"] == "away"' ||
	fail "the stopped partner is not shown: $(status)"
conforms published

# An invalid commit judged.
git -C "$TEST_DIR/clone" fetch -q origin && git -C "$TEST_DIR/clone" checkout -q -b live origin/live
sed -i '2s/.*/title: "unclosed/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "Break the front matter"
git -C "$TEST_DIR/clone" push -q origin live 2>/dev/null || fail "push failed"
wait_until 30 field_is 'not d["last_verdicts"][0]["valid"]' || fail "invalid commit not judged: $(status)"
conforms invalid

# Rewound: the branch forced back to the published commit.
git -C "$TEST_DIR/clone" push -q -f origin "$FIRST:live" 2>/dev/null || fail "force-push failed"
wait_until 30 field_is 'd["rewound"] is not None' || fail "rewind not shown: $(status) $(cat "$LOG")"
conforms rewound

# Failing: the output's place is taken by a file.
git -C "$TEST_DIR/clone" reset -q --hard "$FIRST"
sed -i 's/^L.ISCRA, Institut Social/Un changement. &/' "$TEST_DIR/clone/pages/presentation.md"
git -C "$TEST_DIR/clone" commit -qam "Change the presentation"
rm -rf "$OUT/pages/presentation"
echo "in the way" >"$OUT/pages/presentation"
git -C "$TEST_DIR/clone" push -q origin live 2>/dev/null || fail "push failed"
wait_until 30 field_is 'd["error"] is not None and d["error"]["attempts"] >= 1' ||
	fail "no error for an output that cannot be written: $(status)"
conforms failing

# The check can fail: a document out of the schema is refused.
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["queue"] = -1; d["extra"] = 1
json.dump(d, open(sys.argv[2], "w"))' "$TEST_DIR/status-1.json" "$TEST_DIR/wrong.json"
! "$CHECK" "$SCHEMA" "$TEST_DIR/wrong.json" >"$TEST_DIR/wrong.txt" || fail "schema_check accepts a wrong document"
assert_contains "$TEST_DIR/wrong.txt" "/queue"

# The same documents under python3's jsonschema, the reference implementation, formats included.
if python3 -c 'import jsonschema' 2>/dev/null; then
	python3 - "$SCHEMA" "$TEST_DIR"/status-*.json <<'PY' || fail "jsonschema refuses a /status document"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
for path in sys.argv[2:]:
    v.validate(json.load(open(path)))
PY
else
	echo "python3 jsonschema not installed: checked with folio's validator only"
fi
echo "ok"

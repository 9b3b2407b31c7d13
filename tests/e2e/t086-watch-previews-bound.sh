#!/bin/bash
# Branch previews are bounded: with FOLIO_PREVIEWS_MAX=2, a third branch
# evicts the least recently pushed preview (folder, state, /status); the
# evicted branch is not built again until it is pushed again, and then
# evicts the next oldest. A restart keeps the previews it had. A forge's
# merge-request refs (refs/merge-requests/N/head, refs/pull/N/head) are
# previewed as mr-N and pr-N. A previews folder inside the site is refused.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
STATE=$TEST_DIR/state
PREVIEWS=$TEST_DIR/branch-previews
LOG=$TEST_DIR/daemon.log
CLONE=$TEST_DIR/clone

field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }
# names_are A B...: /status lists exactly these previews, each served, the least recently pushed first
names_are() { field_is "[p['name'] for p in d['previews'] if p['url']] == '$*'.split()"; }
start_daemon() {
	"$FOLIO" watch --config "$TEST_DIR/site.conf" 2>>"$LOG" &
	DAEMON_PID=$!
	wait_until 30 healthy || fail "daemon not healthy: $(cat "$LOG")"
}
# push_branch NAME: a commit of its own on branch NAME (from main), pushed;
# numbered, so that pushing a branch again within the same second of
# git's clock is a new commit, not the one it was evicted at
PUSHES=0
push_branch() {
	PUSHES=$((PUSHES + 1))
	git -C "$CLONE" checkout -q -B "$1" main
	echo "Texte de $1, envoi $PUSHES." >>"$CLONE/pages/presentation.md"
	git -C "$CLONE" commit -qam "Branch $1"
	git -C "$CLONE" push -q -f origin "$1" 2>>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
}

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$CLONE"
cat >"$TEST_DIR/site.conf" <<EOF
FOLIO_REPO=$BARE
FOLIO_OUT=$TEST_DIR/public
FOLIO_STATE=$STATE
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_SOCKET=$SOCK
FOLIO_POLL=30
FOLIO_PREVIEWS_MAX=2
FOLIO_PREVIEWS_DIR=$PREVIEWS
FOLIO_PREVIEWS_URL=https://previews.example/site/
EOF
# Previews inside the site (a full publish would swap them away, and serve
# them as the site's) or the state inside the previews are refused at start.
for bad in "FOLIO_PREVIEWS_DIR=$TEST_DIR/public/previews" "FOLIO_PREVIEWS_DIR=$TEST_DIR"; do
	{ cat "$TEST_DIR/site.conf"; echo "$bad"; } >"$TEST_DIR/bad.conf"
	rc=0
	timeout 60 "$FOLIO" watch --config "$TEST_DIR/bad.conf" 2>"$TEST_DIR/bad.log" || rc=$?
	[ "$rc" = 2 ] || fail "$bad: exit $rc, not 2: $(cat "$TEST_DIR/bad.log")"
	assert_contains "$TEST_DIR/bad.log" "overlaps the output"
done
rm -rf "$STATE"
start_daemon
wait_until 30 published_is "$(git -C "$BARE" rev-parse main)" || fail "main not published: $(status) $(cat "$LOG")"

push_branch one
wait_until 60 names_are one || fail "one not previewed: $(status) $(cat "$LOG")"
push_branch two
wait_until 60 names_are one two || fail "two not previewed: $(status)"
# the configured address: in the links, on /status, printed by post-receive
field_is "d['previews'][1]['url'] == 'https://previews.example/site/two/'" || fail "wrong URL: $(status)"
assert_contains "$PREVIEWS/two/pages/presentation/index.html" 'href="/site/two/pages/"'
assert_contains "$TEST_DIR/push.log" "remote: preview: https://previews.example/site/two/"

# A third branch: the least recently pushed, one, is evicted.
push_branch three
wait_until 60 names_are two three || fail "one not evicted for three: $(status) $(cat "$LOG")"
[ ! -e "$PREVIEWS/one" ] && [ ! -e "$STATE/previews/one" ] || fail "evicted preview left on disk: $(ls "$PREVIEWS")"
[ "$(ls "$PREVIEWS")" = "$(printf 'three\ntwo')" ] || fail "unexpected previews on disk: $(ls "$PREVIEWS")"
grep -q "preview 'one' of refs/heads/one removed: evicted" "$LOG" || fail "eviction not logged"

# A restart: the same previews, and the evicted branch is not rebuilt.
kill "$DAEMON_PID"
wait_until 30 gone "$DAEMON_PID" || fail "daemon did not stop"
start_daemon
names_are two three || fail "previews lost at restart: $(status)"

# Pushing the evicted branch again builds it, and evicts the next oldest;
# it was built twice in all: not at the restart, where it had no push.
push_branch one
wait_until 60 names_are three one || fail "one not rebuilt, or two not evicted: $(status) $(cat "$LOG")"
[ "$(grep -c "preview 'one' of refs/heads/one at" "$LOG")" = 2 ] ||
	fail "one was built without a push: $(grep "preview 'one'" "$LOG")"

# Merge requests a forge mirror brings.
git -C "$BARE" update-ref refs/pull/7/head "$(git -C "$BARE" rev-parse two)"
git -C "$BARE" update-ref refs/merge-requests/12/head "$(git -C "$BARE" rev-parse two)"
"$FOLIO" notify --socket "$SOCK"
wait_until 60 field_is "sorted(p['name'] for p in d['previews']) == ['mr-12', 'pr-7']" ||
	fail "merge requests not previewed (newest two): $(status) $(cat "$LOG")"
field_is "{p['name']: p['ref'] for p in d['previews']} == {'pr-7': 'refs/pull/7/head', 'mr-12': 'refs/merge-requests/12/head'}" ||
	fail "merge-request refs not shown: $(status)"
assert_contains "$PREVIEWS/pr-7/pages/presentation/index.html" "Texte de two, envoi 2."

# Deleted branches lose their eviction marks too (a branch made again later
# under the same name is new): the state keeps none of them.
marks() { python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(" ".join(sorted(k for (k,) in db.execute("SELECT key FROM meta WHERE key LIKE ?", ("preview_evicted:%",)))))' "$STATE/state.sqlite"; }
[ -n "$(marks)" ] || fail "no eviction mark recorded"
git -C "$CLONE" push -q origin --delete one two three 2>>"$TEST_DIR/push.log" || fail "delete failed: $(cat "$TEST_DIR/push.log")"
git -C "$BARE" update-ref -d refs/pull/7/head
"$FOLIO" notify --socket "$SOCK"
wait_until 60 field_is "[p['name'] for p in d['previews']] == ['mr-12']" || fail "pr-7 not removed: $(status)"
[ -z "$(marks)" ] || fail "eviction marks of deleted branches kept: $(marks)"

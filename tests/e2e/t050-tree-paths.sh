#!/bin/bash
# Tree entries a site may not hold (issue 11, item 1), made the way an
# attacker with push rights would (git mktree, git commit-tree): a
# "static/../../../X" chain of trees, "static/.git/config", "static/.GIT/x",
# a name holding a newline, a 300-byte name. For each: folio check reports
# tree/path and exits 1; folio build, full and incremental (--state), writes
# nothing outside --out, and a later commit without the entry deletes
# nothing outside; the pre-receive hook refuses the push even with git's
# fsck off; the repository setup-server.sh makes fscks pushes; the daemon,
# given such a commit behind the hooks' back, judges it invalid, writes
# nothing outside and publishes the next good commit. Last, a link planted
# inside --out is not followed by an incremental publish.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit

SITE=$TEST_DIR/site
make_repo "$SITE"
BASE=$(git -C "$SITE" rev-parse HEAD)
# --out three levels down: "static/../../../X" under it is $W/X
W=$TEST_DIR/w
OUT=$W/o/out
VICTIM=$W/X
mkdir -p "$W/o"
printf 'precious\n' >"$VICTIM"
# a name of 300 bytes, and the static file every attack commit brings
LONG=$(printf 'n%.0s' $(seq 300))
BLOB=$(printf 'pwned\n' | git -C "$SITE" hash-object -w --stdin)

victim_intact() {
	[ "$(cat "$VICTIM" 2>/dev/null)" = precious ] || fail "$1: the file outside --out was changed or removed"
	[ ! -e "$W/o/X" ] && [ ! -e "$W/o/out/X" ] || fail "$1: something was written beside --out"
}

# with_static_entry MODE TYPE ID NAME: a commit on BASE whose static/ tree
# also holds NAME (any bytes but NUL), printed
with_static_entry() {
	local st root
	st=$( { git -C "$SITE" ls-tree -z "$BASE:static"; printf '%s %s %s\t%s\0' "$1" "$2" "$3" "$4"; } |
		git -C "$SITE" mktree -z)
	root=$( { git -C "$SITE" ls-tree -z "$BASE" | grep -zv $'\tstatic$'; printf '040000 tree %s\tstatic\0' "$st"; } |
		git -C "$SITE" mktree -z)
	git -C "$SITE" commit-tree "$root" -p "$BASE" -m "add a static entry"
}

# tree_of NAME...: a tree holding BLOB as X under the chain of folders NAME...
tree_of() {
	local t
	t=$(printf '100644 blob %s\tX\n' "$BLOB" | git -C "$SITE" mktree)
	for name in "$@"; do
		t=$(printf '040000 tree %s\t%s\n' "$t" "$name" | git -C "$SITE" mktree)
	done
	printf '%s\n' "$t"
}

DOTDOT=$(with_static_entry 040000 tree "$(tree_of .. ..)" ..) # static/../../../X
DOTGIT=$(with_static_entry 040000 tree "$(printf '100644 blob %s\tconfig\n' "$BLOB" | git -C "$SITE" mktree)" .git)
UPPER=$(with_static_entry 040000 tree "$(printf '100644 blob %s\tx\n' "$BLOB" | git -C "$SITE" mktree)" .GIT)
NEWLINE=$(with_static_entry 100644 blob "$BLOB" $'a\nb.txt')
LONGNAME=$(with_static_entry 100644 blob "$BLOB" "$LONG")
git -C "$SITE" ls-tree -r --name-only "$DOTDOT" | grep -qxF 'static/../../../X' || fail "the attack tree is not what it should be"

# label, commit, what check prints as the refused path
CASES=(
	"dotdot $DOTDOT static/.."
	"dotgit $DOTGIT static/.git"
	"upper $UPPER static/.GIT"
	"newline $NEWLINE \"static/a\\nb.txt\""
	"long $LONGNAME static/$LONG"
)

# ---- folio check ----
for c in "${CASES[@]}"; do
	read -r label commit shown <<<"$c"
	rc=0
	"$FOLIO" check --repo "$SITE" "$commit" >"$TEST_DIR/check.$label" 2>&1 || rc=$?
	[ $rc = 1 ] || fail "$label: check exit $rc, expected 1: $(cat "$TEST_DIR/check.$label")"
	assert_contains "$TEST_DIR/check.$label" "$shown: error: tree entry refused: "
	assert_contains "$TEST_DIR/check.$label" "[tree/path]"
	# the newline forges no line ("b.txt" on a line of its own)
	"$FOLIO" check --repo "$SITE" --format github "$commit" >"$TEST_DIR/gh.$label" 2>&1 || true
	! grep -q '^b\.txt' "$TEST_DIR/check.$label" "$TEST_DIR/gh.$label" ||
		fail "$label: a forged line: $(cat "$TEST_DIR/check.$label" "$TEST_DIR/gh.$label")"
done
echo "ok: check refuses every case with tree/path"

# ---- folio build: full, then incremental, then a commit without the entry ----
"$FOLIO" build --repo "$SITE" --rev "$BASE" --out "$OUT" --quiet >/dev/null 2>&1 || fail "the base does not build"
"$FOLIO" build --repo "$SITE" --rev "$BASE" --out "$OUT.inc" --state "$TEST_DIR/state.inc" --quiet \
	>/dev/null 2>&1 || fail "the base does not build with --state"
for c in "${CASES[@]}"; do
	read -r label commit shown <<<"$c"
	rc=0
	"$FOLIO" build --repo "$SITE" --rev "$commit" --out "$OUT" >"$TEST_DIR/build.$label" 2>&1 || rc=$?
	[ $rc = 1 ] || fail "$label: full build exit $rc, expected 1: $(cat "$TEST_DIR/build.$label")"
	assert_contains "$TEST_DIR/build.$label" "[tree/path]"
	victim_intact "$label, full build"
	rc=0
	"$FOLIO" build --repo "$SITE" --rev "$commit" --out "$OUT.inc" --state "$TEST_DIR/state.inc" \
		>"$TEST_DIR/inc.$label" 2>&1 || rc=$?
	[ $rc = 1 ] || fail "$label: incremental build exit $rc, expected 1: $(cat "$TEST_DIR/inc.$label")"
	victim_intact "$label, incremental build"
	[ ! -e "$OUT/static/.git" ] && [ ! -e "$OUT/static/.GIT" ] && [ ! -e "$OUT.inc/static/.git" ] ||
		fail "$label: a .git folder was written in --out"
done
# the entry removed again (a child of the attack with a page changed)
git -C "$SITE" checkout -q -b fix "$BASE"
sed -i 's/^L.ISCRA, Institut Social/Après l’attaque. &/' "$SITE/pages/presentation.md"
git -C "$SITE" add -A
FIXTREE=$(git -C "$SITE" write-tree)
FIX=$(git -C "$SITE" commit-tree "$FIXTREE" -p "$DOTDOT" -m "Remove the entry, change a page")
git -C "$SITE" reset -q --hard
# every commit of the test under refs/attack/, for the daemon's repository to fetch
for c in "${CASES[@]}"; do
	read -r label commit shown <<<"$c"
	git -C "$SITE" update-ref "refs/attack/$label" "$commit"
done
git -C "$SITE" update-ref refs/attack/fix "$FIX"
"$FOLIO" build --repo "$SITE" --rev "$FIX" --out "$OUT" --quiet >/dev/null 2>&1 || fail "the fix does not build"
"$FOLIO" build --repo "$SITE" --rev "$FIX" --out "$OUT.inc" --state "$TEST_DIR/state.inc" --quiet \
	>/dev/null 2>&1 || fail "the fix does not build with --state"
assert_contains "$OUT.inc/pages/presentation/index.html" "Après l’attaque."
victim_intact "after the fix"
# a state that records an output outside --out (written by a folio before
# the path check) gets it dropped, not deleted, and not retried
"$FOLIO" build --repo "$SITE" --rev "$BASE" --out "$OUT.legacy" --state "$TEST_DIR/state.legacy" --quiet \
	>/dev/null 2>&1 || fail "the base does not build into out.legacy"
sqlite3 "$TEST_DIR/state.legacy/state.sqlite" \
	"INSERT INTO outputs(path, hash, unit) VALUES('static/../../../X', 'x', 'static')"
"$FOLIO" build --repo "$SITE" --rev "$FIX" --out "$OUT.legacy" --state "$TEST_DIR/state.legacy" \
	>"$TEST_DIR/legacy.txt" 2>&1 || fail "a recorded path outside --out fails the publish: $(cat "$TEST_DIR/legacy.txt")"
victim_intact "a recorded output outside --out"
assert_contains "$TEST_DIR/legacy.txt" "dropped from the state"
[ "$(sqlite3 "$TEST_DIR/state.legacy/state.sqlite" "SELECT count(*) FROM outputs WHERE path LIKE '%..%'")" = 0 ] ||
	fail "the recorded path is still in the state"
echo "ok: builds write and delete nothing outside --out"

# ---- pre-receive: git's fsck off (the default), folio refuses the push ----
BARE=$TEST_DIR/site.git
git init -q --bare "$BARE"
[ -z "$(git -C "$BARE" config receive.fsckObjects || true)" ] || fail "fsck is on in a plain bare repository"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$BARE" "$FOLIO" >/dev/null
git -C "$SITE" push -q "$BARE" "$BASE:refs/heads/main" 2>"$TEST_DIR/push0" || fail "base refused: $(cat "$TEST_DIR/push0")"
for c in "${CASES[@]}"; do
	read -r label commit shown <<<"$c"
	! git -C "$SITE" push "$BARE" "$commit:refs/heads/main" >"$TEST_DIR/push.$label" 2>&1 ||
		fail "$label: the push was accepted: $(cat "$TEST_DIR/push.$label")"
	assert_contains "$TEST_DIR/push.$label" "[tree/path]"
	assert_contains "$TEST_DIR/push.$label" "pre-receive hook declined"
	[ "$(git -C "$BARE" rev-parse main)" = "$BASE" ] || fail "$label: main moved"
done
echo "ok: pre-receive refuses every case with fsck off"

# ---- the repository setup-server.sh makes fscks what it receives ----
R=$TEST_DIR/root
"$FOLIO_SOURCE_DIR/scripts/setup-server.sh" --root "$R" --folio "$FOLIO" --port "$(free_port)" demo \
	"$FOLIO_SOURCE_DIR/content" >"$TEST_DIR/setup.txt" 2>&1 || fail "setup failed: $(cat "$TEST_DIR/setup.txt")"
SRV=$R/srv/folio/demo.git
for key in receive.fsckObjects transfer.fsckObjects fetch.fsckObjects; do
	[ "$(git -C "$SRV" config --bool "$key")" = true ] || fail "setup-server leaves $key off"
done
git -C "$SITE" push "$SRV" "$DOTDOT:refs/heads/attack" >"$TEST_DIR/push.srv" 2>&1 &&
	fail "the set-up repository accepted a '..' tree: $(cat "$TEST_DIR/push.srv")"
echo "ok: setup-server's repository fscks pushes"

# ---- the daemon, given an attack commit behind the hooks' back ----
PORT=$(free_port)
URL=http://127.0.0.1:$PORT
DBARE=$TEST_DIR/daemon.git
DOUT=$W/o/out # the same place: "static/../../../X" is $VICTIM
rm -rf "$DOUT"
LOG=$TEST_DIR/daemon.log
git clone -q --bare "$SITE" "$DBARE"
git -C "$DBARE" fetch -q "$SITE" 'refs/attack/*:refs/attack/*' # no hook runs on a fetch
git -C "$DBARE" update-ref refs/heads/main "$BASE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$DBARE" "$TEST_DIR/folio.sock" "$FOLIO" >/dev/null
judged() { # judged COMMIT VALID
	status | python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(not any(v["commit"] == sys.argv[1] and v["valid"] == (sys.argv[2] == "true") for v in d["last_verdicts"]))' "$1" "$2"
}
"$FOLIO" watch --repo "$DBARE" --out "$DOUT" --state "$TEST_DIR/dstate" --branch main \
	--listen "127.0.0.1:$PORT" --socket "$TEST_DIR/folio.sock" --poll 1 2>>"$LOG" &
DAEMON_PID=$!
wait_until 30 published_is "$BASE" || fail "base not published: $(cat "$LOG")"
for c in "${CASES[@]}"; do
	read -r label commit shown <<<"$c"
	git -C "$DBARE" update-ref refs/heads/main "$commit" # no hook runs
	"$FOLIO" notify --socket "$TEST_DIR/folio.sock" || true
	wait_until 60 judged "$commit" false || fail "$label: not judged invalid: $(status) $(cat "$LOG")"
	published_is "$BASE" || fail "$label: published: $(status)"
	victim_intact "$label, daemon"
done
# each judged once, never retried
for c in "${CASES[@]}"; do
	read -r label commit shown <<<"$c"
	[ "$(grep -c "verdict ${commit:0:12}: invalid" "$LOG")" = 1 ] || fail "$label: judged more than once: $(cat "$LOG")"
done
! grep -q "retrying" "$LOG" || fail "the daemon retries: $(cat "$LOG")"
# the newline name forges no log line
! grep -q '^b\.txt' "$LOG" || fail "a forged log line: $(cat "$LOG")"
# the good commit after them is published, and deletes nothing outside
git -C "$DBARE" update-ref refs/heads/main "$FIX"
"$FOLIO" notify --socket "$TEST_DIR/folio.sock" || true
wait_until 60 published_is "$FIX" || fail "the fix was not published: $(status) $(cat "$LOG")"
victim_intact "daemon, after the fix"
assert_contains "$DOUT/pages/presentation/index.html" "Après l’attaque."
kill -TERM "$DAEMON_PID"
wait_until 30 gone "$DAEMON_PID" || fail "the daemon does not stop"
DAEMON_PID=
echo "ok: the daemon judges every case invalid, once, and writes nothing outside"

# ---- a link planted inside --out is not followed by an incremental publish ----
LOUT=$TEST_DIR/lout
OUTSIDE=$TEST_DIR/outside
mkdir -p "$OUTSIDE"
printf 'precious\n' >"$OUTSIDE/logo.svg"
printf 'precious\n' >"$OUTSIDE/extra.txt"
outside_intact() {
	[ "$(cat "$OUTSIDE/logo.svg" 2>/dev/null)" = precious ] && [ "$(cat "$OUTSIDE/extra.txt" 2>/dev/null)" = precious ] &&
		[ "$(ls "$OUTSIDE" | tr '\n' ' ')" = "extra.txt logo.svg " ] ||
		fail "$1: the publish wrote or deleted through the link: $(ls -l "$OUTSIDE"; cat "$TEST_DIR/link.txt")"
}
git -C "$SITE" checkout -q -b links "$BASE"
printf 'extra\n' >"$SITE/static/extra.txt"
git -C "$SITE" add -A
git -C "$SITE" commit -qm "An extra static file"
"$FOLIO" build --repo "$SITE" --rev links --out "$LOUT" --state "$TEST_DIR/lstate" --quiet >/dev/null 2>&1 ||
	fail "the site with extra.txt does not build"
[ -f "$LOUT/static/extra.txt" ] || fail "no static/extra.txt in the output"
rm -rf "$LOUT/static"
ln -s "$OUTSIDE" "$LOUT/static" # planted by someone with access to the folder
# a deletion under the link
git -C "$SITE" rm -q static/extra.txt
git -C "$SITE" commit -qm "No extra file"
rc=0
"$FOLIO" build --repo "$SITE" --rev links --out "$LOUT" --state "$TEST_DIR/lstate" >"$TEST_DIR/link.txt" 2>&1 || rc=$?
outside_intact "deletion (exit $rc)"
[ $rc = 0 ] || assert_contains "$TEST_DIR/link.txt" "symbolic link"
# a write under the link
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$SITE/static/logo.svg"
git -C "$SITE" commit -qam "A new logo"
rc=0
"$FOLIO" build --repo "$SITE" --rev links --out "$LOUT" --state "$TEST_DIR/lstate" >"$TEST_DIR/link.txt" 2>&1 || rc=$?
outside_intact "write (exit $rc)"
[ $rc = 0 ] || assert_contains "$TEST_DIR/link.txt" "symbolic link"
echo "ok: a link planted in --out is not followed"

#!/bin/bash
# folio watch on a full disk, a real one: the output directory lives on a
# small tmpfs filled up by a file. A publish that runs out of space is
# reported on /status and retried; the directory keeps the last good site
# byte for byte (nothing partial, no temporary file left); once space is back
# the retry publishes. Three cases: an incremental publish, a full one (fresh
# state) and a state directory on a full disk. Mounting needs root (CI runs
# as root); without it the test says so and is skipped (exit 77).

# A private mount namespace: the tmpfs mounts vanish with the test, even killed.
if [ -z "${FOLIO_T034_NS:-}" ] && [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
	FOLIO_T034_NS=1 exec unshare -m --propagation private "$BASH" "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

DAEMON_PID=
cleanup() {
	[ -z "$DAEMON_PID" ] || kill -9 "$DAEMON_PID" 2>/dev/null || true
	[ -z "${KEEP:-}" ] || cat "$LOG" >&2
	umount -l "$TEST_DIR/disk" 2>/dev/null || true
	umount -l "$TEST_DIR/statedisk" 2>/dev/null || true
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT

DISK=$TEST_DIR/disk
mkdir "$DISK" "$TEST_DIR/statedisk"
if ! mount -t tmpfs -o size=4m,mode=0755 folio-e2e "$DISK" 2>"$TEST_DIR/mount.txt"; then
	[ "$(id -u)" = 0 ] || { echo "SKIPPED: mounting a small tmpfs needs root: $(cat "$TEST_DIR/mount.txt")"; exit 77; }
	fail "cannot mount a tmpfs as root: $(cat "$TEST_DIR/mount.txt")"
fi

PORT=$(free_port)
URL=http://127.0.0.1:$PORT
BARE=$TEST_DIR/site.git
OUT=$DISK/public # not the mount point itself: a full publish swaps in a sibling directory
STATE=$TEST_DIR/state
LOG=$TEST_DIR/daemon.log
FILLER=$DISK/filler

# failing TEXT N: /status shows a failing turn whose message holds TEXT, tried N times or more
failing() {
	status | python3 -c 'import json, sys
e = json.load(sys.stdin)["error"]
sys.exit(not (e and sys.argv[1] in e["message"] and e["attempts"] >= int(sys.argv[2])))' "$1" "$2"
}
# (the published commit shows before the turn's report clears its error: waited for)
not_failing() { status | python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["error"] is not None)'; }

start_daemon() { # start_daemon STATE_DIR
	# --poll 600: only the retry of a failed turn can publish within the test's waits;
	# --jobs 16: the write that fails is most often a worker thread's, whose
	# message must still reach the report
	"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$1" --listen "127.0.0.1:$PORT" \
		--poll 600 --jobs 16 --no-deliver 2>>"$LOG" &
	DAEMON_PID=$!
	wait_until 20 healthy || fail "daemon not healthy: $(cat "$LOG")"
}
stop_daemon() {
	kill -TERM "$DAEMON_PID"
	wait "$DAEMON_PID" || fail "daemon exit status $?: $(cat "$LOG")"
	DAEMON_PID=
}

# fill DIR KIB: a file takes all the free space of DIR's file system but KIB.
fill() {
	local avail
	rm -f "$1/filler"
	avail=$(df -k --output=avail "$1" | tail -1)
	[ "$avail" -gt "$2" ] || fail "only $avail KiB free on $1"
	fallocate -l $(((avail - $2) * 1024)) "$1/filler"
}

# same_as COMMIT: the output directory is exactly a full build of COMMIT, and
# the disk holds no temporary file or tree of a failed publish.
same_as() {
	rm -rf "$TEST_DIR/ref"
	"$FOLIO" build --repo "$BARE" --rev "$1" --out "$TEST_DIR/ref" --quiet >/dev/null ||
		fail "reference build of $1 failed"
	diff -r "$TEST_DIR/ref" "$OUT" >"$TEST_DIR/diff.txt" ||
		fail "the output is not the site of ${1:0:12}: $(head -c 2000 "$TEST_DIR/diff.txt" | cut -c1-200)"
	local temps
	temps=$(find "$DISK" -name '*.tmp-folio-*' | head)
	[ -z "$temps" ] || fail "temporary files left on the disk: $temps"
}

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
git clone -q "$BARE" "$TEST_DIR/clone"
push() { # push MESSAGE: commit everything in the clone, push it (no hooks), print the commit
	git -C "$TEST_DIR/clone" commit -qam "$1"
	git -C "$TEST_DIR/clone" push -q origin main || fail "push failed"
	git -C "$TEST_DIR/clone" rev-parse HEAD
}
# Every HTML page grows by about 24 KiB: a publish of it cannot fit in what is left.
grow_pages() { # grow_pages WORD
	python3 - "$TEST_DIR/clone/templates/base.mustache" "$1" <<'PY'
import sys
path, word = sys.argv[1:]
s = open(path).read()
s = s.replace("</footer>", "<p>%s</p>\n</footer>" % ((word + " ") * 2400), 1)
open(path, "w").write(s)
PY
}

GOOD=$(git -C "$BARE" rev-parse main)
start_daemon "$STATE"
wait_until 30 published_is "$GOOD" || fail "first commit not published: $(status) $(cat "$LOG")"
same_as "$GOOD"

# 1. An incremental publish runs out of space after some of its files.
fill "$DISK" 64
grow_pages Remplissage
BIG=$(push "Every page grows")
wait_until 30 failing "No space left on device" 1 ||
	fail "full disk not reported on /status: $(status) $(tail "$LOG")"
# each failure is logged once, when it begins: that line must name the cause
# (a worker thread's message is easily lost: errors are kept per thread)
reported_cause() { # reported_cause TEXT: every failure logged so far names TEXT
	grep "; retrying$" "$LOG" >"$TEST_DIR/failures.txt" || fail "no failure logged: $(cat "$LOG")"
	! grep -vF "$1" "$TEST_DIR/failures.txt" || fail "a failure logged without its cause: $(cat "$TEST_DIR/failures.txt")"
}
reported_cause "No space left on device"
wait_until 30 failing "No space left on device" 2 || fail "publish not retried: $(status)"
healthy || fail "daemon died on a full disk"
published_is "$GOOD" || fail "status claims a publish on a full disk: $(status)"
same_as "$GOOD"
rm -f "$FILLER"
wait_until 30 published_is "$BIG" || fail "not published once space was back: $(status) $(tail "$LOG")"
wait_until 10 not_failing || fail "status still shows an error after the publish: $(status)"
grep -q "recovered" "$LOG" || fail "recovery not logged"
same_as "$BIG"
assert_contains "$OUT/pages/presentation/index.html" "Remplissage Remplissage"

# 2. A full publish (the state is lost) needs room for a second tree: out of
# space, its temporary tree goes and the site stays as it was.
stop_daemon
rm -rf "$STATE"
grow_pages Seconde
NEXT=$(push "Every page grows again, while the daemon is down")
fill "$DISK" 64
start_daemon "$STATE"
wait_until 30 failing "No space left on device" 2 ||
	fail "full disk not reported on a full publish: $(status) $(tail "$LOG")"
reported_cause "No space left on device"
healthy || fail "daemon died on a full disk"
same_as "$BIG"
rm -f "$FILLER"
wait_until 30 published_is "$NEXT" || fail "full publish not retried once space was back: $(status) $(tail "$LOG")"
wait_until 10 not_failing || fail "status still shows an error after the publish: $(status)"
same_as "$NEXT"

# 3. The state directory's disk is full: SQLite cannot store the verdict or
# the journal; nothing is written to the site, and the publish is retried.
stop_daemon
mount -t tmpfs -o size=2m,mode=0755 folio-e2e-state "$TEST_DIR/statedisk" || fail "cannot mount the state's tmpfs"
cp -a "$STATE" "$TEST_DIR/statedisk/state"
start_daemon "$TEST_DIR/statedisk/state"
wait_until 30 published_is "$NEXT" || fail "daemon on the moved state lost the published commit: $(status)"
fill "$TEST_DIR/statedisk" 0
BEFORE=$(grep -c "; retrying$" "$LOG")
sed -i 's/^L.ISCRA, Institut Social/Disque plein. &/' "$TEST_DIR/clone/pages/presentation.md"
LAST=$(push "A change while the state's disk is full")
wait_until 30 failing "disk is full" 2 || fail "full state disk not reported and retried: $(status) $(tail "$LOG")"
grep "; retrying$" "$LOG" | tail -n +$((BEFORE + 1)) | grep -vF "disk is full" &&
	fail "full state disk logged without its cause"
healthy || fail "daemon died with its state on a full disk"
published_is "$NEXT" || fail "status claims a publish on a full state disk: $(status)"
same_as "$NEXT"
rm -f "$TEST_DIR/statedisk/filler"
wait_until 30 published_is "$LAST" || fail "not published once the state had room: $(status) $(tail "$LOG")"
wait_until 10 not_failing || fail "status still shows an error after the publish: $(status)"
same_as "$LAST"
assert_contains "$OUT/pages/presentation/index.html" "Disque plein."
[ "$(sqlite3 "$TEST_DIR/statedisk/state/state.sqlite" "SELECT errors FROM verdicts WHERE commit_id = '$LAST'")" = 0 ] ||
	fail "verdict of $LAST not stored once the state had room"
git -C "$BARE" notes --ref folio show "$LAST" | grep -qx "folio: 0 errors, 0 warnings" || fail "no note on $LAST"
stop_daemon
echo "ok"

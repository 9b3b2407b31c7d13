#!/bin/bash
# The daemon serves branch previews at /previews/<name>/, whose files a
# pusher writes (a static file of up to 32 MiB; a new preview shares the
# published site's files too), to whoever reaches FOLIO_LISTEN, pushers
# included (post-receive gives them the URL). Each request read the file
# whole into memory and the answer held a copy until the client read it:
# 60 requests of a 31 MB file, never read, held 1 GB of the daemon's
# memory, and the 256 connections it serves would hold 8 GB, enough for
# the kernel to kill it. The file is sent from its descriptor now, as
# the client reads it; what it sends is the file, byte for byte.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
SOCK=$TEST_DIR/folio.sock BARE=$TEST_DIR/site.git OUT=$TEST_DIR/site/public STATE=$TEST_DIR/state
LOG=$TEST_DIR/daemon.log CLONE=$TEST_DIR/clone
s=$TEST_DIR/src
mkdir -p "$s/pages" "$s/static" "$TEST_DIR/site"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n' >"$s/folio.yaml"
printf -- '---\ntitle: About\n---\nWho we are.\n' >"$s/pages/about.md"
head -c 31000000 /dev/zero >"$s/static/big.bin" # 30 KB in git
git -C "$s" init -q && git -C "$s" add -A && git -C "$s" commit -qm "Import"
git clone -q --bare "$s" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$CLONE"
MAIN=$(git -C "$BARE" rev-parse main)
"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$STATE" --listen "127.0.0.1:$PORT" \
	--socket "$SOCK" --poll 30 2>"$LOG" &
DAEMON_PID=$!
wait_until 30 published_is "$MAIN" || fail "main not published: $(status) $(cat "$LOG")"
git -C "$CLONE" checkout -q -b p
echo "More." >>"$CLONE/pages/about.md"
git -C "$CLONE" commit -qam "a branch"
git -C "$CLONE" push -q origin p 2>/dev/null
big=$URL/previews/p/static/big.bin
wait_until 60 curl -sf -o "$TEST_DIR/big.bin" "$big" || fail "no preview: $(status) $(tail "$LOG")"
cmp "$TEST_DIR/big.bin" "$s/static/big.bin" || fail "the preview served other bytes"
curl -sf "$URL/previews/p/pages/about/" | grep -qF 'More.' || fail "the preview page is not served"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/previews/p/pages/about")
[ "$code" = 301 ] || fail "a folder without its / answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/previews/p/static/")
[ "$code" = 404 ] || fail "a folder of no index.html answered $code"

# 60 clients ask for it and read nothing
rss=$(python3 - "$PORT" "$DAEMON_PID" <<'PY'
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
socks = []
for i in range(60):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /previews/p/static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
    socks.append(s)
time.sleep(3)
for line in open("/proc/%s/status" % pid):
    if line.startswith("VmRSS"):
        print(int(line.split()[1]) // 1024)
PY
)
healthy || fail "the daemon does not answer: $(tail "$LOG")"
[ "$rss" -lt 400 ] || fail "60 unread answers hold $rss MB of the daemon's memory"
echo "ok a preview's file is sent from its descriptor ($rss MB held)"

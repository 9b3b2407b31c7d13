#!/bin/bash
# A preview's scripts run in an opaque origin: a branch pushes a page whose
# script reads the daemon's /status (same host and port as the preview) and
# writes what it got into the page. In headless Chromium the read fails:
# every answer under /previews/ carries Content-Security-Policy: sandbox
# (scripts, forms and popups allowed, not the daemon's origin). The page
# still shows as it should: its stylesheet and image, from the preview's
# own path, load under the sandbox, and its script runs. Before, the
# script read /status, /metrics and the status page of the daemon.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-browser.sh"
browser_or_skip

daemon_test # DAEMON_PID killed at exit; PORT, URL
SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
LOG=$TEST_DIR/daemon.log
CLONE=$TEST_DIR/clone

field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }
preview_built() { field_is "any(p['name'] == '$1' and p['commit'] == '$2' for p in d['previews'])"; }

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$CLONE"
MAIN=$(git -C "$BARE" rev-parse main)
"$FOLIO" watch --repo "$BARE" --out "$TEST_DIR/site/public" --state "$TEST_DIR/state" \
	--listen "127.0.0.1:$PORT" --socket "$SOCK" --poll 30 2>"$LOG" &
DAEMON_PID=$!
wait_until 60 published_is "$MAIN" || fail "main not published: $(status) $(cat "$LOG")"

# The pushed page: a stylesheet and an image of its own folder, and a
# script that reads /status synchronously (done before the DOM is dumped)
# and, once the page has loaded, says what the stylesheet and image did.
mkdir -p "$CLONE/static/probe"
cat >"$CLONE/static/probe/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>probe</title>
<link rel="stylesheet" href="probe.css"></head>
<body><p id="styled">styled</p><img id="pic" src="dot.png" alt="dot">
<p id="status">not run</p><p id="css">not run</p><p id="img">not run</p>
<script>
var out = document.getElementById("status");
try {
  var x = new XMLHttpRequest();
  x.open("GET", "/status", false);
  x.send();
  out.textContent = "read " + x.status + ": " + x.responseText.slice(0, 60);
} catch (e) {
  out.textContent = "blocked: " + e.name;
}
window.addEventListener("load", function () {
  document.getElementById("css").textContent = getComputedStyle(document.getElementById("styled")).color;
  document.getElementById("img").textContent = "width " + document.getElementById("pic").naturalWidth;
});
</script></body></html>
HTML
printf '#styled { color: rgb(1, 2, 3); }\n' >"$CLONE/static/probe/probe.css"
python3 - "$CLONE/static/probe/dot.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
raw = b"".join(b"\x00" + b"\xff\x00\x00" * 3 for _ in range(2))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
git -C "$CLONE" checkout -q -b essai
git -C "$CLONE" add -A
git -C "$CLONE" commit -qm "A page that reads the daemon"
TIP=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" push -q origin essai 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
NAME=$("$FOLIO" notify --preview-of refs/heads/essai)
wait_until 60 preview_built "$NAME" "$TIP" || fail "preview not built: $(status) $(cat "$LOG")"
PROBE=$URL/previews/$NAME/static/probe/
curl -sf --max-time 5 -o /dev/null "$PROBE" || fail "the preview does not serve $PROBE: $(status)"

browser_dom "$PROBE" "$TEST_DIR/dom.html"
python3 - "$TEST_DIR/dom.html" "$FOLIO_SOURCE_DIR/tests/e2e" <<'PY' || fail "the page's DOM is wrong: $(cat "$TEST_DIR/dom.html")"
import sys
sys.path.insert(0, sys.argv[2])
from dom import parse, check
root = parse(sys.argv[1])
said = root.find("p", id="status").text()
print("the script's read of /status:", said)
check(said.startswith("blocked: "), "the script read /status: %r" % said)
check(root.find("p", id="css").text() == "rgb(1, 2, 3)", "the stylesheet did not load: %r" % root.find("p", id="css").text())
check(root.find("p", id="img").text() == "width 3", "the image did not load: %r" % root.find("p", id="img").text())
PY

# Every answer under /previews/ carries the sandbox: a page, a stylesheet,
# a redirect to a folder's "/", a missing file, a missing preview.
for u in "$PROBE" "${PROBE}probe.css" "${PROBE%/}" "${PROBE}none.html" "$URL/previews/none/"; do
	curl -s --max-time 5 -D - -o /dev/null "$u" | tr -d '\r' >"$TEST_DIR/headers"
	grep -qix 'content-security-policy: sandbox allow-scripts allow-forms allow-popups' "$TEST_DIR/headers" ||
		fail "$u has no sandbox: $(cat "$TEST_DIR/headers")"
done

echo "ok"

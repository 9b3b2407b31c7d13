"""A small Chrome DevTools Protocol client for the e2e tests that keep one
page open (tests/e2e/lib-browser.sh starts the browser): standard library
only, one WebSocket connection per command, on the browser's first page.

    cdp.py PROFILE navigate URL
    cdp.py PROFILE eval EXPR                      # prints the value (JSON)
    cdp.py PROFILE wait EXPR TEXT [--timeout S] [--since NS] [--absent]
        # polls EXPR every 20 ms until its string value contains TEXT (or no
        # longer does, with --absent); prints the time since NS (ns of
        # `date +%s%N`) or since its start; exit 1 on timeout
    cdp.py PROFILE screenshot FILE.png

PROFILE is the browser's --user-data-dir: its DevToolsActivePort names the
port. Talks to 127.0.0.1 only."""
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.request


class WebSocket:
    def __init__(self, host, port, path):
        self.sock = socket.create_connection((host, port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise OSError("the browser closed the connection during the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise OSError(f"no WebSocket upgrade: {head[:200]!r}")

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise OSError("the browser closed the connection")
            data += chunk
        return data

    def send(self, text):
        payload = text.encode()
        head = bytes([0x81])
        n = len(payload)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            if b0 & 0x0F == 0x8:
                raise OSError("the browser closed the WebSocket")
            if b0 & 0x0F in (0x9, 0xA):  # ping, pong: not a message
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()


class Page:
    def __init__(self, profile):
        with open(os.path.join(profile, "DevToolsActivePort")) as f:
            self.port = int(f.readline())
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=30) as r:
            targets = [t for t in json.load(r) if t.get("type") == "page"]
        if not targets:
            raise OSError("the browser has no page open")
        url = targets[0]["webSocketDebuggerUrl"]
        self.ws = WebSocket("127.0.0.1", self.port, url.split(str(self.port), 1)[1])
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise OSError(f"{method}: {reply['error']}")
                return reply["result"]

    def eval(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        if "exceptionDetails" in r:
            raise OSError(f"{expr}: {r['exceptionDetails'].get('text')}")
        return r["result"].get("value")


def main(argv):
    profile, command, args = argv[1], argv[2], argv[3:]
    page = Page(profile)
    if command == "navigate":
        page.call("Page.navigate", url=args[0])
    elif command == "eval":
        print(json.dumps(page.eval(args[0]), ensure_ascii=False))
    elif command == "screenshot":
        data = page.call("Page.captureScreenshot", format="png")["data"]
        with open(args[0], "wb") as f:
            f.write(base64.b64decode(data))
    elif command == "wait":
        expr, text = args[0], args[1]
        timeout, since, absent = 60.0, None, "--absent" in args
        if "--timeout" in args:
            timeout = float(args[args.index("--timeout") + 1])
        if "--since" in args:
            since = int(args[args.index("--since") + 1]) / 1e9
        start = since if since is not None else time.time()
        value = None
        while time.time() - start < timeout:
            try:
                value = page.eval(expr)
            except OSError:  # the page is reloading: its context is gone for a moment
                value = None
            if value is not None and (text in str(value)) != absent:
                print(f"{(time.time() - start) * 1000:.0f} ms")
                return 0
            time.sleep(0.02)
        print(f"timeout after {timeout:.0f} s; last value: {value!r}", file=sys.stderr)
        return 1
    else:
        print(f"cdp.py: unknown command {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

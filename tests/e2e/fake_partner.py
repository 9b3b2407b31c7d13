#!/usr/bin/env python3
"""A partner site for delivery tests, on 127.0.0.1 only.

    fake_partner.py --dir D [--secret whsec_...] [--tls CERT KEY]

Writes the port it listens on to D/port once ready. Before each request it
reads D/mode (default "ok"): "ok" answers 200, a number answers that status,
"NNN retry-after=V" adds a Retry-After header (_ for spaces) and
"NNN location=URL" a Location header, "hang" never answers (for
at most 120 s), "close" closes the connection without an answer, "slow:S"
answers 200 after S seconds (D/slow-arrived says a request is waiting, so
that a test needs no sleep). Each request is logged as D/req-NNNN.json with
its headers, body, the answer given, and whether its Standard Webhooks
signature verifies with --secret (the way a partner's own stack would).
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None
LOCK = threading.Lock()
COUNTER = [0]


def verify(secret, headers, body):
    """Standard Webhooks verification, as docs/deliveries.md shows it."""
    if not secret:
        return None
    key = base64.b64decode(secret.removeprefix("whsec_"))
    msg_id = headers.get("webhook-id", "")
    ts = headers.get("webhook-timestamp", "")
    signed = f"{msg_id}.{ts}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    if not ts.isdigit() or abs(time.time() - int(ts)) > 300:
        return False
    for sig in headers.get("webhook-signature", "").split(" "):
        version, _, value = sig.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


def read_mode():
    try:
        with open(os.path.join(ARGS.dir, "mode")) as f:
            return f.read().strip() or "ok"
    except FileNotFoundError:
        return "ok"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def record(self, body, answer):
        with LOCK:
            COUNTER[0] += 1
            n = COUNTER[0]
        entry = {
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
            "answer": answer,
            "verified": verify(ARGS.secret, {k.lower(): v for k, v in self.headers.items()}, body),
            "at": time.time(),
        }
        tmp = os.path.join(ARGS.dir, f".req-{n:04d}.tmp")
        with open(tmp, "w") as f:
            json.dump(entry, f)
        os.rename(tmp, os.path.join(ARGS.dir, f"req-{n:04d}.json"))

    def answer(self, status, extra=None):
        payload = b'{"ok": true}' if status < 300 else b'{"error": "test"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        mode = read_mode()
        if mode == "hang":
            self.record(body, "hang")
            time.sleep(120)
            self.close_connection = True
            return
        if mode == "close":
            self.record(body, "close")
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if mode.startswith("slow:"):
            with open(os.path.join(ARGS.dir, "slow-arrived"), "w") as f:
                f.write(self.headers.get("webhook-id", ""))
            time.sleep(float(mode[5:]))
            mode = "ok"
        status, extra = 200, {}
        if mode != "ok":
            parts = mode.split()
            status = int(parts[0])
            for p in parts[1:]:
                if p.startswith("retry-after="):
                    extra["Retry-After"] = p[len("retry-after="):].replace("_", " ")
                if p.startswith("location="):
                    extra["Location"] = p[len("location="):]
        self.record(body, status)
        self.answer(status, extra)


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--secret")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS")
    ARGS = p.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if ARGS.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(ARGS.tls[0], ARGS.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = os.path.join(ARGS.dir, ".port")
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, os.path.join(ARGS.dir, "port"))
    server.serve_forever()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""An HTTP proxy in front of an S3 server that throttles, for the retry tests.

    s3_throttle.py LISTEN_PORT UPSTREAM_PORT MODE COUNT_FILE [LOG_FILE]

MODE "first": the first time a request (method and path) is seen, it is
answered 503 SlowDown for every second distinct request and 429 for every
third of the rest, without reaching the server; a retry passes, so the
outcome does not depend on how concurrent requests interleave. "always":
every request is answered 503 SlowDown. "pass": nothing is throttled.
Everything else is forwarded as it came
(the Host header too, which the client signed). COUNT_FILE gets
"<requests> <throttled>" after each request; LOG_FILE, when given, one line
"METHOD PATH" per request forwarded, in the order they arrived. Serves
127.0.0.1 only.
"""
import http.client
import http.server
import sys
import threading

LOCK = threading.Lock()
COUNT = {"n": 0, "throttled": 0}
SEEN = set()
SLOWDOWN = (b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code>'
            b'<Message>Please reduce your request rate.</Message></Error>')


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def throttle(self):
        with LOCK:
            COUNT["n"] += 1
            key = (self.command, self.path)
            code = 0
            if MODE == "always":
                code = 503
            elif MODE == "pass":
                pass
            elif key not in SEEN:
                SEEN.add(key)
                code = 503 if len(SEEN) % 2 == 0 else 429 if len(SEEN) % 3 == 0 else 0
            COUNT["throttled"] += code != 0
            if not code and LOG_FILE:
                with open(LOG_FILE, "a") as f:
                    f.write("%s %s\n" % (self.command, self.path))
            with open(COUNT_FILE, "w") as f:
                f.write("%d %d\n" % (COUNT["n"], COUNT["throttled"]))
        return code

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        code = self.throttle()
        if code:
            self.send_response(code)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(SLOWDOWN)))
            self.end_headers()
            self.wfile.write(SLOWDOWN)
            return
        conn = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=60)
        conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for k, v in self.headers.items():
            if k.lower() != "expect":
                conn.putheader(k, v)
        conn.endheaders(body)
        r = conn.getresponse()
        data = r.read()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        conn.close()

    do_GET = do_PUT = do_DELETE = do_HEAD = do_POST = handle_any


if __name__ == "__main__":
    PORT, UPSTREAM, MODE, COUNT_FILE = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    LOG_FILE = sys.argv[5] if len(sys.argv) > 5 else None
    http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()

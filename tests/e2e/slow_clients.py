#!/usr/bin/env python3
"""Hostile clients for the folio receive tests, on 127.0.0.1 only.

    slow_clients.py hold PORT N READY     open N connections: half send a
        request's headers one byte at a time (one byte a second), half send
        nothing; write READY once all are connected; hold them until killed.
    slow_clients.py early PORT SECRET     requests refused on their headers:
        print one line "CASE STATUS" each; the body is never sent.
    slow_clients.py budget PORT N SIZE SECRET   N clients announce SIZE-byte
        signed bodies with "Expect: 100-continue" at once; each waits for its
        first answer, all wait for each other (so the accepted ones hold their
        reservation while the others are decided), then the accepted ones send
        their bodies. Prints "accepted A refused503 R final F" where F lists
        the final statuses of the accepted ones.
"""
import base64
import hashlib
import hmac
import resource
import socket
import sys
import threading
import time


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def signature(secret, msg_id, ts, body):
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def status_line(sock, limit=60):
    """The status of the next answer on sock (skipping nothing), or None."""
    sock.settimeout(limit)
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return None
        data += chunk
    return int(data.split(b" ", 2)[1]), data


def read_answer(sock, limit=60):
    """Status of an answer, reading its headers whole (and leftovers)."""
    sock.settimeout(limit)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    if not data:
        return None
    return int(data.split(b" ", 2)[1])


def hold(port, n, ready):
    raise_nofile()
    socks = []
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        socks.append(s)
    with open(ready + ".tmp", "w") as f:
        f.write(f"{len(socks)}\n")
    import os
    os.rename(ready + ".tmp", ready)
    request = b"POST /folio HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
    pos = 0
    while True:  # one byte a second on every other connection, never finishing the headers
        for s in socks[::2]:
            try:
                s.send(request[pos % len(request):pos % len(request) + 1])
            except OSError:
                pass
        pos += 1
        time.sleep(1)


def early(port, secret):
    now = str(int(time.time()))
    body_len = 1000
    cases = {
        "unsigned": f"Content-Length: {body_len}\r\n",
        "no-timestamp": f"webhook-id: msg_a\r\nwebhook-signature: v1,{'A' * 43}=\r\nContent-Length: {body_len}\r\n",
        "stale": f"webhook-id: msg_a\r\nwebhook-timestamp: 1700000000\r\nwebhook-signature: {signature(secret, 'msg_a', '1700000000', b'x' * body_len)}\r\nContent-Length: {body_len}\r\n",
        "bad-signature-format": f"webhook-id: msg_a\r\nwebhook-timestamp: {now}\r\nwebhook-signature: v1,nope\r\nContent-Length: {body_len}\r\n",
        "oversized": f"webhook-id: msg_a\r\nwebhook-timestamp: {now}\r\nwebhook-signature: v1,{'A' * 43}=\r\nContent-Length: {32 * 1024 * 1024}\r\n",
        "no-length": f"webhook-id: msg_a\r\nwebhook-timestamp: {now}\r\nwebhook-signature: v1,{'A' * 43}=\r\nTransfer-Encoding: chunked\r\n",
    }
    for name, headers in cases.items():
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(f"POST /folio HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
        # the body is never sent: an answer proves the headers alone decided
        print(name, read_answer(s, 30), flush=True)
        s.close()


def budget(port, n, size, secret):
    raise_nofile()
    barrier = threading.Barrier(n, timeout=120)
    lock = threading.Lock()
    result = {"accepted": 0, "503": 0, "other": [], "final": []}
    body = b"x" * size

    def client(i):
        msg_id, ts = f"msg_budget_{i}", str(int(time.time()))
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
        s.sendall((f"POST /folio HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   f"webhook-id: {msg_id}\r\nwebhook-timestamp: {ts}\r\n"
                   f"webhook-signature: {signature(secret, msg_id, ts, b'not this body')}\r\n"
                   f"Content-Length: {size}\r\nExpect: 100-continue\r\n\r\n").encode())
        first = status_line(s)
        code = first[0] if first else None
        with lock:
            if code == 100:
                result["accepted"] += 1
            elif code == 503:
                result["503"] += 1
            else:
                result["other"].append(code)
        barrier.wait()
        if code == 100:
            s.sendall(body)
            final = read_answer(s)
            with lock:
                result["final"].append(final)
        s.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"accepted {result['accepted']} refused503 {result['503']} other {result['other']} "
          f"final {sorted(result['final'])}")


def main():
    mode = sys.argv[1]
    if mode == "hold":
        hold(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif mode == "early":
        early(int(sys.argv[2]), sys.argv[3])
    elif mode == "budget":
        budget(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()

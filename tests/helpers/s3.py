#!/usr/bin/env python3
"""A small S3 client for the tests (standard library only, SigV4 signed):
compare what a bucket prefix holds with a directory, list, get, make a bucket.

    s3.py compare s3://BUCKET/PREFIX DIR   # keys, bytes, Content-Type, Cache-Control
    s3.py ls s3://BUCKET/PREFIX            # one key per line
    s3.py get s3://BUCKET/KEY              # bytes to stdout
    s3.py mb s3://BUCKET
    s3.py put s3://BUCKET/KEY FILE

Endpoint, region and keys from AWS_ENDPOINT_URL, AWS_REGION,
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as folio reads them.
The expected headers are written here independently of folio's table.
"""
import datetime
import hashlib
import hmac
import http.client
import os
import sys
import urllib.parse
import xml.etree.ElementTree as ET

TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
         ".svg": "image/svg+xml", ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8",
         ".png": "image/png", ".jpg": "image/jpeg"}
SHORT = "public, max-age=60"
LONG = "public, max-age=86400"


def expected_headers(key):
    name = key.rsplit("/", 1)[-1]
    ext = os.path.splitext(name)[1].lower()
    if name == ".folio-output":
        return "text/plain; charset=utf-8", SHORT
    return TYPES.get(ext, "application/octet-stream"), SHORT if ext in (".html", ".json", ".xml") else LONG


class S3:
    def __init__(self):
        self.endpoint = urllib.parse.urlsplit(os.environ["AWS_ENDPOINT_URL"])
        self.region = os.environ.get("AWS_REGION", "us-east-1")
        self.ak = os.environ["AWS_ACCESS_KEY_ID"]
        self.sk = os.environ["AWS_SECRET_ACCESS_KEY"]
        self.conn = http.client.HTTPConnection(self.endpoint.hostname, self.endpoint.port or 80, timeout=60)

    def request(self, method, path, query=None, body=b"", headers=None):
        """path: "/bucket/key" unencoded; query: dict. Returns (status, headers, body)."""
        now = datetime.datetime.now(datetime.timezone.utc)
        amzdate, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
        qpath = urllib.parse.quote(path, safe="/-_.~")
        q = "&".join("%s=%s" % (urllib.parse.quote(k, safe="-_.~"), urllib.parse.quote(v, safe="-_.~"))
                     for k, v in sorted((query or {}).items()))
        host = self.endpoint.netloc
        payload = hashlib.sha256(body).hexdigest()
        h = {"host": host, "x-amz-date": amzdate, "x-amz-content-sha256": payload}
        h.update({k.lower(): v for k, v in (headers or {}).items()})
        signed = sorted(h)
        canon = "\n".join([method, qpath, q, "".join("%s:%s\n" % (k, h[k].strip()) for k in signed),
                           ";".join(signed), payload])
        scope = "%s/%s/s3/aws4_request" % (day, self.region)
        sts = "\n".join(["AWS4-HMAC-SHA256", amzdate, scope, hashlib.sha256(canon.encode()).hexdigest()])
        k = ("AWS4" + self.sk).encode()
        for part in (day, self.region, "s3", "aws4_request"):
            k = hmac.new(k, part.encode(), hashlib.sha256).digest()
        sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
        h["authorization"] = "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
            self.ak, scope, ";".join(signed), sig)
        del h["host"]
        self.conn.request(method, qpath + ("?" + q if q else ""), body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def list(self, bucket, prefix):
        keys, token = [], None
        while True:
            q = {"list-type": "2", "prefix": prefix}
            if token:
                q["continuation-token"] = token
            st, _, data = self.request("GET", "/" + bucket, q)
            if st != 200:
                raise SystemExit("list %s/%s: %d %s" % (bucket, prefix, st, data[:300]))
            root = ET.fromstring(data)
            ns = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
            keys += [c.find(ns + "Key").text for c in root.findall(ns + "Contents")]
            if root.findtext(ns + "IsTruncated") != "true":
                return keys
            token = root.findtext(ns + "NextContinuationToken")


def split(url):
    assert url.startswith("s3://"), url
    bucket, _, prefix = url[5:].partition("/")
    prefix = "/".join(p for p in prefix.split("/") if p)
    return bucket, prefix + "/" if prefix else ""


def local_files(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, d)] = p
    return out


def compare(s3, url, d):
    """Differences between the prefix and the directory, one line each."""
    bucket, prefix = split(url)
    keys = {k[len(prefix):] for k in s3.list(bucket, prefix)}
    files = local_files(d)
    diffs = ["%s: only in the bucket" % k for k in sorted(keys - files.keys())]
    diffs += ["%s: only in the directory" % k for k in sorted(files.keys() - keys)]
    for k in sorted(keys & files.keys()):
        st, h, data = s3.request("GET", "/%s/%s%s" % (bucket, prefix, k))
        with open(files[k], "rb") as f:
            want = f.read()
        ctype, cache = expected_headers(k)
        if st != 200:
            diffs.append("%s: GET answered %d" % (k, st))
        elif data != want:
            diffs.append("%s: bytes differ (%d in the bucket, %d in the directory)" % (k, len(data), len(want)))
        elif h.get("content-type") != ctype:
            diffs.append("%s: Content-Type %r, expected %r" % (k, h.get("content-type"), ctype))
        elif h.get("cache-control") != cache:
            diffs.append("%s: Cache-Control %r, expected %r" % (k, h.get("cache-control"), cache))
    return diffs


def main(argv):
    s3 = S3()
    cmd = argv[1]
    if cmd == "compare":
        diffs = compare(s3, argv[2], argv[3])
        for d in diffs:
            print(d)
        return 1 if diffs else 0
    bucket, key = split(argv[2])
    key = key.rstrip("/")
    if cmd == "ls":
        for k in s3.list(bucket, key + "/" if key else ""):
            print(k)
        return 0
    if cmd == "get":
        st, _, data = s3.request("GET", "/%s/%s" % (bucket, key))
        sys.stdout.buffer.write(data)
        return 0 if st == 200 else 1
    if cmd == "mb":
        st, _, data = s3.request("PUT", "/" + bucket)
        return 0 if st == 200 else print(st, data) or 1
    if cmd == "put":
        with open(argv[3], "rb") as f:
            st, _, data = s3.request("PUT", "/%s/%s" % (bucket, key), body=f.read())
        return 0 if st == 200 else print(st, data) or 1
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

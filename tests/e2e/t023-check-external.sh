#!/bin/bash
# folio check --external asks external links over HTTP: a local server
# answers 200, 404, 405-to-HEAD-but-200-to-GET, a redirect and 429; a closed
# port does not answer. Dead links are warnings (exit 0); answers are cached
# so a second run asks only what was not definite.
. "$(dirname "$0")/lib.sh"

log=$TEST_DIR/requests.log
cat >"$TEST_DIR/server.py" <<'PY'
import http.server, sys
log = open(sys.argv[1], "a", buffering=1)
class H(http.server.BaseHTTPRequestHandler):
    def answer(self, body):
        log.write(f"{self.command} {self.path}\n")
        p = self.path
        if p == "/ok": code = 200
        elif p == "/no-head": code = 405 if self.command == "HEAD" else 200
        elif p == "/moved":
            self.send_response(301); self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0"); self.end_headers(); return
        elif p == "/busy": code = 429
        else: code = 404
        self.send_response(code)
        self.send_header("Content-Length", "5"); self.end_headers()
        if body: self.wfile.write(b"hello")
    def do_HEAD(self): self.answer(False)
    def do_GET(self): self.answer(True)
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$TEST_DIR/server.py" "$log" >"$TEST_DIR/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TEST_DIR"' EXIT
wait_until 30 test -s "$TEST_DIR/port" || true
port=$(cat "$TEST_DIR/port")
[ -n "$port" ] || fail "the test server did not start"
u=http://127.0.0.1:$port

# the sample's own links must not reach the internet: a dead proxy for all
# but the local server
export http_proxy=http://127.0.0.1:1 https_proxy=http://127.0.0.1:1 no_proxy=127.0.0.1
site=$TEST_DIR/site
make_repo "$site"
cd "$site"
cat >pages/liens.md <<EOF2
---
title: Liens
---

[bon]($u/ok) et [encore]($u/ok#section) et [absent]($u/absent).

[sans HEAD]($u/no-head), [déplacé]($u/moved), [occupé]($u/busy).

[fermé](http://127.0.0.1:1/rien)
EOF2
git add -A && git commit -qm "Add links"
cache=$TEST_DIR/links.sqlite

# without --external nothing is asked
"$FOLIO" check >/dev/null || fail "check without --external failed"
[ ! -s "$log" ] || fail "links were asked without --external"

rc=0
"$FOLIO" check --external --external-cache "$cache" >"$TEST_DIR/out1" 2>&1 || rc=$?
cat "$TEST_DIR/out1"
[ $rc = 0 ] || fail "exit $rc: dead external links must be warnings only"
assert_contains "$TEST_DIR/out1" "pages/liens.md:5:"
assert_contains "$TEST_DIR/out1" "warning: link \"$u/absent\" answers HTTP 404 [link/external-dead]"
assert_contains "$TEST_DIR/out1" "warning: link \"$u/busy\" was not checked: HTTP 429 too many requests [link/external-dead]"
assert_contains "$TEST_DIR/out1" "pages/liens.md:9:"
assert_contains "$TEST_DIR/out1" "warning: link \"http://127.0.0.1:1/rien\" could not be reached"
assert_not_contains "$TEST_DIR/out1" "$u/ok\""
assert_not_contains "$TEST_DIR/out1" "$u/no-head\""
assert_not_contains "$TEST_DIR/out1" "$u/moved\""
[ "$(grep -c '^pages/liens.md:.*link/external-dead' "$TEST_DIR/out1")" = 3 ] || fail "expected exactly 3 warnings"
# /ok asked once although linked twice (fragment dropped); HEAD then GET for /no-head
[ "$(grep -c '^HEAD /ok$' "$log")" -ge 1 ] || fail "/ok not asked with HEAD"
grep -q '^GET /no-head$' "$log" || fail "/no-head not retried with GET"
[ "$(grep -c ' /ok$' "$log")" -le 2 ] || fail "/ok asked more than once (plus the redirect)"

# the second run answers from the cache, except the 429
: >"$log"
"$FOLIO" check --external --external-cache "$cache" >"$TEST_DIR/out2" 2>&1 || fail "second run failed"
grep -q 'absent.*HTTP 404' "$TEST_DIR/out2" || fail "the cached 404 was lost"
cat "$log"
! grep -qE ' /(ok|absent|no-head|moved)$' "$log" || fail "cached answers were asked again"
grep -q ' /busy$' "$log" || fail "the 429 should be asked again"

# a zero time-to-live asks everything again
: >"$log"
"$FOLIO" check --external --external-cache "$cache" --external-ttl 0 >/dev/null 2>&1 || fail "ttl 0 run failed"
sleep 1
: >"$log"
"$FOLIO" check --external --external-cache "$cache" --external-ttl 0 >/dev/null 2>&1 || fail "ttl 0 run failed"
grep -q ' /absent$' "$log" || fail "an expired answer was not asked again"
echo "t023 ok"

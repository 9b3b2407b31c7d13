#!/bin/bash
# What readers of the bucket see during a publish: uploads come in the order
# static files, pages, then lists, feeds, indexes and the sitemap, and
# deletions come after every upload, in a full publish and in an incremental
# one that changes a static file, adds a page and removes one. The requests
# are observed by a proxy in front of radosgw, in the order they arrive.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3lib.sh"
s3_test
cd "$TEST_DIR"
make_repo site
s3 mb s3://www || fail "cannot make the bucket"
PPORT=$(free_port)
python3 "$FOLIO_SOURCE_DIR/tests/helpers/s3_throttle.py" "$PPORT" "$RGW_PORT" pass count.txt requests.log &
PROXY_PID=$!
S3_TEST_CLEANUP='kill "$PROXY_PID" 2>/dev/null'
wait_until 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PPORT" 2>/dev/null || fail "proxy not listening"

# in_order: requests.log's PUTs and DELETEs under /www/site/ come in reader order
in_order() {
	python3 - requests.log <<'PY'
import re, sys
rank_names = ["static file", "page", "list, feed, index or sitemap", "deletion"]
def rank(method, key):
    if method == "DELETE":
        return 3
    if key.startswith("static/"):
        return 0
    if re.fullmatch(r"[^/]+/(?!page/|feed/)[^/]+/index\.html", key):
        return 1
    return 2
seen, last = [], -1
for line in open(sys.argv[1]):
    method, path = line.split()
    if method not in ("PUT", "DELETE") or not path.startswith("/www/site/"):
        continue
    key = path[len("/www/site/"):]
    if key == ".folio-output":
        continue
    r = rank(method, key)
    if r < last:
        sys.exit("%s %s (a %s) came after a %s" % (method, key, rank_names[r], rank_names[last]))
    last = max(last, r)
    seen.append(r)
for r in range(4):
    print("%s: %d" % (rank_names[r], seen.count(r)))
PY
}
publish() {
	: >requests.log
	AWS_ENDPOINT_URL=http://127.0.0.1:$PPORT "$FOLIO" build --repo site --out s3://www/site --state state \
		>out.txt 2>&1 || { cat out.txt; fail "publish failed"; }
	"$FOLIO" build --repo site --out local >/dev/null 2>&1
	s3 compare s3://www/site local >diff.txt || { cat diff.txt; fail "the bucket differs from a local build"; }
}

printf -- '---\ntitle: Mentions\nsummary: Mentions légales.\n---\n\nTexte.\n' >site/pages/mentions.md
git -C site add -A && git -C site commit -qm "Add a page"
publish
in_order >order.txt 2>&1 || fail "full publish out of order: $(cat order.txt)"
assert_contains order.txt "static file: 1"
assert_contains order.txt "deletion: 0"

echo '<!-- changed -->' >>site/static/logo.svg
git -C site rm -q pages/mentions.md
printf -- '---\ntitle: À propos\nsummary: Qui nous sommes.\n---\n\nTexte.\n' >site/pages/a-propos.md
git -C site add -A && git -C site commit -qm "Change the logo, replace a page"
publish
in_order >order.txt 2>&1 || fail "incremental publish out of order: $(cat order.txt)"
assert_contains order.txt "static file: 1"
assert_contains order.txt "page: 1"
assert_contains order.txt "deletion: 1"
echo ok

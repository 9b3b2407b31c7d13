#!/bin/bash
# libcurl, libmicrohttpd and libxml2 are loaded on first use
# (src/util/lazylib.h), not at start: a publish or a check maps neither
# them nor the 20 libraries they bring (GnuTLS, LDAP, nghttp2...) (5 to 6 ms of every command's start,
# BENCHMARKS.md). A command that needs one loads it and works: --external
# asks a link through libcurl, --ranges reads its XML through libxml2.
# (The daemon's and folio serve's HTTP through libmicrohttpd is in the
# daemon and browser tests.) LD_DEBUG=libs is glibc's loader trace.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
make_repo "$repo"
loaded() { grep -c "find library=$1" "$2" || true; }

LD_DEBUG=libs "$FOLIO" build --repo "$repo" --out "$TEST_DIR/out" --state "$TEST_DIR/st" \
	>/dev/null 2>"$TEST_DIR/build.log" || fail "build failed: $(tail -5 "$TEST_DIR/build.log")"
[ -s "$TEST_DIR/out/index.html" ] || fail "no home page published"
grep -q "find library=libgit2" "$TEST_DIR/build.log" || fail "LD_DEBUG traced nothing: the test would prove nothing"
for lib in libcurl.so libmicrohttpd.so libxml2.so libgnutls.so libldap libnghttp2.so; do
	[ "$(loaded "$lib" "$TEST_DIR/build.log")" = 0 ] || fail "a publish loaded $lib"
done

LD_DEBUG=libs "$FOLIO" check --repo "$repo" >/dev/null 2>"$TEST_DIR/check.log" || fail "check failed"
for lib in libcurl.so libmicrohttpd.so libxml2.so; do
	[ "$(loaded "$lib" "$TEST_DIR/check.log")" = 0 ] || fail "a check loaded $lib"
done

# --external: one link to a port nobody listens on, asked through libcurl.
port=$(free_port)
printf -- '---\ntitle: Liens\n---\nVoir [ce site](http://127.0.0.1:%s/absent).\n' "$port" \
	>"$repo/pages/liens-externes.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "An external link"
rc=0
(cd "$repo" && LD_DEBUG=libs "$FOLIO" check --external --external-cache "$TEST_DIR/cache") \
	>"$TEST_DIR/ext.out" 2>"$TEST_DIR/ext.log" || rc=$?
[ "$rc" = 0 ] || fail "check --external: exit $rc: $(cat "$TEST_DIR/ext.out")"
[ "$(loaded libcurl.so.4 "$TEST_DIR/ext.log")" != 0 ] || fail "--external did not load libcurl"
assert_contains "$TEST_DIR/ext.out" "http://127.0.0.1:$port/absent"
assert_contains "$TEST_DIR/ext.out" "[link/external-dead]"

# --ranges: the range message read through libxml2.
LD_DEBUG=libs "$FOLIO" isbn --ranges "$FOLIO_SOURCE_DIR/testdata/isbn/RangeMessage.xml" 9782296013681 \
	>"$TEST_DIR/isbn.out" 2>"$TEST_DIR/isbn.log" || fail "isbn --ranges failed: $(grep -v '^ *[0-9]*:' "$TEST_DIR/isbn.log")"
[ "$(loaded libxml2.so.2 "$TEST_DIR/isbn.log")" != 0 ] || fail "--ranges did not load libxml2"
assert_contains "$TEST_DIR/isbn.out" "978-2-296-01368-1"
echo "t382: ok"

#!/bin/bash
# An installable server: `cmake --install` puts the binary, hooks, scripts,
# unit, man pages and bash completion under a prefix; the installed
# setup-server.sh finds folio on PATH (no --folio) and its unit runs the
# installed binary; `cpack -G DEB` makes a package whose Depends come from
# the binary's libraries, which dpkg -i installs (as root; else skipped, 77)
# and whose folio runs.
. "$(dirname "$0")/lib.sh"
trap 'rm -rf "$TEST_DIR"' EXIT
[ -n "${FOLIO_BUILD_DIR:-}" ] || { echo "skip: FOLIO_BUILD_DIR not set"; exit 77; }

P=$TEST_DIR/usr
cmake --install "$FOLIO_BUILD_DIR" --prefix "$P" >"$TEST_DIR/install.log" || fail "install failed: $(cat "$TEST_DIR/install.log")"
for f in bin/folio share/folio/hooks/pre-receive share/folio/hooks/post-receive share/folio/hooks/pre-commit \
	share/folio/scripts/setup-server.sh share/folio/scripts/install-hooks.sh \
	share/folio/scripts/install-daemon-hooks.sh share/folio/scripts/folio.service \
	share/folio/scripts/server-config.example share/bash-completion/completions/folio \
	share/man/man1/folio.1 share/man/man1/folio-watch.1 share/man/man1/folio-check.1; do
	[ -f "$P/$f" ] || fail "not installed: $f"
done
"$P/bin/folio" --version | grep -q "^folio [0-9]" || fail "installed folio does not run"
# a man page per command of the table, with its options
for c in $("$P/bin/folio" --help | sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p'); do
	[ -f "$P/share/man/man1/folio-$c.1" ] || fail "no man page for folio $c"
done
grep -q '^\\-\\-strict\\-history' "$P/share/man/man1/folio-check.1" || fail "folio-check.1 lacks --strict-history"
# the completion offers the commands and a command's options
out=$(PATH=$P/bin:$PATH bash -c '. "$1"; COMP_WORDS=(folio wa); COMP_CWORD=1; _folio; echo "${COMPREPLY[*]}"
	COMP_WORDS=(folio watch --webhook); COMP_CWORD=2; _folio; echo "${COMPREPLY[*]}"' _ \
	"$P/share/bash-completion/completions/folio")
[ "$out" = "watch
--webhook-secret-file" ] || fail "completion: '$out'"

# setup-server.sh from the install, folio found on PATH
R=$TEST_DIR/root
PATH=$P/bin:$PATH "$P/share/folio/scripts/setup-server.sh" --root "$R" demo "$FOLIO_SOURCE_DIR/content" \
	>"$TEST_DIR/setup.txt" 2>&1 || fail "setup failed: $(cat "$TEST_DIR/setup.txt")"
assert_contains "$R/etc/systemd/system/folio-demo.service" "ExecStart=$P/bin/folio watch --config $R/etc/folio/demo.conf"
grep -q "^FOLIO=\${FOLIO:-$P/bin/folio}" "$R/srv/folio/demo.git/hooks/pre-receive" || fail "hook does not run the installed folio"
# a binary where the unit's sandbox cannot see it is named (a warning under --root)
assert_contains "$TEST_DIR/setup.txt" "hidden from the service by ProtectHome=/PrivateTmp="

# The Debian package
command -v cpack >/dev/null && command -v dpkg-deb >/dev/null || { echo "skip: no cpack or dpkg-deb"; exit 77; }
(cd "$FOLIO_BUILD_DIR" && cpack -G DEB -B "$TEST_DIR/pkg") >"$TEST_DIR/cpack.log" 2>&1 || fail "cpack failed: $(cat "$TEST_DIR/cpack.log")"
DEB=$(ls "$TEST_DIR"/pkg/folio_*.deb)
deps=$(dpkg-deb -f "$DEB" Depends)
for d in git libgit2 libsqlite3 libmicrohttpd libcurl4 libxml2 libc6; do # the last three loaded on first use
	case $deps in *"$d"*) ;; *) fail "Depends lacks $d: $deps" ;; esac
done
dpkg-deb -c "$DEB" >"$TEST_DIR/contents"
grep -q ' ./usr/bin/folio$' "$TEST_DIR/contents" || fail "package lacks /usr/bin/folio"
grep -q ' ./usr/share/folio/scripts/setup-server.sh$' "$TEST_DIR/contents" || fail "package lacks setup-server.sh"
dpkg-deb -x "$DEB" "$TEST_DIR/unpacked"
"$TEST_DIR/unpacked/usr/bin/folio" --version | grep -q "^folio [0-9]" || fail "packaged folio does not run"

# dpkg -i, into a root of its own: the machine may be shared, and a
# /usr/bin/folio would change what other tests find on PATH. The root's
# package database is a copy of this machine's, so Depends must be met by
# what is installed here (no --force-depends).
[ "$(id -u)" = 0 ] || { echo "skip: dpkg -i needs root (the rest passed)"; exit 77; }
D=$TEST_DIR/dpkgroot
mkdir -p "$D/var/lib/dpkg/updates" "$D/var/lib/dpkg/info" "$D/var/log"
cp /var/lib/dpkg/status "$D/var/lib/dpkg/status"
touch "$D/var/lib/dpkg/available"
dpkg --root="$D" --force-script-chrootless -i "$DEB" >"$TEST_DIR/dpkg.log" 2>&1 || fail "dpkg -i failed: $(cat "$TEST_DIR/dpkg.log")"
dpkg --root="$D" -s folio | grep -q '^Status: install ok installed' || fail "dpkg does not list folio as installed"
"$D/usr/bin/folio" --version | grep -q "^folio [0-9]" || fail "folio installed by dpkg does not run"
[ -f "$D/usr/share/man/man1/folio-watch.1" ] && [ -x "$D/usr/share/folio/scripts/setup-server.sh" ] ||
	fail "dpkg did not install the man pages and scripts"
echo "ok"

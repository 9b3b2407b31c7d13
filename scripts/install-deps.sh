#!/bin/sh
# Install what folio needs to build and run, from Debian's packages; with
# --test also what its tests need (Chromium for the pages people look at,
# Ceph's radosgw as a real S3 server). Safe to run twice: installs only what
# is missing. Needs root (or sudo).
set -eu

PACKAGES="build-essential cmake pkg-config git python3 curl ca-certificates
  libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libjansson-dev
  libyaml-dev libutf8proc-dev libsqlite3-dev libssl-dev libcurl4-openssl-dev libpcre2-dev
  libmicrohttpd-dev libxml2-dev libcmocka-dev tidy sqlite3 python3-jsonschema
  libicu-dev gettext"
# for tests only: fuzzers (clang), the browser, a real S3 server, a feed
# parser and xmllint for the Atom and RSS feeds, strace (t191: what a
# publish opens)
if [ "${1:-}" = --test ]; then
	PACKAGES="$PACKAGES clang libclang-rt-14-dev chromium ceph-mon ceph-osd radosgw ceph-common
	  python3-feedparser libxml2-utils strace"
fi
missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing$missing" >&2
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing

#!/bin/sh
# Wire a bare repository to its `folio watch` daemon: install folio's hooks
# (scripts/install-hooks.sh: pre-receive refuses invalid pushes, post-receive
# stores notes and wakes the daemon) and record the daemon's socket in the
# repository's config (folio.socket), where post-receive finds it.
# pre-receive guards the branch named by git config folio.branch (default
# main); scripts/setup-server.sh writes it from FOLIO_BRANCH, and so must
# whoever runs the daemon on another branch: git config folio.branch NAME.
#
#   scripts/install-daemon-hooks.sh <bare-repo> <socket> [folio-binary]
set -eu

[ $# -ge 2 ] && [ $# -le 3 ] || {
	echo "usage: $0 <bare-repo> <socket> [folio-binary]" >&2
	exit 2
}
repo=$1
socket=$2
here=$(cd "$(dirname "$0")" && pwd)
case $socket in /*) ;; *) socket=$(pwd)/$socket ;; esac
"$here/install-hooks.sh" "$repo" ${3+"$3"}
git -C "$repo" config folio.socket "$socket"
echo "post-receive wakes the daemon listening on $socket"

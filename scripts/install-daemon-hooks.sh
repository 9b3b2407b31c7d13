#!/bin/sh
# Wire a bare repository to its `folio watch` daemon: record the daemon's
# socket (git config folio.socket) and make post-receive wake the daemon.
# An existing post-receive (from scripts/install-hooks.sh: run that first)
# is kept and gets one more line; without one, a post-receive is written.
#
#   scripts/install-daemon-hooks.sh <bare-repo> <socket> [folio-binary]
set -eu

usage() {
	echo "usage: $0 <bare-repo> <socket> [folio-binary]" >&2
	exit 2
}
[ $# -ge 2 ] && [ $# -le 3 ] || usage
repo=$1
socket=$2
here=$(cd "$(dirname "$0")/.." && pwd)
folio=${3:-$(command -v folio || true)}
[ -n "$folio" ] || { echo "$0: no folio binary given and none on PATH" >&2; exit 2; }
[ -x "$folio" ] || { echo "$0: '$folio' is not executable" >&2; exit 2; }
case $folio in /*) ;; *) folio=$(cd "$(dirname "$folio")" && pwd)/$(basename "$folio") ;; esac
case $socket in /*) ;; *) socket=$(pwd)/$socket ;; esac
case $folio in *'|'*) echo "$0: cannot install a path holding '|'" >&2; exit 2 ;; esac

git -C "$repo" config folio.socket "$socket"
hooks_dir=$(git -C "$repo" rev-parse --git-path hooks)
case $hooks_dir in /*) ;; *) hooks_dir=$repo/$hooks_dir ;; esac
mkdir -p "$hooks_dir"
sed "s|@FOLIO@|$folio|" "$here/hooks/post-receive-notify" >"$hooks_dir/folio-notify.tmp"
chmod 755 "$hooks_dir/folio-notify.tmp"
mv "$hooks_dir/folio-notify.tmp" "$hooks_dir/folio-notify"
echo "installed $hooks_dir/folio-notify"

hook=$hooks_dir/post-receive
call='"$(dirname "$0")/folio-notify" </dev/null || true'
if [ ! -e "$hook" ]; then
	printf '#!/bin/sh\n# folio: wake the daemon (see folio-notify)\ncat >/dev/null\n%s\nexit 0\n' "$call" >"$hook.tmp"
	chmod 755 "$hook.tmp"
	mv "$hook.tmp" "$hook"
	echo "installed $hook"
elif ! grep -q 'folio-notify' "$hook"; then
	# keep the hook's own work; wake the daemon last, before its final exit
	if [ "$(tail -n 1 "$hook")" = "exit 0" ]; then
		sed '$d' "$hook" >"$hook.tmp"
	else
		cp "$hook" "$hook.tmp"
	fi
	printf '%s\nexit 0\n' "$call" >>"$hook.tmp"
	chmod 755 "$hook.tmp"
	mv "$hook.tmp" "$hook"
	echo "updated $hook"
fi

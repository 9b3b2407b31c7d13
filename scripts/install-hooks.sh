#!/bin/sh
# Install folio's Git hooks into a repository: pre-receive and post-receive
# for a bare repository (the server), pre-commit for a repository with a
# worktree. The folio binary's path is written into each hook, so the hooks
# work without folio on PATH; $FOLIO still overrides it at run time.
# In a repository with a worktree (a reviewer's or author's clone) it also
# sets up the verdict notes: each fetch from origin brings refs/notes/folio
# (the server's, replacing the local copy) and git log shows them.
#
#   scripts/install-hooks.sh <repo> [folio-binary]
set -eu

usage() {
	echo "usage: $0 <repo> [folio-binary]" >&2
	exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
repo=$1
here=$(cd "$(dirname "$0")/.." && pwd)
folio=${2:-$(command -v folio || true)}
[ -n "$folio" ] || { echo "$0: no folio binary given and none on PATH" >&2; exit 2; }
[ -x "$folio" ] || { echo "$0: '$folio' is not executable" >&2; exit 2; }
case $folio in /*) ;; *) folio=$(cd "$(dirname "$folio")" && pwd)/$(basename "$folio") ;; esac

hooks_dir=$(git -C "$repo" rev-parse --git-path hooks)
case $hooks_dir in /*) ;; *) hooks_dir=$repo/$hooks_dir ;; esac
if [ "$(git -C "$repo" rev-parse --is-bare-repository)" = true ]; then
	names="pre-receive post-receive"
else
	names="pre-commit"
fi
mkdir -p "$hooks_dir"
for name in $names; do
	# "|" as sed delimiter: a path may hold "/" but not a newline or "|"
	case $folio in *'|'*) echo "$0: cannot install a path holding '|'" >&2; exit 2 ;; esac
	sed "s|@FOLIO@|$folio|" "$here/hooks/$name" >"$hooks_dir/$name.tmp"
	chmod 755 "$hooks_dir/$name.tmp"
	mv "$hooks_dir/$name.tmp" "$hooks_dir/$name"
	echo "installed $hooks_dir/$name"
done
# A clone: fetch the server's verdicts (refs/notes/folio) with every fetch
# from origin, and show them in git log / git show without --notes.
if [ "$names" = pre-commit ]; then
	notes=refs/notes/folio
	if git -C "$repo" remote get-url origin >/dev/null 2>&1; then
		# once only: a second run must not add the refspec again
		git -C "$repo" config --get-all remote.origin.fetch | grep -qxF "+$notes:$notes" ||
			git -C "$repo" config --add remote.origin.fetch "+$notes:$notes"
		echo "set up fetching $notes from origin (git fetch origin brings the verdicts)"
	else
		echo "no remote 'origin': add it, then run $0 again to fetch $notes"
	fi
	git -C "$repo" config --get-all notes.displayRef | grep -qxF "$notes" ||
		git -C "$repo" config --add notes.displayRef "$notes"
fi

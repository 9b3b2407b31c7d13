#!/bin/sh
# Set up a server for one folio site: a bare repository made from a content
# directory (such as content/), folio's hooks in it, a server config, a
# webhook secret, and a systemd unit running `folio watch`; then say how to
# start it. Run as root on the server. With --root DIR everything is written
# under DIR instead of / and no user is created and nothing is started (to
# try it out, or to test it).
#
#   scripts/setup-server.sh [--root DIR] [--user NAME] [--folio PATH] [--port N] [--branch NAME] SITE CONTENT_DIR
#
# --branch (default main) is the published branch: written as FOLIO_BRANCH in
# the config (the daemon) and as git config folio.branch in the repository
# (the pre-receive hook). The pushed folio.yaml's `branch` is never read.
set -eu

usage() {
	echo "usage: $0 [--root DIR] [--user NAME] [--folio PATH] [--port N] [--branch NAME] SITE CONTENT_DIR" >&2
	exit 2
}
die() {
	echo "$0: $*" >&2
	exit 2
}

root= user=folio folio= port=8081 branch=main
while [ $# -gt 0 ]; do
	case $1 in
	--root) [ $# -ge 2 ] || usage; root=$2; shift 2 ;;
	--user) [ $# -ge 2 ] || usage; user=$2; shift 2 ;;
	--folio) [ $# -ge 2 ] || usage; folio=$2; shift 2 ;;
	--port) [ $# -ge 2 ] || usage; port=$2; shift 2 ;;
	--branch) [ $# -ge 2 ] || usage; branch=$2; shift 2 ;;
	-h | --help) sed -n '2,13p' "$0"; exit 0 ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -eq 2 ] || usage
site=$1
content=$2
here=$(cd "$(dirname "$0")" && pwd)
case $site in *[!a-zA-Z0-9_-]* | '') die "site name '$site' may hold only letters, digits, '-' and '_'" ;; esac
case $port in *[!0-9]* | '') die "port '$port' is not a number" ;; esac
git check-ref-format --branch "$branch" >/dev/null 2>&1 || die "'$branch' is not a branch name"
case $branch in *'|'*) die "'$branch' is not a branch name" ;; esac
[ -f "$content/folio.yaml" ] || die "'$content' holds no folio.yaml: not a site"
folio=${folio:-$(command -v folio || true)}
[ -n "$folio" ] && [ -x "$folio" ] || die "no folio binary: give --folio PATH or put folio on PATH"
case $folio in /*) ;; *) folio=$(cd "$(dirname "$folio")" && pwd)/$(basename "$folio") ;; esac
# The unit's sandbox hides these (ProtectHome=, PrivateTmp=): a binary left in
# a build folder there would not start. Install it (cmake --install, the .deb).
# (Under --root, a try-out, it is only a warning.)
case $folio in /home/* | /root/* | /run/user/* | /tmp/* | /var/tmp/*)
	hidden="'$folio' is hidden from the service by ProtectHome=/PrivateTmp=; install folio (cmake --install build, or the .deb) and run this again"
	if [ -n "$root" ]; then echo "$0: warning: $hidden" >&2; else die "$hidden"; fi ;;
esac
if [ -n "$root" ]; then
	mkdir -p "$root"
	root=$(cd "$root" && pwd)
elif [ "$(id -u)" != 0 ]; then
	die "run as root, or give --root DIR to write everything under DIR"
fi

repo=/srv/folio/$site.git
# The site goes in a folder of its own site's directory: a full publish
# writes a new tree beside the output and renames it in place, so the unit
# lets the daemon write that directory (ReadWritePaths=), not the output only.
outdir=/var/www/folio/$site
out=$outdir/public
state=/var/lib/folio/$site
config=/etc/folio/$site.conf
secret=/etc/folio/$site.webhook-secret
partners=/etc/folio/$site.partner-secrets
unit=/etc/systemd/system/folio-$site.service
socket=/run/folio-$site/folio.sock
[ ! -e "$root$repo" ] || die "'$root$repo' exists already; remove it or choose another site name"

# The user the daemon runs as, who also receives pushes over SSH.
if [ -z "$root" ] && ! id -u "$user" >/dev/null 2>&1; then
	shell=$(command -v git-shell || echo /usr/sbin/nologin)
	useradd --system --create-home --home-dir "/var/lib/folio" --shell "$shell" "$user"
	echo "created user $user"
fi

# The bare repository, holding the content directory in one commit.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$content" && tar --exclude=.git -cf - .) | (mkdir "$tmp/site" && cd "$tmp/site" && tar -xf -)
git -C "$tmp/site" init -q -b "$branch"
git -C "$tmp/site" add -A
git -C "$tmp/site" -c user.name=folio -c user.email=folio@localhost commit -qm "Import the site"
mkdir -p "$(dirname "$root$repo")"
git clone -q --bare "$tmp/site" "$root$repo"
git -C "$root$repo" remote remove origin # the temporary import, gone in a moment
# git itself refuses malformed objects (a tree entry "..", ".git", a name used
# twice) on push and, should the repository become a mirror, on fetch;
# folio check refuses them too, independently (docs/security.md).
git -C "$root$repo" config receive.fsckObjects true
git -C "$root$repo" config transfer.fsckObjects true
git -C "$root$repo" config fetch.fsckObjects true
echo "created $root$repo"
"$here/install-daemon-hooks.sh" "$root$repo" "$root$socket" "$folio"
# pre-receive judges a body-only push from the daemon's state (folio check --state)
git -C "$root$repo" config folio.state "$root$state"
# the published branch is the server's decision, the config's FOLIO_BRANCH:
# pre-receive reads it here, never from the pushed folio.yaml
git -C "$root$repo" config folio.branch "$branch"
# pre-receive applies the budgets (FOLIO_LIMIT_*) of the daemon's config
git -C "$root$repo" config folio.config "$root$config"

# Config, secret and unit.
mkdir -p "$root/etc/folio" "$(dirname "$root$unit")" "$root$out" "$root$state"
[ -z "$root" ] || mkdir -p "$(dirname "$root$socket")" # systemd makes it on a real server
sed -e "s|^FOLIO_REPO=.*|FOLIO_REPO=$root$repo|" -e "s|^FOLIO_OUT=.*|FOLIO_OUT=$root$out|" \
	-e "s|^FOLIO_STATE=.*|FOLIO_STATE=$root$state|" -e "s|^FOLIO_LISTEN=.*|FOLIO_LISTEN=127.0.0.1:$port|" \
	-e "s|^FOLIO_SOCKET=.*|FOLIO_SOCKET=$root$socket|" \
	-e "s|^FOLIO_WEBHOOK_SECRET_FILE=.*|FOLIO_WEBHOOK_SECRET_FILE=$root$secret|" \
	-e "s|^FOLIO_PARTNER_SECRETS=.*|FOLIO_PARTNER_SECRETS=$root$partners|" \
	-e "s|^FOLIO_BRANCH=.*|FOLIO_BRANCH=$branch|" \
	"$here/server-config.example" >"$root$config"
echo "wrote $root$config"
(umask 077 && openssl rand -hex 32 >"$root$secret")
echo "wrote $root$secret (the webhook secret to give the forge)"
(umask 077 && printf '# partner-name=whsec_... (docs/deliveries.md)\n' >"$root$partners")
echo "wrote $root$partners (add each partner's secret there)"
sed -e "s|@SITE@|$site|g" -e "s|@USER@|$user|g" -e "s|@FOLIO@|$folio|g" -e "s|@CONFIG@|$root$config|g" \
	-e "s|@OUTDIR@|$root$outdir|g" -e "s|@STATE@|$root$state|g" -e "s|@REPO@|$root$repo|g" \
	"$here/folio.service" >"$root$unit"
echo "wrote $root$unit"
if [ -z "$root" ]; then
	chown -R "$user:$user" "$repo" "$outdir" "$state" "$secret" "$partners"
fi

cat <<MSG

Next steps:
  systemctl daemon-reload && systemctl enable --now folio-$site
  journalctl -u folio-$site -f                  # one line per event
  curl -s http://127.0.0.1:$port/status         # published commit, last verdicts
  git clone $user@\$(hostname):$root$repo            # then edit, commit, git push
Pushing over SSH as $user: add the authors' keys to ~$user/.ssh/authorized_keys.
Webhooks from a forge: POST http://127.0.0.1:$port/webhook (through a TLS proxy),
secret in $root$secret; systemctl reload folio-$site re-reads it and
$root$config (the secret, FOLIO_POLL and FOLIO_JOBS change at once).
MSG

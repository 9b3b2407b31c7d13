#!/bin/bash
# The main job on the sample site, with the daemon: install what is missing,
# build folio, put content/ in a local bare Git repository with the hooks,
# start `folio watch` on it, clone it, push a change to one page, show the
# published page changed and how long it took, then leave the daemon running
# in the foreground (Ctrl-C stops it) for more pushes. Everything it makes
# lives under demo/watch/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
folio=$root/build/src/folio

demo=$root/demo/watch
rm -rf "$demo"
mkdir -p "$demo"
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-Folio Demo}" GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-demo@folio.example}"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
step() { printf '\n== %s\n' "$*"; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

step "a bare repository made from content/, with folio's hooks"
mkdir "$demo/import"
cp -r content/. "$demo/import/"
git -C "$demo/import" init -q -b main
git -C "$demo/import" add -A
git -C "$demo/import" commit -qm "Import the site"
git clone -q --bare "$demo/import" "$demo/site.git"
rm -rf "$demo/import"
./scripts/install-daemon-hooks.sh "$demo/site.git" "$demo/folio.sock" "$folio"

step "folio watch: the daemon (its log follows)"
port=$(( 20000 + RANDOM % 20000 ))
"$folio" watch --repo "$demo/site.git" --out "$demo/public" --state "$demo/state" \
	--listen "127.0.0.1:$port" --socket "$demo/folio.sock" --no-deliver 2> >(tee "$demo/daemon.log" >&2) &
daemon=$!
trap 'kill $daemon 2>/dev/null || true' EXIT
published() { curl -sf --max-time 2 "http://127.0.0.1:$port/status" | grep -qF "\"published_commit\":\"$1\""; }
wait_published() {
	for _ in $(seq 1200); do
		published "$1" && return 0
		kill -0 "$daemon" 2>/dev/null || { echo "demo: the daemon stopped" >&2; exit 1; }
		sleep 0.05
	done
	echo "demo: $1 was not published within a minute" >&2
	exit 1
}
wait_published "$(git -C "$demo/site.git" rev-parse main)"
page=$demo/public/pages/presentation/index.html

step "an author clones, changes one page, pushes"
git clone -q "$demo/site.git" "$demo/clone"
sed -i 's/^L.ISCRA, Institut Social/Mise à jour du jour : l’ISCRA accueille deux nouveaux chercheurs. &/' \
	"$demo/clone/pages/presentation.md"
git -C "$demo/clone" commit -qam "Présentation : annoncer les nouveaux chercheurs"
new=$(git -C "$demo/clone" rev-parse HEAD)
t0=$(date +%s%N)
git -C "$demo/clone" push -q origin main
t1=$(date +%s%N)
wait_published "$new"

step "the published page changed"
grep -o "<p>Mise à jour du jour[^<]*" "$page" | head -1
# the daemon's own time stamp of the publish, from its log
tp=$(date -d "$(grep "published ${new:0:12}" "$demo/daemon.log" | cut -d' ' -f1)" +%s%N)
echo "git push took $(ms "$t0" "$t1") ms, its hooks validating the commit; the daemon published the"
echo "change $(ms "$t0" "$tp") ms after git push started, $(ms "$t1" "$tp") ms after it returned"
echo "(negative: before; the daemon sees the ref change before the post-receive hook ends)"
curl -s "http://127.0.0.1:$port/status"

step "the daemon keeps running; Ctrl-C stops it"
cat <<MSG
Push more from another terminal:
  cd $demo/clone && \$EDITOR pages/presentation.md && git commit -am "..." && git push
The site:   $demo/public/   (open $page)
Status:     curl -s http://127.0.0.1:$port/status
Health:     curl -s http://127.0.0.1:$port/healthz
An invalid commit (e.g. a broken front matter) is refused by the pre-receive hook.
MSG
trap - EXIT
wait "$daemon"

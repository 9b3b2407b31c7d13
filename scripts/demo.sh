#!/bin/bash
# The main job on the sample site, from a fresh clone: install what is
# missing, build folio, put content/ in a local bare Git repository with the
# hooks, start the daemon (`folio watch`) on it with a partner receiver, then
# push a change to one page and show it published, and push a wrong ISBN and
# show it refused. The daemon then stays in the foreground (Ctrl-C stops it)
# for more pushes; FOLIO_DEMO_NO_WAIT=1 stops it instead (for tests).
# Everything it makes lives under demo/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
folio=$root/build/src/folio

demo=$root/demo
rm -rf "$demo"
mkdir -p "$demo"
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-Folio Demo}" GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-demo@folio.example}"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
step() { printf '\n== %s\n' "$*"; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

step "a partner's receiver on 127.0.0.1, sharing a secret with the server"
rport=$(( 20000 + RANDOM % 10000 ))
secret="whsec_$(head -c 24 /dev/urandom | base64)"
( umask 077; echo "alliss=$secret" > "$demo/secrets"; echo "$secret" > "$demo/partner-secret" )
"$folio" receive --listen "127.0.0.1:$rport" --secret-file "$demo/partner-secret" \
	--dir "$demo/partner" 2>"$demo/receive.log" &
pids+=($!)
echo "folio receive on 127.0.0.1:$rport writes what it gets into $demo/partner/"

step "a bare repository made from content/, with folio's hooks"
mkdir "$demo/import"
cp -r content/. "$demo/import/"
# the demo's partner "alliss" is the local receiver
sed -i "s|url: https://alliss.example/folio|url: http://127.0.0.1:$rport/|" "$demo/import/folio.yaml"
git -C "$demo/import" init -q -b main
git -C "$demo/import" add -A
git -C "$demo/import" commit -qm "Import the site"
git clone -q --bare "$demo/import" "$demo/site.git"
rm -rf "$demo/import"
./scripts/install-daemon-hooks.sh "$demo/site.git" "$demo/folio.sock" "$folio"

step "folio watch: the daemon (its log follows)"
port=$(( 30000 + RANDOM % 10000 ))
# the server's allow-list must name the loopback receiver: by default only
# https to public addresses is delivered to (docs/security.md)
FOLIO_PARTNER_ALLOW="https://* http://127.0.0.1:$rport" "$folio" watch --repo "$demo/site.git" --out "$demo/public" --state "$demo/state" \
	--listen "127.0.0.1:$port" --socket "$demo/folio.sock" --secrets "$demo/secrets" \
	2> >(tee "$demo/daemon.log" >&2) &
daemon=$!
pids+=($daemon)
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
t2=$(date +%s%N)

step "the published page changed"
grep -o "<p>Mise à jour du jour[^<]*" "$page" | head -1
echo "git push took $(ms "$t0" "$t1") ms (its pre-receive hook validated the commit);"
echo "the status page showed the new commit published $(ms "$t1" "$t2") ms after the push returned"

step "a push with a wrong ISBN check digit is refused by the pre-receive hook"
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' "$demo/clone/books/la-cooperation-dans-l-action-publique.md"
git -C "$demo/clone" commit -qam "Une faute de frappe dans l'ISBN"
git -C "$demo/clone" push origin main 2>&1 | grep -E "remote: (books|folio)|rejected" || true
git -C "$demo/clone" reset -q --hard origin/main

step "a branch pushed for review gets a preview"
git -C "$demo/clone" checkout -q -b relecture
sed -i 's/Mise à jour du jour/Proposition de mise à jour/' "$demo/clone/pages/presentation.md"
git -C "$demo/clone" commit -qam "Proposition : une autre annonce"
git -C "$demo/clone" push origin relecture 2>&1 | grep -E "remote: (preview|folio)" || true
for _ in $(seq 100); do
	curl -fs "http://127.0.0.1:$port/previews/relecture/pages/presentation/" 2>/dev/null |
		grep -q "Proposition de mise à jour" && break
	sleep 0.1
done
curl -fs "http://127.0.0.1:$port/previews/relecture/pages/presentation/" 2>/dev/null |
	grep -o "<p>Proposition de mise à jour[^<]*" | head -1 || echo "(no preview yet: see the daemon's log)"
git -C "$demo/clone" checkout -q main

step "the partner received the collections it subscribes to"
for _ in $(seq 100); do [ -s "$demo/partner/last.json" ] && break; sleep 0.1; done
ls "$demo/partner" 2>/dev/null || echo "(nothing yet: see $demo/daemon.log)"
FOLIO_PARTNER_ALLOW="https://* http://127.0.0.1:$rport" "$folio" deliveries --state "$demo/state" list 2>/dev/null | head -4 || true

step "the daemon keeps running"
cat <<MSG
Push more from another terminal:
  cd $demo/clone && \$EDITOR pages/presentation.md && git commit -am "..." && git push
The site:   $demo/public/   (open $page)
Status:     http://127.0.0.1:$port/ in a browser, or curl -s http://127.0.0.1:$port/status
Previews:   http://127.0.0.1:$port/previews/relecture/ (every other branch gets one)
Verdicts:   git -C $demo/site.git log --notes=folio -3
MSG
if [ -n "${FOLIO_DEMO_NO_WAIT:-}" ]; then
	exit 0
fi
echo "Ctrl-C stops the daemon."
wait "$daemon"

#!/bin/bash
# The main job on the sample site, from a fresh clone: install what is
# missing, build folio, put content/ in a local bare Git repository with the
# hooks, publish it, then push a change to one page and publish that
# incrementally, delivering the partner feeds to a local `folio receive`.
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

# A partner receiver on loopback, with a secret only the server and it know.
port=$(( 20000 + RANDOM % 20000 ))
secret="whsec_$(head -c 24 /dev/urandom | base64)"
( umask 077; echo "alliss=$secret" > "$demo/secrets"; echo "$secret" > "$demo/partner-secret" )
"$folio" receive --listen "127.0.0.1:$port" --secret-file "$demo/partner-secret" \
	--dir "$demo/partner" 2>"$demo/receive.log" &
receiver=$!
trap 'kill $receiver 2>/dev/null || true' EXIT

step "a bare repository holding the sample site, with folio's hooks"
git init -q --bare -b main "$demo/site.git"
./scripts/install-hooks.sh "$demo/site.git" "$folio" >/dev/null
git init -q -b main "$demo/work"
cp -r content/. "$demo/work/"
# the demo's partner is the local receiver
sed -i "s|url: https://alliss.example/folio|url: http://127.0.0.1:$port/|" "$demo/work/folio.yaml"
git -C "$demo/work" add -A
git -C "$demo/work" commit -qm "Import the sample site"
git -C "$demo/work" push -q "$demo/site.git" main

step "first publish (full build)"
"$folio" build --repo "$demo/site.git" --rev main --out "$demo/public" --state "$demo/state" \
	--deliver --secrets-file "$demo/secrets" 2>>"$demo/deliver.log"

step "an author fixes one page and pushes"
sed -i 's/^Créé en 1996/Fondé en 1996/' "$demo/work/pages/presentation.md" || true
echo "Une phrase ajoutée par la démonstration." >> "$demo/work/pages/presentation.md"
git -C "$demo/work" commit -qam "Présentation : une phrase de plus"
git -C "$demo/work" push -q "$demo/site.git" main
start=$(date +%s%N)
"$folio" build --repo "$demo/site.git" --rev main --out "$demo/public" --state "$demo/state" \
	--deliver --secrets-file "$demo/secrets" --explain 2>>"$demo/deliver.log"
echo "published $(( ($(date +%s%N) - start) / 1000000 )) ms after the push returned"
grep -q "ajoutée par la démonstration" "$demo/public/pages/presentation/index.html" \
	&& echo "the page shows the change: $demo/public/pages/presentation/index.html"

step "a push with a broken ISBN is refused by the pre-receive hook"
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' "$demo/work/books/la-cooperation-dans-l-action-publique.md"
git -C "$demo/work" commit -qam "Une faute de frappe dans l'ISBN"
git -C "$demo/work" push "$demo/site.git" main 2>&1 | grep -E "remote:|rejected" | head -5 || true
git -C "$demo/work" reset -q --hard HEAD~1

step "the partner received the feeds it subscribes to"
"$folio" deliveries --state "$demo/state" list 2>/dev/null | head -8
ls -l "$demo/partner" 2>/dev/null || true

echo
echo "The site is in $demo/public/ (open $demo/public/index.html)."
echo "Push more: edit $demo/work, commit, 'git -C $demo/work push $demo/site.git main', then"
echo "  $folio build --repo $demo/site.git --out $demo/public --state $demo/state --explain"

#!/bin/bash
# The main job on the sample site, from a fresh clone: install what is
# missing, build folio, put content/ in a local bare Git repository, and
# publish it. Everything it makes lives under demo/ (git-ignored).
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

# A bare repository holding the sample site, as a server would have it.
git init -q --bare -b main "$demo/site.git"
git init -q -b main "$demo/import"
cp -r content/. "$demo/import/"
git -C "$demo/import" add -A
git -C "$demo/import" commit -qm "Import the sample site"
git -C "$demo/import" push -q "$demo/site.git" main
rm -rf "$demo/import"

"$folio" build --repo "$demo/site.git" --rev main --out "$demo/public"
echo
echo "The site is in $demo/public/ (open $demo/public/index.html in a browser)."
echo "Pages: $(find "$demo/public" -name index.html | wc -l) HTML files."

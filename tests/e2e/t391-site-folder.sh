#!/bin/bash
# A site kept in a folder of its repository (a project's website/, GitHub
# Pages' docs/, Jekyll's source:): the top's folio.yaml holds only
# site_folder:, and build, check, the pre-receive hook, folio watch and
# init read the site from that folder; a commit outside it changes nothing;
# findings name files from the repository's top; a folder that is not one
# of the commit (missing, '..', a symbolic link) is an error naming
# folio.yaml and its line.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
repo=$TEST_DIR/project
mkdir -p "$repo/src"
cp -r "$FOLIO_SOURCE_DIR/content" "$repo/website"
echo 'int main(void) { return 0; }' >"$repo/src/main.c"
# the project's own README links to a file the site does not have: not the site's business
echo '# A project: see [the notes](NOTES.md).' >"$repo/README.md"
printf '# The site is in website/.\nsite_folder: website\n' >"$repo/folio.yaml"
# one date for this commit and the folder's own below (the footer's year)
export GIT_COMMITTER_DATE="2026-03-01T12:00:00Z" GIT_AUTHOR_DATE="2026-03-01T12:00:00Z"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm "project and its site"
repo_of "$repo/website" "$TEST_DIR/alone-repo"
unset GIT_COMMITTER_DATE GIT_AUTHOR_DATE

# build: the site's pages at the root of the output, nothing of the project
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/out" >"$TEST_DIR/b.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/b.txt")"
[ -f "$TEST_DIR/out/pages/presentation/index.html" ] || fail "the site's page is not at its address"
[ ! -e "$TEST_DIR/out/src" ] && [ ! -e "$TEST_DIR/out/website" ] && [ ! -e "$TEST_DIR/out/README.md" ] ||
	fail "the project's files were published: $(ls "$TEST_DIR/out")"
# the same bytes as the folder committed on its own
"$FOLIO" build --repo "$TEST_DIR/alone-repo" --out "$TEST_DIR/alone" >/dev/null 2>&1 || fail "the folder alone"
diff -r -x .folio-output "$TEST_DIR/alone" "$TEST_DIR/out" || fail "the site in a folder differs from the folder built alone"

# publishing with a state: a commit of the project's code changes nothing
pub=$TEST_DIR/pub st=$TEST_DIR/st
publish "$repo" "$pub" "$st" "first"
echo '/* more */' >>"$repo/src/main.c"
git -C "$repo" commit -qam "code only"
"$FOLIO" build --repo "$repo" --out "$pub" --state "$st" >"$TEST_DIR/p.txt" 2>&1 || fail "code commit: $(cat "$TEST_DIR/p.txt")"
assert_contains "$TEST_DIR/p.txt" "0 pages rendered, 0 files written"
# a page edited in the folder is published, as a full build would
sed -i 's/^title: .*/title: "Présentation, revue"/' "$repo/website/pages/presentation.md"
git -C "$repo" commit -qam "retitle"
publish "$repo" "$pub" "$st" "retitle"
assert_contains "$pub/pages/presentation/index.html" "Présentation, revue"
same_as_full "$repo" "$pub" "retitle"

# a finding names the file from the repository's top, in check and build
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' "$repo/website/books/la-cooperation-dans-l-action-publique.md"
git -C "$repo" commit -qam "bad ISBN"
"$FOLIO" check --repo "$repo" HEAD >"$TEST_DIR/c.txt" 2>&1 && fail "a bad ISBN passed check"
assert_contains "$TEST_DIR/c.txt" "website/books/la-cooperation-dans-l-action-publique.md:8:7: error: ISBN check digit is 2, expected 1 [isbn/check-digit]"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/bad" >"$TEST_DIR/c2.txt" 2>&1 && fail "a bad ISBN was built"
assert_contains "$TEST_DIR/c2.txt" "website/books/la-cooperation-dans-l-action-publique.md:8:7: error"
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/c3.txt" 2>&1 && fail "a bad ISBN passed check --worktree"
assert_contains "$TEST_DIR/c3.txt" "website/books/la-cooperation-dans-l-action-publique.md:8:7: error"
git -C "$repo" reset -q --hard HEAD~1

# pointers that cannot be followed: each a config/syntax error at folio.yaml:line
bad_pointer() { # TEXT MESSAGE
	printf '%b' "$1" >"$repo/folio.yaml"
	"$FOLIO" check --worktree "$repo" >"$TEST_DIR/e.txt" 2>&1 && fail "pointer '$1' accepted"
	assert_contains "$TEST_DIR/e.txt" "$2"
}
bad_pointer 'site_folder: ../elsewhere\n' "folio.yaml:1: error: site_folder: the site's folder '../elsewhere' is not a plain path"
bad_pointer '# where\nsite_folder: web\n' "folio.yaml:2: error: site_folder: no folder 'web'"
bad_pointer 'site_folder: src/main.c\n' "folio.yaml:1: error: site_folder: no folder 'src/main.c'"
bad_pointer 'site_folder: website\ntitle: Projet\n' "folio.yaml:2: error: this folio.yaml names the site's folder (site_folder:) and holds nothing else: \"title\" goes in the folder's own folio.yaml"
bad_pointer 'site_folder: [website]\n' "folio.yaml:1: error: site_folder: must name a folder of the repository"
bad_pointer 'site_folder: /website\n' "folio.yaml:1: error: site_folder: '/website' is a folder of the repository, named from its top without a leading '/'"
# "website/" and "./website" name the folder, as people write it
for w in 'website/' './website' './website//'; do
	printf 'site_folder: %s\n' "$w" >"$repo/folio.yaml"
	"$FOLIO" check --worktree "$repo" >"$TEST_DIR/w.txt" 2>&1 || fail "site_folder: $w refused: $(cat "$TEST_DIR/w.txt")"
done
# a symbolic link to the folder is no way out of the tree (never followed)
ln -s website "$repo/site"
bad_pointer 'site_folder: site\n' "folio.yaml:1: error: site_folder: 'site' is a symbolic link, which folio never follows, not a folder"
git -C "$repo" add -A && git -C "$repo" commit -qm "through a link"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/link" >"$TEST_DIR/l.txt" 2>&1 && fail "a link was followed"
assert_contains "$TEST_DIR/l.txt" "folio.yaml:1: error: site_folder: 'site' is a symbolic link, which folio never follows, not a folder, in commit"
git -C "$repo" reset -q --hard HEAD~1
rm -f "$repo/site"
# the site's own folio.yaml may not name a folder again
git -C "$repo" checkout -q folio.yaml
echo 'site_folder: pages' >>"$repo/website/folio.yaml"
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/n.txt" 2>&1 && fail "a second site_folder: passed"
assert_contains "$TEST_DIR/n.txt" "website/folio.yaml:"
assert_contains "$TEST_DIR/n.txt" "\"site_folder\" names the site's folder from the repository's top; this folio.yaml is a site's own"
git -C "$repo" checkout -q website/folio.yaml

# moving the site into a folder, published with a state: a full build's bytes
flat=$TEST_DIR/flat
make_repo "$flat"
fpub=$TEST_DIR/fpub fst=$TEST_DIR/fst
publish "$flat" "$fpub" "$fst" "flat"
mkdir "$flat/docs"
git -C "$flat" mv books events organizations pages people schemas static templates folio.yaml docs/
printf 'site_folder: docs\n' >"$flat/folio.yaml"
echo 'hello' >"$flat/main.py"
git -C "$flat" add -A && git -C "$flat" commit -qm "the site moves to docs/"
publish "$flat" "$fpub" "$fst" "moved"
same_as_full "$flat" "$fpub" "moved"

# the server's pre-receive hook reads the folder too, and names the file so
server=$TEST_DIR/server.git
git init -q --bare "$server"
env -u FOLIO PATH=/usr/bin:/bin sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
git -C "$repo" remote add origin "$server"
git -C "$repo" push -q origin main 2>"$TEST_DIR/push1" || fail "the good push was refused: $(cat "$TEST_DIR/push1")"
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' "$repo/website/books/la-cooperation-dans-l-action-publique.md"
git -C "$repo" commit -qam "bad ISBN"
git -C "$repo" push origin main >"$TEST_DIR/push2" 2>&1 && fail "the bad push was accepted"
assert_contains "$TEST_DIR/push2" "remote: website/books/la-cooperation-dans-l-action-publique.md:8:7: error: ISBN check digit is 2, expected 1"
git -C "$repo" reset -q --hard HEAD~1

# folio watch publishes the folder of what is pushed
BARE=$TEST_DIR/watched.git LOG=$TEST_DIR/daemon.log OUT=$TEST_DIR/live
git clone -q --bare "$repo" "$BARE"
"$FOLIO" watch --repo "$BARE" --out "$OUT" --state "$TEST_DIR/wstate" --branch main \
	--listen "127.0.0.1:$PORT" --poll 1 2>>"$LOG" &
DAEMON_PID=$!
wait_until 30 published_is "$(git -C "$BARE" rev-parse main)" || fail "not published: $(cat "$LOG")"
assert_contains "$OUT/pages/presentation/index.html" "Présentation, revue"
git -C "$repo" remote add watched "$BARE"
sed -i 's/^title: .*/title: "Présentation, en ligne"/' "$repo/website/pages/presentation.md"
git -C "$repo" commit -qam "retitle again"
git -C "$repo" push -q watched main
wait_until 30 published_is "$(git -C "$repo" rev-parse HEAD)" || fail "the push was not published: $(cat "$LOG")"
assert_contains "$OUT/pages/presentation/index.html" "Présentation, en ligne"

# Jekyll's source: init reads _config.yml at the top and the site below src/
jk=$TEST_DIR/jekyll
mkdir -p "$jk/src/_posts"
printf 'title: Carnet\nurl: https://carnet.example\nsource: src\n' >"$jk/_config.yml"
printf -- '---\ntitle: Bonjour\n---\nVoir [la page](/a-propos/).\n' >"$jk/src/_posts/2024-01-02-bonjour.md"
printf -- '---\ntitle: À propos\npermalink: /a-propos/\n---\nNous.\n' >"$jk/src/about.md"
"$FOLIO" init --from jekyll "$jk" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" "source: src: the site is read from src/"
assert_contains "$jk/folio.yaml" "site_folder: src"
[ -f "$jk/src/folio.yaml" ] && [ -f "$jk/src/schemas/posts.json" ] || fail "the site's settings are not in src/"
git -C "$jk" init -q && git -C "$jk" add -A && git -C "$jk" commit -qm "jekyll"
"$FOLIO" build --repo "$jk" --out "$TEST_DIR/jout" >"$TEST_DIR/j.txt" 2>&1 || fail "jekyll build: $(cat "$TEST_DIR/j.txt")"
[ -f "$TEST_DIR/jout/2024/01/02/bonjour.html" ] && [ -f "$TEST_DIR/jout/a-propos/index.html" ] ||
	fail "the posts are not at Jekyll's addresses: $(cd "$TEST_DIR/jout" && find . -name '*.html')"
[ ! -e "$TEST_DIR/jout/src" ] || fail "the site was published below /src/"

# init in a folder of a repository says what the top's folio.yaml needs
"$FOLIO" init "$repo/docs2" >"$TEST_DIR/i2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/i2.txt")"
assert_contains "$TEST_DIR/i2.txt" "is the folder docs2 of the Git repository at"
assert_contains "$TEST_DIR/i2.txt" "write \"site_folder: docs2\" alone in"
echo "ok"

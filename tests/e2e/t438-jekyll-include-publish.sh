#!/bin/bash
# A page's output depends on the files of _includes/ it includes: a
# commit that changes only an include (a Markdown snippet, the reference
# definitions, a file named .txt that folio reads for nothing else) renders
# the pages including it again, and each incremental publish (folio build
# --state, as the daemon publishes) equals a full build: an include
# edited, one added to a page body (the fast path's case) then edited,
# one deleted, one added back. Then through folio watch: an include
# edited alone and pushed, then a body edit of a page with includes, are
# published as a full build writes them, with a full check's verdicts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

s=$TEST_DIR/site
mkdir -p "$s/_posts" "$s/_includes"
printf 'title: Harbour Rowing\npermalink: pretty\n' >"$s/_config.yml"
printf -- '---\ntitle: Crews\n---\nThe crews.\n' >"$s/crews.md"
printf -- '---\ntitle: Boats\n---\nThe boats.\n' >"$s/boats.md"
printf '[crew list]: /crews/\n' >"$s/_includes/links.md"
printf 'Launch at **high tide**.\n' >"$s/_includes/tide.md"
printf 'Oars are stored flat.\n' >"$s/_includes/oars.txt"
printf -- '---\ntitle: Training\n---\nSee the [crew list].\n\n{%% include tide.md %%}\n\n{%% include oars.txt %%}\n\n{%% include links.md %%}\n' \
	>"$s/_posts/2024-06-01-training.md"
printf -- '---\ntitle: Regatta\n---\nResults soon.\n' >"$s/_posts/2024-05-01-regatta.md"
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
r=$TEST_DIR/repo
repo_of "$s" "$r"
st=$TEST_DIR/state pub=$TEST_DIR/pub
page=$pub/2024/06/01/training/index.html
publish "$r" "$pub" "$st" "first"
same_as_full "$r" "$pub" "first"
assert_contains "$page" 'Launch at <strong>high tide</strong>.'
assert_contains "$page" '<a href="/crews/">crew list</a>'

commit() {
	git -C "$r" add -A && git -C "$r" commit -qm "$1" || fail "cannot commit: $1"
}
# only includes change: the snippet, the definitions, the .txt file
printf 'Launch at **low tide**.\n' >"$r/_includes/tide.md"
printf '[crew list]: /boats/\n' >"$r/_includes/links.md"
commit "includes edited"
publish "$r" "$pub" "$st" "includes edited"
assert_contains "$page" 'Launch at <strong>low tide</strong>.'
assert_contains "$page" '<a href="/boats/">crew list</a>'
same_as_full "$r" "$pub" "includes edited"
# a file folio reads only as an include (not named as a page), alone
printf 'Oars are stored upright.\n' >"$r/_includes/oars.txt"
commit "oars.txt edited"
publish "$r" "$pub" "$st" "oars.txt edited"
assert_contains "$page" 'Oars are stored upright.'
same_as_full "$r" "$pub" "oars.txt edited"

# a body edit adding an include (a commit the fast path may take), then
# that include edited alone
printf -- '---\ntitle: Regatta\n---\nResults soon.\n\n{%% include tide.md %%}\n' >"$r/_posts/2024-05-01-regatta.md"
commit "an include added to a post"
publish "$r" "$pub" "$st" "include added to a post"
assert_contains "$pub/2024/05/01/regatta/index.html" 'low tide'
same_as_full "$r" "$pub" "include added to a post"
printf 'Launch at **slack water**.\n' >"$r/_includes/tide.md"
commit "the new include edited"
publish "$r" "$pub" "$st" "the new include edited"
assert_contains "$pub/2024/05/01/regatta/index.html" 'slack water'
same_as_full "$r" "$pub" "the new include edited"

# a body edit taking an include out, then that include edited alone
printf -- '---\ntitle: Regatta\n---\nResults, edited.\n' >"$r/_posts/2024-05-01-regatta.md"
commit "the include taken out of the post"
publish "$r" "$pub" "$st" "include taken out"
same_as_full "$r" "$pub" "include taken out"
printf 'Launch at **dawn**.\n' >"$r/_includes/tide.md"
commit "tide edited again"
publish "$r" "$pub" "$st" "tide edited again"
assert_contains "$page" 'dawn'
same_as_full "$r" "$pub" "tide edited again"

# the include deleted (nothing, and a warning), then added back
git -C "$r" rm -q _includes/tide.md
commit "tide deleted"
publish "$r" "$pub" "$st" "tide deleted"
assert_not_contains "$page" 'dawn'
assert_contains "$TEST_DIR/publish.txt" 'liquid include "tide.md" is not in _includes/'
same_as_full "$r" "$pub" "tide deleted"
printf 'Launch **whenever**.\n' >"$r/_includes/tide.md"
commit "tide back"
publish "$r" "$pub" "$st" "tide back"
assert_contains "$page" 'whenever'
same_as_full "$r" "$pub" "tide back"

watch_test # the daemon killed at exit; PORT, URL, BARE, SOCK, OUT, STATE, LOG
watch_start "$r"
cd "$TEST_DIR/clone"
printf 'Launch **at noon**.\n' >_includes/tide.md
git commit -qam "tide edited, pushed"
C=$(git rev-parse HEAD)
git push -q origin main 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
wait_until 60 published_is "$C" || fail "watch: not published: $(status) $(cat "$LOG")"
assert_contains "$OUT/2024/06/01/training/index.html" 'at noon'
same_as_full "$TEST_DIR/clone" "$OUT" "watch"
wait_until 60 has_note "$C" || fail "watch: no note on the commit"
# then a body edit of a page with includes, one of them refused (a
# warning): judged and published as a full check and build do
printf -- '---\ntitle: Training\n---\nSee the [crew list], edited.\n\n{%% include tide.md %%}\n\n{%% include gone.md %%}\n\n{%% include links.md %%}\n' \
	>_posts/2024-06-01-training.md
git commit -qam "training edited, pushed"
D=$(git rev-parse HEAD)
git push -q origin main 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
wait_until 60 published_is "$D" || fail "watch: body edit not published: $(status) $(cat "$LOG")"
wait_until 60 has_note "$D" || fail "watch: no note on the body edit"
assert_contains "$OUT/2024/06/01/training/index.html" 'at noon'
same_as_full "$TEST_DIR/clone" "$OUT" "watch, body edit"
full_check_notes "$FIRST..$D"
note_as_full_check "$C"
note_as_full_check "$D"
assert_contains "$TEST_DIR/daemon.note" 'liquid include "gone.md" is not in _includes/'
echo "ok"

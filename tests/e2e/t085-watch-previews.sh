#!/bin/bash
# Branch previews: a branch pushed to the bare repository (real hooks) is
# built by the daemon into its own preview, seeded from the published site,
# with its links under /previews/<name>/, served by the daemon, noted like
# the published branch's commits, listed on /status (which still matches
# its schema); post-receive prints its URL; a second push is published
# incrementally; deleting the branch removes the preview. A branch with an
# odd name gets a safe folder, and no URL reaches outside the previews.
. "$(dirname "$0")/lib.sh"

daemon_test # DAEMON_PID killed at exit; PORT, URL
SOCK=$TEST_DIR/folio.sock
BARE=$TEST_DIR/site.git
OUT=$TEST_DIR/site/public
STATE=$TEST_DIR/state
PREVIEWS=$TEST_DIR/site/previews # the default: beside the output
LOG=$TEST_DIR/daemon.log
CLONE=$TEST_DIR/clone
SCHEMA=$FOLIO_SOURCE_DIR/docs/status.schema.json
CHECK=$FOLIO_BUILD_DIR/tests/schema_check

# field_is EXPR: the Python expression EXPR on the /status document d is true
field_is() { status | python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(not eval(sys.argv[1]))' "$1"; }
# served NAME COMMIT: /status lists preview NAME serving COMMIT
served() { field_is "any(p['name'] == '$1' and p['served_commit'] == '$2' for p in d['previews'])"; }
no_preview() { field_is "all(p['name'] != '$1' for p in d['previews'])"; }
conforms() {
	status >"$TEST_DIR/status.json" || fail "no /status"
	"$CHECK" "$SCHEMA" "$TEST_DIR/status.json" || fail "/status does not match the schema: $(cat "$TEST_DIR/status.json")"
}

make_repo "$TEST_DIR/src"
git clone -q --bare "$TEST_DIR/src" "$BARE"
"$FOLIO_SOURCE_DIR/scripts/install-daemon-hooks.sh" "$BARE" "$SOCK" "$FOLIO" >/dev/null
git clone -q "$BARE" "$CLONE"
MAIN=$(git -C "$BARE" rev-parse main)
mkdir -p "$TEST_DIR/site"
cat >"$TEST_DIR/site.conf" <<EOF
FOLIO_REPO=$BARE
FOLIO_OUT=$OUT
FOLIO_STATE=$STATE
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_SOCKET=$SOCK
FOLIO_POLL=30
EOF
"$FOLIO" watch --config "$TEST_DIR/site.conf" 2>"$LOG" &
DAEMON_PID=$!
wait_until 30 published_is "$MAIN" || fail "main not published: $(status) $(cat "$LOG")"
[ "$(git -C "$BARE" config folio.previewsUrl)" = "$URL/previews" ] ||
	fail "the daemon did not tell the hooks where previews are: $(git -C "$BARE" config -l)"
conforms

# A branch: post-receive prints its preview's URL, the daemon builds it.
BRANCH=feature/new-page
NAME=$("$FOLIO" notify --preview-of "refs/heads/$BRANCH")
case $NAME in feature-new-page-????????????????) ;; *) fail "unexpected preview name '$NAME'" ;; esac
git -C "$CLONE" checkout -q -b "$BRANCH"
sed -i 's/^L.ISCRA, Institut Social/Texte de la branche. &/' "$CLONE/pages/presentation.md"
git -C "$CLONE" commit -qam "Change the presentation on a branch"
TIP=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" push origin "$BRANCH" 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
assert_contains "$TEST_DIR/push.log" "remote: preview: $URL/previews/$NAME/"
wait_until 60 served "$NAME" "$TIP" || fail "preview not built: $(status) $(cat "$LOG")"
conforms
field_is "[p for p in d['previews'] if p['name'] == '$NAME'][0]['url'] == '$URL/previews/$NAME/'" ||
	fail "wrong preview URL: $(status)"

# Served with the branch's content, its links under the preview's path.
curl -sf --max-time 5 "$URL/previews/$NAME/pages/presentation/" >"$TEST_DIR/page.html" || fail "preview page not served"
assert_contains "$TEST_DIR/page.html" "Texte de la branche."
assert_contains "$TEST_DIR/page.html" "href=\"/previews/$NAME/\""
assert_contains "$TEST_DIR/page.html" "<link rel=\"canonical\" href=\"$URL/previews/$NAME/pages/presentation/\">"
! grep -q 'href="/[^p/]' "$TEST_DIR/page.html" || fail "a link leaves the preview: $(grep -o 'href="/[^p/][^"]*"' "$TEST_DIR/page.html" | head -3)"
assert_contains "$PREVIEWS/$NAME/pages/presentation/index.html" "Texte de la branche."
assert_not_contains "$OUT/pages/presentation/index.html" "Texte de la branche."
assert_not_contains "$OUT/pages/presentation/index.html" "/previews/"
curl -sf --max-time 5 "$URL/previews/$NAME/sitemap.xml" >"$TEST_DIR/sitemap.xml" || fail "no sitemap"
assert_contains "$TEST_DIR/sitemap.xml" "<loc>$URL/previews/$NAME/"
# a folder without its "/" is redirected, as a web server does
[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$URL/previews/$NAME")" = "301 $URL/previews/$NAME/" ] ||
	fail "no redirect to the preview's folder"
# seeded from the published site: its static files are the site's (one inode)
STATIC=$(cd "$OUT" && find static -type f | head -1)
[ -n "$STATIC" ] || fail "the sample site has no static file"
[ "$(stat -c %i "$OUT/$STATIC")" = "$(stat -c %i "$PREVIEWS/$NAME/$STATIC")" ] ||
	fail "static file $STATIC not hard-linked from the site"
grep -q "preview '$NAME' of refs/heads/$BRANCH at ${TIP:0:12}: .*seeded from the site" "$LOG" ||
	fail "first build not seeded: $(cat "$LOG")"
# the branch's commit has its verdict note, as main's do
git -C "$BARE" notes --ref=folio show "$TIP" >"$TEST_DIR/note.txt" || fail "no verdict note on the branch's commit"
assert_contains "$TEST_DIR/note.txt" "folio: 0 errors"
# no partner delivery for a preview: the site's outbox has only the site's
[ "$("$FOLIO" deliveries --state "$STATE" list 2>/dev/null | grep -c "$TIP" || true)" = 0 ] ||
	fail "a preview enqueued partner deliveries"

# A second push: only what changed is rendered, the rest keeps its links.
FIRST_PAGES=$(sed -n "s/.*preview '$NAME' .* ${TIP:0:12}: \([0-9]*\) pages rendered.*/\1/p" "$LOG")
printf '\nDeuxième texte.\n' >>"$CLONE/pages/presentation.md" # its body, not its summary
git -C "$CLONE" commit -qam "Change it again"
TIP2=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" push -q origin "$BRANCH" 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
wait_until 60 served "$NAME" "$TIP2" || fail "preview not updated: $(status) $(cat "$LOG")"
SECOND_PAGES=$(sed -n "s/.*preview '$NAME' .* ${TIP2:0:12}: \([0-9]*\) pages rendered.*/\1/p" "$LOG")
echo "first build: $FIRST_PAGES pages rendered; second: $SECOND_PAGES"
[ -n "$SECOND_PAGES" ] && [ "$SECOND_PAGES" -lt "$FIRST_PAGES" ] && [ "$SECOND_PAGES" -le 2 ] ||
	fail "second build not incremental: $FIRST_PAGES then $SECOND_PAGES pages"
# a page body changed: the fast path, as for the site, once the preview's
# own state has every output rendered for its address
grep -q "preview '$NAME' .* ${TIP2:0:12}: .*(fast path)" "$LOG" || fail "second build not on the fast path: $(grep "preview '$NAME'" "$LOG")"
assert_contains "$PREVIEWS/$NAME/pages/index.html" "href=\"/previews/$NAME/pages/presentation/\""
assert_not_contains "$PREVIEWS/$NAME/pages/index.html" "href=\"/pages/"
curl -sf --max-time 5 "$URL/previews/$NAME/pages/presentation/" >"$TEST_DIR/page2.html" || fail "preview page not served"
assert_contains "$TEST_DIR/page2.html" "Deuxième texte."

# No URL reaches outside the preview's folder, nor its hidden files.
for path in "../../state/state.sqlite" "%2e%2e/%2e%2e/state/state.sqlite" "../public/index.html" \
	".folio-output" "pages/../../$NAME/index.html"; do
	code=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$URL/previews/$NAME/$path")
	[ "$code" = 404 ] || fail "/previews/$NAME/$path answered $code"
done
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/previews/nothing-here/")
[ "$code" = 404 ] || fail "an unknown preview answered $code"

# A branch with an odd name: a safe folder inside the previews, nothing outside.
ODD="odd/\$(touch_x);é'|\"q"
ls -a "$TEST_DIR" "$TEST_DIR/site" | grep -v "^\(before\|after\).txt$" >"$TEST_DIR/before.txt"
git -C "$CLONE" checkout -q -b "$ODD" main
echo "Page de la branche étrange." >>"$CLONE/pages/presentation.md"
git -C "$CLONE" commit -qam "A branch with an odd name"
ODD_TIP=$(git -C "$CLONE" rev-parse HEAD)
git -C "$CLONE" push -q origin "$ODD" 2>"$TEST_DIR/push.log" || fail "push failed: $(cat "$TEST_DIR/push.log")"
ODD_NAME=$("$FOLIO" notify --preview-of "refs/heads/$ODD")
[[ $ODD_NAME =~ ^odd-touch_x-q-[0-9a-f]{16}$ ]] || fail "odd branch name mapped to '$ODD_NAME'"
wait_until 60 served "$ODD_NAME" "$ODD_TIP" || fail "odd branch not built: $(status) $(cat "$LOG")"
ls -a "$TEST_DIR" "$TEST_DIR/site" | grep -v "^\(before\|after\).txt$" >"$TEST_DIR/after.txt"
diff "$TEST_DIR/before.txt" "$TEST_DIR/after.txt" || fail "the odd branch made files outside the previews"
[ "$(ls "$PREVIEWS" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$NAME" "$ODD_NAME" | sort | tr '\n' ' ')" ] ||
	fail "unexpected folders in the previews: $(ls -a "$PREVIEWS")"
conforms

# Deleting the branch removes its preview: folder, state, status, URL.
git -C "$CLONE" push -q origin --delete "$BRANCH" 2>"$TEST_DIR/push.log" || fail "delete failed: $(cat "$TEST_DIR/push.log")"
wait_until 60 no_preview "$NAME" || fail "preview of a deleted branch still listed: $(status)"
[ ! -e "$PREVIEWS/$NAME" ] || fail "preview folder left behind"
[ ! -e "$STATE/previews/$NAME" ] || fail "preview state left behind"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/previews/$NAME/")
[ "$code" = 404 ] || fail "a deleted preview answered $code"
served "$ODD_NAME" "$ODD_TIP" || fail "the other preview went too: $(status)"
published_is "$MAIN" || fail "the site moved: $(status)"
echo "ok: $(grep -c "preview '" "$LOG") preview log lines"

#!/bin/bash
# folio serve without a browser (curl): a page written in a folder made
# after the start is served (new folders are watched); a draft and a
# scheduled page are shown with their banner, and folio build leaves them
# out; only what changed is rendered again; bad requests and a broken
# folio.yaml never kill it; the default address is 127.0.0.1:1313.
. "$(dirname "$0")/lib.sh"

SERVE_PID=
cleanup() {
	[ -z "$SERVE_PID" ] || kill "$SERVE_PID" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT
export TMPDIR=$TEST_DIR FOLIO_NOW=2026-06-01T00:00:00Z

SITE=$TEST_DIR/site
mkdir -p "$SITE"
cp -r "$FOLIO_SOURCE_DIR/content/." "$SITE/"
LOG=$TEST_DIR/serve.log
"$FOLIO" serve --listen 127.0.0.1:0 "$SITE" >"$LOG" 2>&1 &
SERVE_PID=$!
builds() { grep -c '^built in\|error.*: the last good pages stay' "$LOG" || true; }
built_after() { [ "$(builds)" -gt "$1" ]; }
wait_until 60 built_after 0 || fail "folio serve built nothing: $(cat "$LOG")"
URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$LOG" | head -1)
get() { curl -sS --max-time 30 "$URL$1"; }
# serves_with PATH TEXT: PATH is served (200) and holds TEXT
serves_with() { local page; page=$(get "$1" 2>/dev/null) && grep -qF -- "$2" <<<"$page"; }

# a new folder, then a page in it: watched, built, served
mkdir -p "$SITE/pages/notes"
cat >"$SITE/pages/notes/atelier.md" <<'MD'
---
title: Atelier d'écriture
---

Un atelier.
MD
wait_until 60 serves_with pages/notes/atelier/ "Atelier d" || fail "a page in a new folder is not served: $(tail -5 "$LOG")"
wait_until 60 grep -q '^built in .*: 1 pages rendered' "$LOG" || fail "the new page did not rebuild only what changed: $(tail -3 "$LOG")"

# a draft and a scheduled page: shown with a banner by serve, left out by build
cat >"$SITE/pages/brouillon.md" <<'MD'
---
title: Brouillon
draft: true
---

Pas fini.
MD
cat >"$SITE/pages/annonce.md" <<'MD'
---
title: Annonce
publish_date: 2026-12-24T10:00:00Z
---

Bientôt.
MD
wait_until 60 serves_with pages/annonce/ "Scheduled: published from 2026-12-24T10:00:00Z" ||
	fail "the scheduled page has no banner: $(get pages/annonce/ | head -c 300)"
wait_until 60 serves_with pages/brouillon/ 'id="folio-serve-banner"' || fail "the draft is not served with a banner"
serves_with pages/brouillon/ "Draft" || fail "the banner does not say draft"
! serves_with pages/notes/atelier/ 'id="folio-serve-banner"' || fail "a published page has a banner"
# a published page linking to the draft: warned of, as folio build would, though serve shows the draft
printf '\nVoir [le brouillon](/pages/brouillon/).\n' >>"$SITE/pages/notes/atelier.md"
wait_until 60 serves_with pages/notes/atelier/ "[link/unpublished]" ||
	fail "no link/unpublished warning for a link to a draft: $(tail -3 "$LOG")"
grep -q '^pages/notes/atelier.md:[0-9]*:[0-9]*: warning: link to "/pages/brouillon/" points to a draft' "$LOG" ||
	fail "the terminal lacks the warning: $(tail -3 "$LOG")"
"$FOLIO" build --worktree "$SITE" --out "$TEST_DIR/public" >/dev/null 2>&1 || fail "folio build failed"
[ ! -e "$TEST_DIR/public/pages/brouillon" ] && [ ! -e "$TEST_DIR/public/pages/annonce" ] ||
	fail "folio build published a draft or a scheduled page"
[ -e "$TEST_DIR/public/pages/notes/atelier/index.html" ] || fail "folio build lacks the published page"

# bad requests: answered, and it still serves
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}../../etc/passwd" --path-as-is)" = 404 ] || fail "a path out of the output was not refused"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}.folio-output")" = 404 ] || fail "the marker file is served"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "${URL}")" = 405 ] || fail "a POST was not refused"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}pages")" = 302 ] || fail "a folder without its / is not redirected"
# /404 is 404.html, as Netlify and try_files $uri.html serve an ugly_urls page
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}404")" = 200 ] || fail "/404 is not served from 404.html"
serves_with 404 "<h1>Page introuvable</h1>" || fail "/404 is not 404.html"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}404/")" = 404 ] || fail "/404/ was served"
# "//pages" would be redirected to "//pages/", another host for a browser
[ "$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "${URL}/pages")" = 400 ] || fail "a path starting with // was not refused"
printf 'garbage\r\n\r\n' | timeout 10 python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(sys.stdin.buffer.read()); s.recv(100)' "$(sed 's|.*:\([0-9]*\)/$|\1|' <<<"$URL")" ||
	fail "a request that is no HTTP was not answered nor closed"
serves_with pages/notes/atelier/ "Atelier d" || fail "folio serve stopped serving after a request that is no HTTP"
# a broken folio.yaml: an error over the last good pages, then fixed
n=$(builds)
cp "$SITE/folio.yaml" "$TEST_DIR/folio.yaml.good"
echo 'title: [' >"$SITE/folio.yaml"
wait_until 60 built_after "$n" || fail "no build after folio.yaml broke"
wait_until 60 serves_with "" 'folio: 1 error,' || fail "no overlay for a broken folio.yaml"
serves_with pages/notes/atelier/ "Atelier d" || fail "the last good pages are gone: $(get pages/notes/atelier/ | head -c 600; tail -5 "$LOG")"
cp "$TEST_DIR/folio.yaml.good" "$SITE/folio.yaml"
absent_overlay() { local page; page=$(get "") && grep -q '<main' <<<"$page" && ! grep -q 'folio: [0-9]* errors*,' <<<"$page"; }
wait_until 60 absent_overlay || fail "the errors stayed after folio.yaml was fixed: $(tail -5 "$LOG")"
kill -0 "$SERVE_PID" || fail "folio serve died: $(tail -5 "$LOG")"

kill -INT "$SERVE_PID"
wait "$SERVE_PID" || fail "folio serve did not exit 0 on SIGINT"
SERVE_PID=
grep -q '^folio serve: stopped' "$LOG" || fail "no clean stop: $(tail -3 "$LOG")"

# the default address is 127.0.0.1:1313 (or that it is taken: the same address)
"$FOLIO" serve --help | grep -q '127.0.0.1:1313' || fail "--help does not give the default address"
(cd "$SITE" && exec "$FOLIO" serve >"$TEST_DIR/default.log" 2>&1) &
SERVE_PID=$!
default_said() { grep -q "served at http://127.0.0.1:1313/\|cannot listen on '127.0.0.1:1313'" "$TEST_DIR/default.log"; }
wait_until 60 default_said || fail "not 127.0.0.1:1313 by default: $(cat "$TEST_DIR/default.log")"
kill -INT "$SERVE_PID" 2>/dev/null || true
wait "$SERVE_PID" || true
SERVE_PID=
echo ok

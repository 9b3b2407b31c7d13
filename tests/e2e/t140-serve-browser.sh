#!/bin/bash
# folio serve in a real browser: one page stays open in headless Chromium
# (driven over the DevTools protocol by cdp.py); an edit to its file reloads
# it by itself (server-sent events), and the delay from the save to the new
# text is printed; a broken front matter shows the overlay with file:line
# over the last good page, and fixing it takes the overlay away.
# Screenshots go to $FOLIO_ARTIFACTS.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-browser.sh"
browser_or_skip

SERVE_PID= BROWSER_PID=
cleanup() {
	[ -z "$SERVE_PID" ] || kill "$SERVE_PID" 2>/dev/null || true
	if [ -n "$BROWSER_PID" ]; then
		kill "$BROWSER_PID" 2>/dev/null || true
		# its helpers (renderers, crashpad) outlive it a moment and still
		# write into the profile, which rm -rf then found not empty (a CI
		# run failed so after "ok"): end each one and see it gone first
		pkill -f -- "$TEST_DIR/chromium-profile" 2>/dev/null || true
		for _ in $(seq 100); do
			pgrep -f -- "$TEST_DIR/chromium-profile" >/dev/null || break
			sleep 0.1
		done
	fi
	wait 2>/dev/null || true
	rm -rf "$TEST_DIR" 2>/dev/null || { sleep 1 && rm -rf "$TEST_DIR"; }
}
trap cleanup EXIT
export TMPDIR=$TEST_DIR # folio serve's temporary folder, looked at below

make_repo "$TEST_DIR/site"
PAGE=$TEST_DIR/site/pages/presentation.md
LOG=$TEST_DIR/serve.log
"$FOLIO" serve --listen 127.0.0.1:0 "$TEST_DIR/site" >"$LOG" 2>&1 &
SERVE_PID=$!
served() { grep -q '^built in' "$LOG"; }
wait_until 60 served || fail "folio serve built nothing: $(cat "$LOG")"
URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$LOG" | head -1)
[ -n "$URL" ] || fail "folio serve printed no address: $(cat "$LOG")"

PROFILE=$TEST_DIR/chromium-profile
"$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --remote-debugging-port=0 \
	--user-data-dir="$PROFILE" --window-size=1000,700 about:blank 2>>"$TEST_DIR/chromium.log" &
BROWSER_PID=$!
wait_until 60 test -s "$PROFILE/DevToolsActivePort" || fail "chromium did not start: $(tail -5 "$TEST_DIR/chromium.log")"
cdp() { python3 "$FOLIO_SOURCE_DIR/tests/e2e/cdp.py" "$PROFILE" "$@"; }
H1='(document.querySelector("h1")||{}).textContent||""'
OVERLAY='(document.getElementById("folio-serve-overlay")||{}).textContent||"none"'
shot() { mkdir -p "$ARTIFACTS"; cdp screenshot "$ARTIFACTS/$1.png"; echo "screenshot: $ARTIFACTS/$1.png"; }

cdp navigate "${URL}pages/presentation/"
cdp wait "$H1" "Présentation" >/dev/null || fail "the page did not load"
shot t140-loaded
# a mark the page loses when it reloads: the test never navigates again
cdp eval 'window.folioMark = 1' >/dev/null

# an uncommitted edit: the open page reloads and shows it
t0=$(date +%s%N)
sed -i 's/^title: Présentation$/title: Présentation revue/' "$PAGE"
delay=$(cdp wait "$H1" "Présentation revue" --since "$t0") || fail "the page never showed the edit: $(tail -5 "$LOG")"
echo "edit to reloaded page: $delay"
[ "$(cdp eval 'window.folioMark === undefined')" = true ] || fail "the page changed without a reload"
shot t140-edited

# a broken front matter: the overlay names file:line, over the last good page
sed -i 's/^title: Présentation revue$/title: [Présentation/' "$PAGE"
delay=$(cdp wait "$OVERLAY" "pages/presentation.md:" --since "$(date +%s%N)") ||
	fail "no overlay with the file: $(tail -5 "$LOG")"
echo "broken front matter to overlay: $delay"
overlay=$(cdp eval "$OVERLAY")
case $overlay in *"[front-matter/syntax]"*"1 error"* | *"1 error"*"[front-matter/syntax]"*) ;;
*) fail "the overlay lacks the rule or the count: $overlay" ;; esac
[ "$(cdp eval "$H1")" = '"Présentation revue"' ] || fail "the last good page is gone: $(cdp eval "$H1")"
grep -q '^pages/presentation.md:[0-9]*:[0-9]*: error: .*\[front-matter/syntax\]' "$LOG" ||
	fail "the terminal does not show the finding on one line: $(tail -5 "$LOG")"
shot t140-overlay

# fixed: the overlay goes
sed -i 's/^title: \[Présentation$/title: Présentation finale/' "$PAGE"
cdp wait "$OVERLAY" "pages/presentation.md" --absent >/dev/null || fail "the overlay stayed: $(cdp eval "$OVERLAY")"
cdp wait "$H1" "Présentation finale" >/dev/null || fail "the fixed page is not shown"
shot t140-fixed

# what the browser got was injected when served: the built files have no script
out=$(find "$TEST_DIR" -maxdepth 2 -path '*folio-serve-*/public' -type d)
[ -n "$out" ] || fail "no output folder of folio serve under $TEST_DIR"
! grep -rlq '_folio/events\|folio-serve' "$out" || fail "the built files carry the injected script"
grep -q 'Présentation finale' "$out/pages/presentation/index.html" || fail "the output is not the last build"
git -C "$TEST_DIR/site" diff --quiet -- pages/presentation.md && fail "the edits were committed?"

kill -TERM "$SERVE_PID"
wait "$SERVE_PID" || fail "folio serve did not exit 0 on SIGTERM"
SERVE_PID=
[ -z "$(find "$TEST_DIR" -maxdepth 1 -name 'folio-serve-*')" ] || fail "the temporary folder was left"
echo "ok"

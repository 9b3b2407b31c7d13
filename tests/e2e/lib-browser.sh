# For the e2e tests that look at a page in a real browser: sourced after
# lib.sh. Headless Chromium (scripts/install-deps.sh installs it) loads
# a page, dumps its DOM for tests/e2e/dom.py, and takes screenshots into
# $FOLIO_ARTIFACTS (else the test's directory). JavaScript stays on:
# Chromium's --dump-dom and --screenshot need it (with
# --blink-settings=scriptEnabled=false they write nothing), so a page that
# must work without it is checked for having no script at all.

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
ARTIFACTS=${FOLIO_ARTIFACTS:-$TEST_DIR}

# browser_or_skip: without Chromium, skip the test (77); under CI ($CI set), fail.
browser_or_skip() {
	[ -x "$CHROMIUM" ] && return 0
	[ -z "${CI:-}" ] || fail "no Chromium at $CHROMIUM: scripts/install-deps.sh installs it"
	echo "SKIP: no Chromium at $CHROMIUM (scripts/install-deps.sh installs it)"
	exit 77
}

# The browser's own flags: headless, no sandbox (root in containers), a
# profile of the test's own.
_browser() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$TEST_DIR/chromium-profile" "$@" 2>>"$TEST_DIR/chromium.log"
}

# browser_dom URL FILE: the DOM of URL once loaded, serialized into FILE.
browser_dom() {
	_browser --dump-dom "$1" >"$2" || fail "chromium could not load $1: $(tail -5 "$TEST_DIR/chromium.log")"
	[ -s "$2" ] || fail "chromium dumped no DOM for $1: $(tail -5 "$TEST_DIR/chromium.log")"
}

# browser_screenshot URL NAME WIDTH HEIGHT: a PNG of URL at that window
# size, saved as $ARTIFACTS/NAME.png.
browser_screenshot() {
	mkdir -p "$ARTIFACTS"
	local png=$ARTIFACTS/$2.png
	rm -f "$png"
	(cd "$TEST_DIR" && _browser --hide-scrollbars --window-size="$3,$4" --screenshot="$png" "$1" >/dev/null) ||
		fail "chromium could not take a screenshot of $1: $(tail -5 "$TEST_DIR/chromium.log")"
	[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
	echo "screenshot: $png"
}

# Shared by the end-to-end tests: sourced, never run. Each test runs the
# real folio ($FOLIO) and git in a temporary directory removed at exit.
set -euo pipefail

: "${FOLIO:?FOLIO must name the folio binary}"
: "${FOLIO_SOURCE_DIR:?FOLIO_SOURCE_DIR must name the source tree}"

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/folio-e2e.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT
export GIT_AUTHOR_NAME="Folio Test" GIT_AUTHOR_EMAIL="test@folio.example"
export GIT_COMMITTER_NAME="Folio Test" GIT_COMMITTER_EMAIL="test@folio.example"
export GIT_CONFIG_NOSYSTEM=1 HOME="$TEST_DIR"
# The sample site is French: its findings are in English here so that tests
# match the messages as the code writes them, and so is the command line
# whatever the machine's locale. Tests of the translations (t145-t149,
# t020's French column) set them back: FOLIO_FINDINGS_LANG= and LANGUAGE.
export FOLIO_FINDINGS_LANG=en LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE
git config --global init.defaultBranch main
git config --global advice.detachedHead false

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# make_repo DIR [SOURCE]: a git repository at DIR holding SOURCE (default:
# the sample content/) in one commit.
make_repo() {
	local dir=$1 src=${2:-$FOLIO_SOURCE_DIR/content}
	mkdir -p "$dir"
	cp -r "$src/." "$dir/"
	git -C "$dir" init -q
	git -C "$dir" add -A
	git -C "$dir" commit -qm "Import the site"
}

# site_with_partner DIR NAME PORT: the sample content/ copied to DIR, its
# partners (last in folio.yaml) replaced by NAME on http://127.0.0.1:PORT
# for the events collection.
site_with_partner() {
	local dir=$1 name=$2 port=$3
	mkdir -p "$dir"
	cp -r "$FOLIO_SOURCE_DIR/content/." "$dir/"
	sed -i '/^partners:/,$d' "$dir/folio.yaml"
	cat >>"$dir/folio.yaml" <<YAML
partners:
  - name: $name
    url: http://127.0.0.1:$port/folio
    collections: [events]
YAML
}

# assert_contains FILE TEXT: FILE holds TEXT literally.
assert_contains() {
	grep -qF -- "$2" "$1" || fail "$1 does not contain: $2"
}

assert_not_contains() {
	! grep -qF -- "$2" "$1" || fail "$1 contains: $2"
}

# same_as_full REPO OUT LABEL: a full build of REPO's HEAD has the bytes of
# OUT, the folder an incremental publish wrote (its marker file aside).
same_as_full() {
	rm -rf "$TEST_DIR/full"
	"$FOLIO" build --repo "$1" --out "$TEST_DIR/full" >/dev/null 2>&1 || fail "$3: full build failed"
	diff -r -x .folio-output "$TEST_DIR/full" "$2" || fail "$3: incremental output differs from a full build"
}

# publish REPO OUT STATE LABEL: REPO's HEAD published into OUT with the
# state STATE, as the daemon publishes each commit.
publish() {
	"$FOLIO" build --quiet --repo "$1" --rev HEAD --out "$2" --state "$3" >"$TEST_DIR/publish.txt" 2>&1 \
		|| fail "$4: publish failed: $(cat "$TEST_DIR/publish.txt")"
}

# refused_like_full REPO OUT STATE LABEL MESSAGE: REPO's HEAD is refused,
# saying MESSAGE, when published into OUT with STATE and by a full build
# alike, and nothing is published; then the commit is dropped.
refused_like_full() {
	if "$FOLIO" build --quiet --repo "$1" --rev HEAD --out "$2" --state "$3" >"$TEST_DIR/inc.txt" 2>&1; then
		fail "$4: published incrementally, which a full build refuses"
	fi
	assert_contains "$TEST_DIR/inc.txt" "$5"
	"$FOLIO" build --quiet --repo "$1" --rev HEAD --out "$TEST_DIR/full-refused" >"$TEST_DIR/full.txt" 2>&1 \
		&& fail "$4: a full build published it"
	assert_contains "$TEST_DIR/full.txt" "$5"
	git -C "$1" reset -q --hard HEAD~1
}

# migrate_and_build FROM SITE OUT [BUILD OPTION...]: folio init --from FROM
# on SITE, then folio build --worktree SITE into OUT (with the options), as
# a migrating user runs them; each one's words kept in $TEST_DIR/init.txt
# and build.txt, and shown.
migrate_and_build() {
	"$FOLIO" init --from "$1" "$2" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
	cat "$TEST_DIR/init.txt"
	"$FOLIO" build --worktree "$2" --out "$3" "${@:4}" >"$TEST_DIR/build.txt" 2>&1 \
		|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
	cat "$TEST_DIR/build.txt"
}

# repo_of SITE REPO: a Git repository REPO holding a copy of SITE, committed.
repo_of() {
	cp -r "$1" "$2"
	git -C "$2" init -q && git -C "$2" add -A && git -C "$2" commit -qm "site"
}

# hugo_en_fr SITE: a Hugo site in English and French at
# https://community.example/, a contentDir each (content/en/posts and
# content/fr/posts made, empty), as community sites translate.
hugo_en_fr() {
	mkdir -p "$1/content/en/posts" "$1/content/fr/posts" "$1/layouts"
	cat >"$1/config.toml" <<'TOML'
baseURL = "https://community.example/"
defaultContentLanguage = "en"
contentDir = "content/en"
[languages.en]
  title = "Community"
  weight = 1
[languages.fr]
  contentDir = "content/fr"
  weight = 2
TOML
}

# translated_posts REPO: folio.yaml of a site in English with French and
# Spanish versions (posts/x.fr.md), one collection posts, newest first.
translated_posts() {
	mkdir -p "$1/posts/bundle"
	cat >"$1/folio.yaml" <<'YAML'
title: Site
base_url: https://site.example
language: en
languages: [fr, es]
collections:
  - name: posts
    label: Posts
    template: page
    sort: -date
    date_field: date
YAML
}

# ---- for the daemon tests: a free port, waiting, the daemon's endpoints ----

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
# free_port: a port of 127.0.0.1 free now, below the kernel's ephemeral
# range (ip_local_port_range): a port bind(0) handed out there could be
# given again, before the test binds it, to any outgoing connection or to
# another process asking for port 0 (Chromium's debugging port), which
# made two tests fail together once.
free_port() {
	python3 -c '
import random, socket
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
for _ in range(1000):
    port = random.randrange(10000, max(low, 10001))
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
else:
    raise SystemExit("no free port below the ephemeral range")
'
}

# wait_until SECONDS COMMAND...: run COMMAND every 20 ms until it succeeds.
wait_until() {
	local limit=$1 start=$SECONDS
	shift
	until "$@"; do
		[ $((SECONDS - start)) -lt "$limit" ] || return 1
		sleep 0.02
	done
}

# daemon_test: for a test that starts folio watch: the daemon it starts
# (its pid in DAEMON_PID) is killed at exit, before the temporary directory
# goes; PORT is a free port on 127.0.0.1 and URL its http:// address. With
# KEEP=1 in the environment, the daemon's $LOG is shown and $TEST_DIR kept.
daemon_test() {
	DAEMON_PID=
	trap daemon_test_cleanup EXIT
	PORT=$(free_port)
	URL=http://127.0.0.1:$PORT
}
daemon_test_cleanup() {
	[ -z "$DAEMON_PID" ] || kill -9 "$DAEMON_PID" 2>/dev/null || true
	if [ -n "${KEEP:-}" ]; then
		[ -z "${LOG:-}" ] || cat "$LOG" >&2 2>/dev/null || true
		echo "kept $TEST_DIR" >&2
		return
	fi
	rm -rf "$TEST_DIR"
}

# The daemon at $URL (set by the test): its status (compact JSON), health,
# and whether COMMIT is the published one.
status() { curl -sf --max-time 5 "$URL/status"; }
healthy() { curl -sf --max-time 2 "$URL/healthz" | grep -qx ok; }
published_is() { status | grep -qF "\"published_commit\":\"$1\""; }
gone() { ! kill -0 "$1" 2>/dev/null; }

# need_feedparser: $PY, a python3 that has feedparser (Debian's
# python3-feedparser, scripts/install-deps.sh --test), and feed_check
# atom|rss FILE, tests/e2e/feeds_check.py with it; a test fails without.
need_feedparser() {
	PY=
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import feedparser' 2>/dev/null; then PY=$p; break; fi
	done
	[ -n "$PY" ] || fail "no python3 with feedparser: run scripts/install-deps.sh --test"
}
feed_check() { "$PY" "$FOLIO_SOURCE_DIR/tests/e2e/feeds_check.py" "$@"; }

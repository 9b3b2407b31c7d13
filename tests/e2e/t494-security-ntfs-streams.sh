#!/bin/bash
# NTFS reads a name "a:s" as the stream s of the file a, and "a::$DATA" as
# a itself: an alias /about::$DATA/ of one page wrote, on an NTFS output
# (a Windows server, an SMB share of one), into the page at /about/ that
# another owns, a static "a.css::$DATA" into a.css, and a static
# ".htaccess::$DATA" wrote Apache's settings; Windows reads a name of dots
# and spaces alone as none, so an alias "/ ./" wrote the home page. The
# fold that compares outputs (folio_path_fold) cuts each name at its first
# ':' and leaves out a name of dots and spaces alone now, so each pair is
# output/clash (the .htaccess output/server-config), in a full check and
# from the state (a state of version 11 has its folds set again). A name
# with ':' alone stays: on Linux it is a plain name.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site out=$TEST_DIR/out st=$TEST_DIR/state
mkdir -p "$s/pages" "$s/static"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n' >"$s/folio.yaml"
printf -- '---\ntitle: About\nurl: /about/\n---\nWho we are.\n' >"$s/pages/about.md"
printf -- '---\ntitle: Wiki\nurl: /wiki/Help:Contents/\n---\nA colon alone.\n' >"$s/pages/wiki.md"
echo 'p{}' >"$s/static/a.css"
git -C "$s" init -q && git -C "$s" add -A && git -C "$s" commit -qm "Import"
cd "$s"
"$FOLIO" check HEAD >"$TEST_DIR/ok.txt" 2>&1 || fail "a colon alone refused: $(cat "$TEST_DIR/ok.txt")"
publish "$s" "$out" "$st" "first"
[ -f "$out/wiki/Help:Contents/index.html" ] || fail "no wiki/Help:Contents/"

# 1. an alias onto another page's stream, and a static file onto another's
printf -- '---\ntitle: Mine\naliases: ["/about::$DATA/"]\n---\nMine now.\n' >pages/mine.md
echo 'q{}' >'static/a.css::$DATA'
echo 'AddHandler cgi-script .html' >'static/.htaccess::$DATA'
printf -- '---\ntitle: Home too\naliases: ["/ ./"]\n---\nMine now.\n' >pages/home.md
git add -A && git commit -qm "streams"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '[output/clash]'
grep -F 'output/clash' "$TEST_DIR/check.txt" | grep -qF 'about::$DATA' || fail "the alias is no clash: $(cat "$TEST_DIR/check.txt")"
grep -F 'output/clash' "$TEST_DIR/check.txt" | grep -qF 'a.css::$DATA' || fail "the static file is no clash: $(cat "$TEST_DIR/check.txt")"
grep -F 'output/server-config' "$TEST_DIR/check.txt" | grep -qF '.htaccess::$DATA' || fail "the .htaccess stream passed: $(cat "$TEST_DIR/check.txt")"
grep -F 'output/clash' "$TEST_DIR/check.txt" | grep -qF '" ./index.html"' || fail "the alias / ./ is no clash: $(cat "$TEST_DIR/check.txt")"
git reset -q --hard HEAD~1

# 2. from the state: a page added on the fast path onto the page's stream
printf -- '---\ntitle: Mine\nurl: "/about:x/"\n---\nMine now.\n' >pages/mine.md
git add -A && git commit -qm "a stream of about"
rc=0
"$FOLIO" check --state "$st" HEAD >"$TEST_DIR/state.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check --state exit $rc: $(cat "$TEST_DIR/state.txt")"
assert_contains "$TEST_DIR/state.txt" '[output/clash]'
refused_like_full "$s" "$out" "$st" "a stream of about" "[output/clash]"

# 3. a state of version 11 holding a colon is folded again when opened
command -v sqlite3 >/dev/null || { echo "ok (no sqlite3: the migration not tried)"; exit 0; }
sqlite3 "$st/state.sqlite" "UPDATE outputs SET folded = path WHERE instr(path, ':') > 0; PRAGMA user_version = 11;"
printf -- '---\ntitle: Help\nurl: /wiki/help/\n---\nMine now.\n' >pages/mine.md
git add -A && git commit -qm "wiki/help, a stream of wiki/Help:Contents"
refused_like_full "$s" "$out" "$st" "a version 11 state" "[output/clash]"
[ "$(sqlite3 "$st/state.sqlite" "PRAGMA user_version")" = 12 ] || fail "the state was not migrated"
echo "ok names NTFS reads as another file's stream are output/clash"

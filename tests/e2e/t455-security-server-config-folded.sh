#!/bin/bash
# output/server-config (t462) compared a static file's name with .htaccess,
# .htpasswd and .user.ini ignoring ASCII case only. A file system that
# folds names reads more as the same file: "static/.htacceſſ" (U+017F, the
# long s, which Unicode case folding and Windows' upper case make "s"),
# ".user.ını" (the dotless ı, "I" in upper case), ".htaccess." and
# ".htaccess " (Windows drops the dots and spaces that end a name),
# ".ht<U+200C>access" (HFS+ ignores U+200C): published as any static file,
# they configured an Apache or PHP server on such a file system. Each is
# told as the plain name is, by check and by the hook's check --state.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
"$FOLIO" build --quiet --repo "$s" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>&1 ||
	fail "the first publish failed"
mkdir -p static/a static/b static/c static/d static/e
printf 'AddHandler cgi-script .html\n' >"$(printf 'static/a/.htacce\xc5\xbf\xc5\xbf')"
printf 'auto_prepend_file = /etc/passwd\n' >"$(printf 'static/b/.user.\xc4\xb1n\xc4\xb1')"
printf 'AddHandler cgi-script .html\n' >"static/c/.htaccess."
printf 'AddHandler cgi-script .html\n' >"static/d/.HTACCESS "
printf 'AddHandler cgi-script .html\n' >"$(printf 'static/e/.ht\xe2\x80\x8caccess')"
git add -A && git commit -qm "server settings, folded"
MSG="error: static file would configure the web server that serves it; this server allows 0 such files (server-config-files) [output/server-config]"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "$(printf 'static/a/.htacce\xc5\xbf\xc5\xbf'): $MSG"
assert_contains "$TEST_DIR/check.txt" "$(printf 'static/b/.user.\xc4\xb1n\xc4\xb1'): $MSG"
assert_contains "$TEST_DIR/check.txt" "static/c/.htaccess.: $MSG"
assert_contains "$TEST_DIR/check.txt" "static/d/.HTACCESS : $MSG"
assert_contains "$TEST_DIR/check.txt" "$(printf 'static/e/.ht\xe2\x80\x8caccess'): $MSG"
"$FOLIO" check --repo "$s" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/fast.txt" 2>&1 && fail "check --state passed them"
diff "$TEST_DIR/check.txt" "$TEST_DIR/fast.txt" || fail "check --state differs from a full check"
refused_like_full "$s" "$TEST_DIR/pub" "$TEST_DIR/state" "folded server settings" "[output/server-config]"
# names that only look alike stay plain static files
git reset -q --hard ORIG_HEAD
git rm -rq static/a static/b static/c static/d static/e
echo x >static/.htaccessx && echo y >static/htaccess && echo z >"$(printf 'static/.htacc\xc3\xa9ss')"
git add -A && git commit -qm "look-alikes"
"$FOLIO" check HEAD >"$TEST_DIR/ok.txt" 2>&1 || fail "look-alikes refused: $(cat "$TEST_DIR/ok.txt")"
echo "ok names a folding file system reads as .htaccess or .user.ini are output/server-config"

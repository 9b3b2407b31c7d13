#!/bin/bash
# A static file a web server reads as its settings (Apache's .htaccess and
# .htpasswd, PHP's .user.ini, in any case) was published as any other:
# whoever pushes static/.htaccess (AddHandler cgi-script .html) configured
# the server for the folder, the whole site with static_at_root. It is an
# output/server-config error now, past the server's server-config-files
# limit (0 by default): an operator whose site publishes its own .htaccess
# (a migrated Apache site, t294) sets FOLIO_LIMIT_SERVER_CONFIG_FILES; a
# folio.yaml may lower it, never raise it.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
"$FOLIO" build --quiet --repo "$s" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>&1 ||
	fail "the first publish failed"
printf 'AddHandler cgi-script .html\n' >static/.htaccess
mkdir -p static/sub
printf 'auto_prepend_file = /etc/passwd\n' >static/sub/.User.Ini
git add -A && git commit -qm "server settings"
MSG="error: static file would configure the web server that serves it; this server allows 0 such files (server-config-files) [output/server-config]"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "static/.htaccess: $MSG"
assert_contains "$TEST_DIR/check.txt" "static/sub/.User.Ini: $MSG"
rc=0
"$FOLIO" check --repo "$s" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/fast.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check --state exit $rc: $(cat "$TEST_DIR/fast.txt")"
assert_contains "$TEST_DIR/fast.txt" "static/.htaccess: $MSG"
refused_like_full "$s" "$TEST_DIR/pub" "$TEST_DIR/state" "server settings" "[output/server-config]"
[ ! -e "$TEST_DIR/pub/static/.htaccess" ] || fail "the refused publish wrote .htaccess"
git reset -q --hard ORIG_HEAD # refused_like_full dropped it
[ -e static/.htaccess ] || fail "lost the commit"
echo "ok check, check --state and a publish refuse them by default"

# the operator allows as many as the site needs; folio.yaml cannot raise it
"$FOLIO" check --limit server-config-files=2 HEAD >"$TEST_DIR/two.txt" 2>&1 || fail "two allowed: $(cat "$TEST_DIR/two.txt")"
rc=0
"$FOLIO" check --limit server-config-files=1 HEAD >"$TEST_DIR/one.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "one allowed: exit $rc"
assert_contains "$TEST_DIR/one.txt" "static/sub/.User.Ini: error: static file would configure the web server that serves it; this server allows 1 such files"
assert_not_contains "$TEST_DIR/one.txt" "static/.htaccess:"
"$FOLIO" build --repo "$s" --out "$TEST_DIR/allowed" --limit server-config-files=2 >/dev/null 2>&1 || fail "the allowed build failed"
cmp static/.htaccess "$TEST_DIR/allowed/static/.htaccess" || fail ".htaccess not published where allowed"
printf 'limits:\n  server-config-files: 5\n' >>folio.yaml
git commit -qam "folio.yaml raises it"
"$FOLIO" check HEAD >"$TEST_DIR/raise.txt" 2>&1 && fail "folio.yaml raised server-config-files"
assert_contains "$TEST_DIR/raise.txt" "[output/server-config]"
git reset -q --hard HEAD~1
echo "ok the operator allows them, folio.yaml does not"

# the hook takes the server's limit from its config
server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
: >"$TEST_DIR/server.conf"
git -C "$server" config folio.config "$TEST_DIR/server.conf"
git push "$server" main >"$TEST_DIR/push1.txt" 2>&1 && fail "static/.htaccess was pushed"
assert_contains "$TEST_DIR/push1.txt" "static/.htaccess: $MSG"
printf 'FOLIO_LIMIT_SERVER_CONFIG_FILES=2\n' >"$TEST_DIR/server.conf"
git push "$server" main >"$TEST_DIR/push2.txt" 2>&1 || fail "the allowed push was refused: $(cat "$TEST_DIR/push2.txt")"
echo "ok the hook refuses them unless the server allows them"

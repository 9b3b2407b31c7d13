#!/bin/bash
# A security round (ninth): a page's url:, Jekyll's permalink: or an alias
# could name a hidden file (url: /.htaccess, aliases: [/.user.ini]), and a
# pushed template made its text whatever the pusher liked: Apache read it
# as the site's settings (Options +ExecCGI, AddHandler), PHP as its own.
# A redirect's from: was refused so already; these are slug/invalid now,
# at their line, naming the hidden name; /.well-known/ stays allowed. The
# hook refuses the push, and the daemon, given the commit another way,
# judges it once and publishes the next good commit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

mkdir -p "$TEST_DIR/src/pages" "$TEST_DIR/src/templates"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n  - name: conf\n    template: conf\n    list: false\n' >"$TEST_DIR/src/folio.yaml"
printf -- '---\ntitle: Home\naliases: [/.well-known/old/]\n---\nHello.\n' >"$TEST_DIR/src/pages/home.md"
printf 'Options +ExecCGI\nAddHandler cgi-script .html\n' >"$TEST_DIR/src/templates/conf.mustache"
mkdir -p "$TEST_DIR/src/conf"
printf -- '---\ntitle: C\n---\nx\n' >"$TEST_DIR/src/conf/c.md"
git -C "$TEST_DIR/src" init -q
git -C "$TEST_DIR/src" add -A
git -C "$TEST_DIR/src" commit -qm base

watch_test
watch_start "$TEST_DIR/src"
[ -f "$OUT/.well-known/old/index.html" ] || fail "the alias below /.well-known/ was not published"
cd "$TEST_DIR/clone"
for fm in 'url: /.htaccess' 'url: /a/.user.ini' 'aliases: [/.htaccess]' 'aliases: ["../../.htaccess"]' 'redirect_from: [/x/.htaccess]'; do
	printf -- '---\ntitle: C\n%s\n---\nx\n' "$fm" >conf/c.md
	git commit -qam "$fm"
	rc=0
	git push origin main >"$TEST_DIR/push.txt" 2>&1 || rc=$?
	[ $rc -ne 0 ] || fail "$fm: the push was accepted: $(cat "$TEST_DIR/push.txt")"
	assert_contains "$TEST_DIR/push.txt" "conf/c.md:3:"
	assert_contains "$TEST_DIR/push.txt" "holds a hidden name (starting with '.') [slug/invalid]"
	git reset -q --hard HEAD~1
done
echo "ok the hook refuses hidden addresses"

# behind the hook's back: judged invalid once, nothing hidden written
printf -- '---\ntitle: C\nurl: /.htaccess\n---\nx\n' >conf/c.md
git commit -qam "url: /.htaccess"
BAD=$(git rev-parse HEAD)
git push -q "$BARE" HEAD:refs/heads/side
git -C "$BARE" update-ref refs/heads/main "$BAD"
"$FOLIO" notify --socket "$SOCK" || fail "notify cannot reach the daemon"
wait_until 60 verdict_is "$BAD" 1 0 || fail "the commit was not judged invalid: $(status) $(tail -5 "$LOG")"
[ ! -e "$OUT/.htaccess" ] || fail "the daemon wrote .htaccess: $(cat "$OUT/.htaccess")"
printf -- '---\ntitle: C\nurl: /htaccess/\n---\nx\n' >conf/c.md
git commit -qam "a plain address"
GOOD=$(git rev-parse HEAD)
git push -q origin HEAD:main 2>"$TEST_DIR/push.txt" || fail "the good commit was refused: $(cat "$TEST_DIR/push.txt")"
wait_until 60 published_is "$GOOD" || fail "the next good commit was not published: $(status) $(tail -5 "$LOG")"
assert_contains "$OUT/htaccess/index.html" "Options +ExecCGI"
[ ! -e "$OUT/.htaccess" ] || fail ".htaccess was written"
echo "PASS"

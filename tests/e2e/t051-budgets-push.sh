#!/bin/bash
# Issue 11's amplification attacks, at small scale, pushed through the
# installed pre-receive hook: each one is refused with its budget finding,
# the server's branch does not move and nothing large is written. The
# budgets are the server's: FOLIO_LIMIT_ lines of the daemon's config apply
# to the hook (git config folio.config) and to the daemon, and a folio.yaml
# cannot raise them. Every attack here passed check and push on main.
. "$(dirname "$0")/lib.sh"

LOG=$TEST_DIR/daemon.log
daemon_test # DAEMON_PID killed at exit; PORT, URL

BARE=$TEST_DIR/site.git
CONF=$TEST_DIR/site.conf
OUT=$TEST_DIR/public
cat >"$CONF" <<EOF
FOLIO_REPO=$BARE
FOLIO_OUT=$OUT
FOLIO_STATE=$TEST_DIR/state
FOLIO_LISTEN=127.0.0.1:$PORT
FOLIO_POLL=1
FOLIO_PARTNER_SECRETS=
# the server's own budget: the sample's pages are under 20 KB
FOLIO_LIMIT_PAGE_OUTPUT=64K
EOF

git init -q --bare "$BARE"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$BARE" "$FOLIO" >/dev/null
git -C "$BARE" config folio.config "$CONF"
clone=$TEST_DIR/clone
make_repo "$clone"
git -C "$clone" remote add origin "$BARE"
git -C "$clone" push -q origin main 2>"$TEST_DIR/push0" || { cat "$TEST_DIR/push0"; fail "the sample site was refused"; }
good=$(git -C "$clone" rev-parse main)
cd "$clone"

# attempt NAME RULE TEXT: commit what the worktree holds, check it, build it
# and push it: check and build fail with RULE and TEXT, nothing is written,
# the push is refused with the finding and the server's main stays at good.
attempt() {
	local name=$1 rule=$2 text=$3 rc
	git add -A
	git commit -qm "$name"
	rc=0
	"$FOLIO" check --limit page-output=64K >"$TEST_DIR/$name.check" 2>&1 || rc=$?
	[ $rc -eq 1 ] || { cat "$TEST_DIR/$name.check"; fail "$name: folio check exit $rc, expected 1"; }
	assert_contains "$TEST_DIR/$name.check" "[$rule]"
	grep -qF -- "$text" "$TEST_DIR/$name.check" || { cat "$TEST_DIR/$name.check"; fail "$name: check lacks: $text"; }
	rc=0
	"$FOLIO" build --out "$TEST_DIR/out-$name" --limit page-output=64K >"$TEST_DIR/$name.build" 2>&1 || rc=$?
	[ $rc -eq 1 ] || { cat "$TEST_DIR/$name.build"; fail "$name: folio build exit $rc, expected 1"; }
	assert_contains "$TEST_DIR/$name.build" "[$rule]"
	[ ! -e "$TEST_DIR/out-$name" ] || fail "$name: folio build wrote $(du -sh "$TEST_DIR/out-$name")"
	rc=0
	git push origin main >"$TEST_DIR/$name.push" 2>&1 || rc=$?
	[ $rc -ne 0 ] || { cat "$TEST_DIR/$name.push"; fail "$name: the push was accepted"; }
	assert_contains "$TEST_DIR/$name.push" "[$rule]"
	assert_contains "$TEST_DIR/$name.push" "$text"
	assert_contains "$TEST_DIR/$name.push" "[remote rejected] main -> main (pre-receive hook declined)"
	[ "$(git -C "$BARE" rev-parse main)" = "$good" ] || fail "$name: the server's main moved"
	echo "ok $name: refused with [$rule]"
	git reset -q --hard "$good"
	git clean -qfdx
}

front='title: Un livre
authors:
  - lionel-larque
publisher: l-harmattan
date: 2020-01-01
language: fr'

# Five pages of 1.8 KB whose aliases expand to 15 MB each, in a collection
# without a schema (check passed them on main, and build wrote 74 MB).
sed -i 's|^collections:$|collections:\n  - name: notes|' folio.yaml
mkdir notes
x=$(head -c 1000 /dev/zero | tr '\0' X)
b=$(printf ',*a%.0s' $(seq 99))
c=$(printf ',*b%.0s' $(seq 149))
for i in 1 2 3 4 5; do
	printf -- '---\ntitle: Bombe %s\na: &a "%s"\nb: &b [*a%s]\nc: [*b%s]\n---\n\nBoum.\n' \
		$i "$x" "$b" "$c" >notes/bombe-$i.md
	[ "$(wc -c <notes/bombe-$i.md)" -lt 2000 ] || fail "the alias page is not small"
done
attempt alias-bomb budget/front-matter "notes/bombe-5.md:5:32: error: front matter expands to at least"
for i in 1 2 3 4; do assert_contains "$TEST_DIR/alias-bomb.push" "notes/bombe-$i.md:5:32: error:"; done

# A 9 KB Markdown table cmark-gfm would widen to 2 million cells (13 s, 1.1 GB on main).
{
	printf -- '---\n%s\nisbn: 978-2-296-01369-8\n---\n\n' "$front"
	printf '|'; printf 'a|%.0s' $(seq 1500); printf '\n|'; printf -- '-|%.0s' $(seq 1500); printf '\n'
	printf 'x\n%.0s' $(seq 1500)
} >books/tableau.md
attempt table budget/table-cells "books/tableau.md:11:1: error: tables hold at least 21000 cells"

# 40 MB of zeros: a few KB packed, refused from the blob's size before it is read.
head -c 40000000 /dev/zero >static/zeros.bin
attempt zeros budget/static-file "static/zeros.bin: error: static file is 40000000 bytes, more than the static-file limit of 33554432"

# Partials including the next one ten times: 150 bytes, 47 MB a page on main.
sed -i 's|<article>|<article>{{>p1}}|' templates/book.mustache
for i in 1 2 3 4 5; do printf "{{>p$((i + 1))}}%.0s" $(seq 10) >templates/p$i.mustache; done
printf '%0100d' 0 >templates/p6.mustache
attempt partials budget/template-output "output passes the template-output limit of 8388608 bytes"

# A partial that includes itself (an empty index.html on main), and two that
# include each other (truncated pages on main).
sed -i 's|<article>|<article>{{>boucle}}|' templates/book.mustache
printf 'encore {{>boucle}}' >templates/boucle.mustache
attempt recursion template/recursion 'templates/boucle.mustache:1:8: error: partial "boucle" includes itself'
sed -i 's|<article>|<article>{{>ping}}|' templates/book.mustache
printf '{{>pong}}' >templates/ping.mustache
printf '{{>ping}}' >templates/pong.mustache
attempt mutual template/recursion 'partial "ping" includes itself through "pong"'

# ^(a{1,140}){1,140}$ against 10 KB (60 s and 8.7 GB on main).
python3 - <<'PY'
import json
s = json.load(open('schemas/books.json'))
s['properties']['series'] = {'type': 'string', 'pattern': '^(a{1,140}){1,140}$'}
json.dump(s, open('schemas/books.json', 'w'), indent=2)
PY
printf -- '---\n%s\nisbn: 978-2-296-01369-8\nseries: %sb\n---\n\nUn livre.\n' "$front" \
	"$(head -c 10000 /dev/zero | tr '\0' a)" >books/regex.md
attempt regex budget/regex '"series" takes too much work to match against the pattern "^(a{1,140}){1,140}$"'

# A page of 80 KB: within folio's defaults, over the server's 64 KB. The
# hook applies the server's config; folio.yaml cannot raise it.
{ printf -- '---\ntitle: Long\n---\n\n'; for i in $(seq 800); do echo "Paragraphe $i : $(printf 'mot %.0s' $(seq 20))"; echo; done; } >pages/long.md
printf 'limits:\n  page-output: 100M\n' >>folio.yaml
git add -A
git commit -qm "long page"
"$FOLIO" check >"$TEST_DIR/long.check" 2>&1 || { cat "$TEST_DIR/long.check"; fail "the long page fails folio's defaults"; }
rc=0
git push origin main >"$TEST_DIR/long.push" 2>&1 || rc=$?
[ $rc -ne 0 ] || { cat "$TEST_DIR/long.push"; fail "the server's page-output budget was not applied by the hook"; }
assert_contains "$TEST_DIR/long.push" "pages/long.md: error: pages/long/index.html renders to"
assert_contains "$TEST_DIR/long.push" "more than the page-output limit of 65536 [budget/page-output]"
echo "ok the hook applies FOLIO_LIMIT_PAGE_OUTPUT of the server config; folio.yaml cannot raise it"
long=$(git rev-parse HEAD)

# The daemon applies the same config: the commit put on main behind the
# hook's back is judged invalid and not published.
"$FOLIO" watch --config "$CONF" --no-deliver 2>"$LOG" &
DAEMON_PID=$!
wait_until 20 healthy || fail "daemon not listening: $(cat "$LOG")"
wait_until 30 published_is "$good" || fail "the good commit not published: $(status)"
git push -q origin main:draft 2>/dev/null # accepted with a warning: draft is not published
git -C "$BARE" update-ref refs/heads/main "$long"
# the verdict line is logged, then its report: wait for both
refused_seen() {
	grep -q "verdict ${long:0:12}: invalid" "$LOG" &&
		grep -qF "more than the page-output limit of 65536 [budget/page-output]" "$LOG"
}
wait_until 60 refused_seen || fail "the daemon did not refuse the long page: $(tail -5 "$LOG")"
published_is "$good" || fail "the daemon published past its budget: $(status)"
[ ! -e "$OUT/pages/long" ] || fail "the long page was written"
echo "ok the daemon applies FOLIO_LIMIT_PAGE_OUTPUT too"

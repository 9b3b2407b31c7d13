#!/bin/bash
# params: is folio.yaml's, so a pusher's, and a Jekyll page's
# {{ site.x }} (as {{< param x >}} and an include's name) looked x up
# among them one by one: 40,000 params and a page of 20,000 {{ site.zzzz }}
# took 2.4 s of CPU, and every path of that blob as much again (20 here:
# killed at 20 s). The names are sorted once now, each look a binary
# search. What is found stays: a name as written, {{ site.x }} exactly,
# Hugo's param case aside.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j"
printf 'title: T\nurl: https://parametres.example\nmarkdown: kramdown\nrepository: https://git.example/depot\n' >"$j/_config.yml"
printf -- '---\ntitle: Accueil\n---\nLe dépôt : {{ site.repository }}.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
grep -q '^params:' "$j/folio.yaml" || fail "init wrote no params: $(cat "$j/folio.yaml")"
python3 - "$j" <<'PY'
import sys
d = sys.argv[1]
s = open(d + "/folio.yaml").read()
extra = "".join("  p%05d: v\n" % i for i in range(40000))
s = s.replace("params:\n", "params:\n" + extra, 1)
open(d + "/folio.yaml", "w").write(s)
body = "---\ntitle: Bombe\n---\n" + "{{ site.zzzz }} " * 20000 + "\n"
for k in range(20):
    open("%s/bombe%02d.md" % (d, k), "w").write(body)
PY
rc=0
( ulimit -t 20; "$FOLIO" build --worktree "$j" --out "$TEST_DIR/out" ) >"$TEST_DIR/build.txt" 2>&1 || rc=$?
[ $rc = 0 ] || fail "build exit $rc (137 or 152: out of CPU time): $(tail -3 "$TEST_DIR/build.txt")"
assert_contains "$TEST_DIR/out/index.html" 'https://git.example/depot'
echo "ok"

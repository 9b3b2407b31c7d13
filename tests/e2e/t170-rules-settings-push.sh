#!/bin/bash
# folio.yaml's rules: and ignore: (docs/rules.md) through real pushes to a
# bare repository with folio's hooks: a broken link refuses a push until
# folio.yaml makes link/broken a warning; a folder outside every collection
# refuses one until ignore: names it; a locked rule cannot be weakened, and
# ignore: does not hide a locked rule's finding (a symbolic link). Then
# folio check (text, json, junit), folio build and a per-path setting agree.
. "$(dirname "$0")/lib.sh"

server=$TEST_DIR/site.git
git init -q --bare "$server"
"$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
clone=$TEST_DIR/clone
make_repo "$clone"
git -C "$clone" remote add origin "$server"
cd "$clone"
git push -q origin main 2>"$TEST_DIR/push0" || fail "the sample site was refused: $(cat "$TEST_DIR/push0")"

push_refused() { # push_refused LOG: the push fails and main does not move
	local rc=0
	git push origin main >"$1" 2>&1 || rc=$?
	[ $rc -ne 0 ] || fail "the push was accepted: $(cat "$1")"
	[ "$(git -C "$server" rev-parse main)" != "$(git rev-parse main)" ] || fail "the server's main moved"
}
push_accepted() {
	git push origin main >"$1" 2>&1 || fail "the push was refused: $(cat "$1")"
	[ "$(git -C "$server" rev-parse main)" = "$(git rev-parse main)" ] || fail "main not updated"
}

# 1. a broken link: refused
printf '\nVoir [la page perdue](/pages/page-perdue/).\n' >>pages/presentation.md
git commit -qam "A broken link"
push_refused "$TEST_DIR/push1"
assert_contains "$TEST_DIR/push1" "error: link to \"/pages/page-perdue/\" points to no page"
assert_contains "$TEST_DIR/push1" "[link/broken]"

# 2. the same link with link/broken a warning: accepted, still reported
printf 'rules:\n  link/broken: warning\n' >>folio.yaml
git commit -qam "Broken links are warnings here"
push_accepted "$TEST_DIR/push2"
grep "presentation.md" "$TEST_DIR/push2" | grep -q "warning: link to \"/pages/page-perdue/\".*\[link/broken\]" ||
	fail "the link is not reported as a warning: $(cat "$TEST_DIR/push2")"

# 3. a locked rule cannot be weakened: refused at its line of folio.yaml
cp folio.yaml "$TEST_DIR/folio.yaml.good"
printf '  tree/symlink: off\n' >>folio.yaml
line=$(grep -n "tree/symlink" folio.yaml | cut -d: -f1)
git commit -qam "Weaken a locked rule"
push_refused "$TEST_DIR/push3"
assert_contains "$TEST_DIR/push3" "folio.yaml:$line:3: error: rule \"tree/symlink\" cannot be changed in folio.yaml [config/syntax]"
git reset -q --hard HEAD~1

# 4. a folder outside every collection: refused, then ignored
mkdir -p archives/2019
printf -- '---\ntitle: Ancien\n---\nAncien texte.\n' >archives/2019/ancien.md
git add archives
git commit -qm "Old pages outside the collections"
push_refused "$TEST_DIR/push4"
assert_contains "$TEST_DIR/push4" "archives/2019/ancien.md: error:"
assert_contains "$TEST_DIR/push4" "[collection/unknown]"
printf 'ignore: [archives/**]\n' >>folio.yaml
git commit -qam "Ignore the archives"
push_accepted "$TEST_DIR/push5"
# the earlier commit's finding is reported fixed by the tip; the tip has none
assert_contains "$TEST_DIR/push5" "[collection/unknown] (fixed by a later commit)"
sed -n '/Ignore the archives/,$p' "$TEST_DIR/push5" >"$TEST_DIR/push5.tip"
assert_not_contains "$TEST_DIR/push5.tip" "archives/"

# 5. ignore: does not reach a locked rule: a symbolic link under archives/ is refused
ln -s ../../folio.yaml archives/2019/lien.md
git add archives
git commit -qm "A symbolic link among the archives"
push_refused "$TEST_DIR/push6"
assert_contains "$TEST_DIR/push6" "archives/2019/lien.md"
assert_contains "$TEST_DIR/push6" "[tree/symlink]"
git reset -q --hard HEAD~1

# 6. every report and folio build say the same of the tip
"$FOLIO" check --repo . >"$TEST_DIR/check.txt" || fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "[link/broken]"
assert_contains "$TEST_DIR/check.txt" "0 errors, 1 warning"
"$FOLIO" check --repo . --format json >"$TEST_DIR/check.json" || fail "json check failed"
python3 - "$TEST_DIR/check.json" <<'PY' || fail "json report: $(cat "$TEST_DIR/check.json")"
import json, sys
found = json.load(open(sys.argv[1]))[-1]["findings"]
assert any(f["rule"] == "link/broken" and f["severity"] == "warning" for f in found), found
assert not any(f["path"].startswith("archives/") for f in found), found
PY
"$FOLIO" check --repo . --format junit >"$TEST_DIR/check.xml" || fail "junit check failed"
assert_not_contains "$TEST_DIR/check.xml" "<failure"
"$FOLIO" build --worktree . --out "$TEST_DIR/public" >"$TEST_DIR/build.txt" 2>&1 ||
	fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$TEST_DIR/build.txt" "[link/broken]"
[ -f "$TEST_DIR/public/pages/presentation/index.html" ] || fail "the page was not built"

# 7. a setting with paths: applies there only; elsewhere the rule keeps its default
sed -i 's|^  link/broken: warning$|  link/broken: {severity: warning, paths: [people/**]}|' folio.yaml
rc=0
"$FOLIO" check --worktree . >"$TEST_DIR/check2.txt" 2>&1 || rc=$?
[ $rc -eq 1 ] || fail "a broken link outside people/ is not an error (exit $rc): $(cat "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" "error: link to \"/pages/page-perdue/\" points to no page"
sed -i 's|paths: \[people/\*\*\]|paths: [pages/]|' folio.yaml
"$FOLIO" check --worktree . >"$TEST_DIR/check3.txt" 2>&1 || fail "pages/ is not a warning: $(cat "$TEST_DIR/check3.txt")"
echo "ok: rules: and ignore: decide pushes, checks and builds alike; locked rules stay"

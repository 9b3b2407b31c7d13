#!/bin/bash
# Files beside a Hugo section's _index.md (a branch bundle's resources) are
# published beside its page, as Hugo publishes them: the collection's own
# beside its list (/agenda/plan.png), a sub-section's beside that page,
# following its url:, and a section's files in no bundle beside the list;
# links to them from the pages are written with that place and checked.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/agenda/2023/docs" "$site/content/agenda/misc" "$site/content/news"
printf 'baseURL = "https://lantern.example/"\ntitle = "Lantern"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Agenda\n---\nThe [plan](plan.png).\n' >"$site/content/agenda/_index.md"
printf 'PNG' >"$site/content/agenda/plan.png"
printf 'TXT' >"$site/content/agenda/misc/notes.txt"
printf -- '---\ntitle: "2023"\nurl: /archives/2023/\n---\n![map](map.png), the [programme](docs/prog.pdf), [notes](../misc/notes.txt).\n' \
	>"$site/content/agenda/2023/_index.md"
printf 'PNG' >"$site/content/agenda/2023/map.png"
printf 'PDF' >"$site/content/agenda/2023/docs/prog.pdf"
printf -- '---\ntitle: Fete\ndate: 2023-05-01\n---\nSee ![the map](map.png).\n' >"$site/content/agenda/2023/fete.md"
printf -- '---\ntitle: News\n---\nNothing.\n' >"$site/content/news/a.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
for f in agenda/plan.png archives/2023/map.png archives/2023/docs/prog.pdf agenda/misc/notes.txt; do
	[ -f "$out/$f" ] || fail "no $f in the output: $(cd "$out" && find . -type f | sort)"
done
[ -e "$out/content" ] && fail "files are published at their source path: $(cd "$out" && find content -type f)"
assert_contains "$out/agenda/index.html" 'href="/agenda/plan.png"'
assert_contains "$out/archives/2023/index.html" 'src="/archives/2023/map.png"'
assert_contains "$out/archives/2023/index.html" 'href="/archives/2023/docs/prog.pdf"'
assert_contains "$out/archives/2023/index.html" 'href="/agenda/misc/notes.txt"'
assert_contains "$out/agenda/2023/fete/index.html" 'src="/archives/2023/map.png"'

# a missing file beside a section is still a finding
rm "$site/content/agenda/2023/map.png"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a missing image should be refused (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'content/agenda/2023/_index.md:5:8: error:'
echo "ok"

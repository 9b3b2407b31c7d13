#!/bin/bash
# A relref written in a leaf bundle's index.md that goes up without an
# extension, {{< relref "../settings/players" >}} in
# content/playing/end-of-game/index.md (a user manual's layout: one
# bundle per page, a section per chapter). Hugo 0.123 and later read it
# from the bundle's section (its PathInfo's ContainerDir, content/playing/),
# so it names content/settings/players/; Hugo 0.111 read it from the
# bundle's own folder and found nothing (REF_NOT_FOUND), as folio did:
# each such link was refused (link/broken, 58 on 15 pages of the manual).
# What the bundle's folder holds comes first still ("../" read from
# content/guide/tides/ finds content/guide/currents/ as before, t344), and
# a name with an extension is Hugo's Dir() in both versions.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/playing/end-of-game" "$s/content/playing/scoring" "$s/content/settings/players" "$s/content/guide/tides" "$s/content/guide/currents"
printf 'baseURL = "https://manual.example/"\ntitle = "Manual"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Playing\n---\n' >"$s/content/playing/_index.md"
printf -- '---\ntitle: Settings\n---\n' >"$s/content/settings/_index.md"
printf -- '---\ntitle: Guide\n---\n' >"$s/content/guide/_index.md"
printf -- '---\ntitle: Players\n---\n## Human players\n\nNames.\n' >"$s/content/settings/players/index.md"
printf -- '---\ntitle: Scoring\n---\nCount.\n' >"$s/content/playing/scoring/index.md"
printf -- '---\ntitle: End of the game\n---\nSee [players]({{< relref "../settings/players" >}}), [humans]({{< relref "../settings/players#human-players" >}}), [scoring]({{< relref "scoring" >}}) and [settings]({{< relref "../settings" >}}).\n' \
	>"$s/content/playing/end-of-game/index.md"
printf -- '---\ntitle: Tides\n---\nSee [currents]({{< relref "../currents" >}}).\n' >"$s/content/guide/tides/index.md"
printf -- '---\ntitle: Currents\n---\nStrong.\n' >"$s/content/guide/currents/index.md"
o=$TEST_DIR/out
migrate_and_build hugo "$s" "$o" >/dev/null
p=$o/playing/end-of-game/index.html
assert_contains "$p" 'href="/settings/players/"'
assert_contains "$p" 'href="/settings/players/#human-players"'
assert_contains "$p" 'href="/playing/scoring/"'
assert_contains "$p" 'href="/settings/"'
assert_contains "$o/guide/tides/index.html" 'href="/guide/currents/"'
# a page that is in neither place is still refused
printf -- '---\ntitle: Board\n---\nSee [colours]({{< relref "../settings/colours" >}}).\n' >"$s/content/playing/scoring/board.md"
mkdir -p "$s/content/playing/board" && mv "$s/content/playing/scoring/board.md" "$s/content/playing/board/index.md"
r=0
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a ref to no page passed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'link/broken'
rm -r "$s/content/playing/board"
# from the state: a bundle with such a ref added, then its target moved
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
same_as_full "$r" "$TEST_DIR/pub" "first"
mkdir -p "$r/content/playing/resign"
printf -- '---\ntitle: Resign\n---\nSee [players]({{< relref "../settings/players" >}}).\n' >"$r/content/playing/resign/index.md"
git -C "$r" add -A && git -C "$r" commit -qm "a bundle"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "a bundle"
assert_contains "$TEST_DIR/pub/playing/resign/index.html" 'href="/settings/players/"'
same_as_full "$r" "$TEST_DIR/pub" "a bundle"
printf -- '---\ntitle: Players\nslug: people\n---\n## Human players\n\nNames.\n' >"$r/content/settings/players/index.md"
git -C "$r" commit -qam "the target's slug"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "slug"
assert_contains "$TEST_DIR/pub/playing/resign/index.html" 'href="/settings/people/"'
same_as_full "$r" "$TEST_DIR/pub" "slug"
echo ok

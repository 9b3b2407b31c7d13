#!/bin/bash
# Each of Hugo's languages cascades its own front matter: a French page
# below docs/v3.5/ takes {{< param version >}} from docs/v3.5/_index.fr.md
# (filename translations) or content/fr/docs/v3.5/_index.md (a content
# folder per language). folio read only _index.md, so the French pages
# showed the English section's value. A section with no translation
# still gives its own, and a change of the French section's cascade
# publishes its pages again from the state, their items in the feeds too.
# A body edit of _index.fr.md, the French home page's text, publishes /fr/.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs/v3.5" "$site/content/docs/v3.6"
cat >"$site/hugo.toml" <<'EOF'
title = "Keystore"
baseURL = "https://keystore.example/"
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.fr]
weight = 2
EOF
printf -- '---\ntitle: v3.5\ncascade:\n  version: "3.5 (English)"\n---\nDocs.\n' >"$site/content/docs/v3.5/_index.md"
printf -- '---\ntitle: v3.5\ncascade:\n  version: "3.5 (en français)"\n---\nDocs.\n' >"$site/content/docs/v3.5/_index.fr.md"
printf -- '---\ntitle: Install\n---\nVersion {{< param version >}}.\n' >"$site/content/docs/v3.5/install.md"
printf -- '---\ntitle: Installer\n---\nVersion {{< param version >}}.\n' >"$site/content/docs/v3.5/install.fr.md"
printf -- '---\ntitle: v3.6\ncascade:\n  version: "3.6"\n---\nDocs.\n' >"$site/content/docs/v3.6/_index.md"
printf -- '---\ntitle: Installer\n---\nVersion {{< param version >}}.\n' >"$site/content/docs/v3.6/install.fr.md"
printf -- '---\ntitle: Keystore\n---\nWelcome.\n' >"$site/content/_index.md"
printf -- '---\ntitle: Keystore\n---\nBienvenue.\n' >"$site/content/_index.fr.md"

"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/docs/v3.5/install/index.html" 'Version 3.5 (English).'
assert_contains "$out/fr/docs/v3.5/install/index.html" 'Version 3.5 (en français).'
assert_contains "$out/fr/docs/v3.6/install/index.html" 'Version 3.6.' # no _index.fr.md there

repo=$TEST_DIR/repo
cp -r "$site" "$repo"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm "site"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
sed -i 's/en français/version française/' "$repo/content/docs/v3.5/_index.fr.md"
git -C "$repo" commit -qam "the French cascade"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/fr/docs/v3.5/install/index.html" 'Version 3.5 (version française).'
assert_contains "$pub/docs/v3.5/install/index.html" 'Version 3.5 (English).'
same_as_full "$repo" "$pub" "the French cascade changed"

# the body of the French home page's text alone: no fast path, which
# renders pages, not the home page /fr/ it is the text of
assert_contains "$pub/fr/index.html" 'Bienvenue.'
sed -i 's/^Bienvenue\.$/Bienvenue à tous./' "$repo/content/_index.fr.md"
git -C "$repo" commit -qam "the French welcome"
publish "$repo" "$pub" "$st" "third publish"
assert_contains "$pub/fr/index.html" 'Bienvenue à tous.'
same_as_full "$repo" "$pub" "the French home text changed"
echo "ok"

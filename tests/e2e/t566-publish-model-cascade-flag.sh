#!/bin/bash
# A site loaded from a commit (a publish from the stored site model, issue
# 14) answers each page's cascades by one flag, set with the index, when no
# _index page it holds says cascade: (held ones too: a draft section's
# cascade is found there, as before). The flag is the commit's: a section
# that gains a cascade, a draft section that has one, and pages added below
# either are published as a full build publishes them, from the model.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/docs/v1" "$site/content/docs/v2" "$site/content/blog"
cat >"$site/hugo.toml" <<'EOF'
title = "Keystore"
baseURL = "https://keystore.example/"
[params]
version = "site"
EOF
printf -- '---\ntitle: v1 docs\n---\nThe v1 docs.\n' >"$site/content/docs/v1/_index.md"
printf -- '---\ntitle: v2 docs\n---\nThe v2 docs.\n' >"$site/content/docs/v2/_index.md"
printf -- '---\ntitle: Install\n---\nVersion {{< param version >}}.\n' >"$site/content/docs/v1/install.md"
printf -- '---\ntitle: Install\n---\nVersion {{< param version >}}.\n' >"$site/content/docs/v2/install.md"
printf -- '---\ntitle: News\ndate: 2024-01-02\n---\nVersion {{< param version >}}.\n' >"$site/content/blog/news.md"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"

repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
assert_contains "$pub/docs/v1/install/index.html" 'Version site.'

n=0
# from_model LABEL: HEAD published from the site model, then as a full build
from_model() {
	n=$((n + 1))
	FOLIO_TRACE=1 "$FOLIO" build --repo "$repo" --rev HEAD --out "$pub" --state "$st" \
		>/dev/null 2>"$TEST_DIR/trace$n" || { cat "$TEST_DIR/trace$n" >&2; fail "$1: the publish failed"; }
	grep -q "from the site model" "$TEST_DIR/trace$n" ||
		{ cat "$TEST_DIR/trace$n" >&2; fail "$1: not published from the site model"; }
	same_as_full "$repo" "$pub" "$1"
}
# a page with no param of its own: the judge's partial site cannot look
# for a cascade (it steps aside), the model's loaded site can
add_page() { # FOLDER NAME
	printf -- '---\ntitle: %s\ndate: 2024-03-01\n---\nA page.\n' "$2" >"$repo/content/$1/$2.md"
	git -C "$repo" add -A && git -C "$repo" commit -qm "add $1/$2"
}

# no section cascades: an added page takes the site's value
add_page docs/v1 upgrade
from_model "an added page, no cascade"
assert_contains "$pub/docs/v1/install/index.html" 'Version site.'

# a section gains a cascade: its pages are published again with it
sed -i 's/^title: v1 docs$/title: v1 docs\ncascade:\n  version: "1.0"/' "$repo/content/docs/v1/_index.md"
git -C "$repo" commit -qam "the v1 docs cascade their version"
publish "$repo" "$pub" "$st" "the cascade added"
same_as_full "$repo" "$pub" "the cascade added"
assert_contains "$pub/docs/v1/install/index.html" 'Version 1.0.'
assert_contains "$pub/docs/v2/install/index.html" 'Version site.'

# a page added below it, from the model: the cascade found
add_page docs/v1 tuning
from_model "an added page below a cascade"
assert_contains "$pub/docs/v1/install/index.html" 'Version 1.0.'
assert_contains "$pub/blog/news/index.html" 'Version site.'

# the cascade removed: no section cascades again, from the model too
sed -i '/^cascade:$/d; /^  version: "1.0"$/d' "$repo/content/docs/v1/_index.md"
git -C "$repo" commit -qam "the v1 docs cascade no more"
publish "$repo" "$pub" "$st" "the cascade removed"
same_as_full "$repo" "$pub" "the cascade removed"
assert_contains "$pub/docs/v1/install/index.html" 'Version site.'
add_page docs/v1 backup
from_model "an added page, the cascade gone"
assert_contains "$pub/docs/v1/install/index.html" 'Version site.'

# a draft section with a cascade (a held page), then a page added below it
sed -i 's/^title: v2 docs$/title: v2 docs\ndraft: true\ncascade:\n  version: "2.0-draft"/' "$repo/content/docs/v2/_index.md"
git -C "$repo" commit -qam "the v2 docs: a draft that cascades"
publish "$repo" "$pub" "$st" "a draft section's cascade"
same_as_full "$repo" "$pub" "a draft section's cascade"
add_page docs/v2 upgrade
from_model "an added page below a draft section's cascade"
[ -f "$pub/docs/v2/upgrade/index.html" ] || fail "the page below the draft section was not published"
add_page blog later
from_model "an added page elsewhere, a draft section cascading"
echo "ok"

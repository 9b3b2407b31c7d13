#!/bin/bash
# A {{< relref "wren" >}} is written as the address of the page it names,
# which the site decides: when that page took a slug:, an incremental
# publish deleted its old address and left every page and list linking
# there through a relref as they were (cuelang.org: 12 list pages). Its
# link is now placed, as a link to the page's file is: the pages showing
# it are rendered again, and the output is a full build's.
. "$(dirname "$0")/lib.sh"

site="$TEST_DIR/site" repo="$TEST_DIR/repo" out="$TEST_DIR/out" st="$TEST_DIR/state"
mkdir -p "$site/content/birds"
printf 'baseURL = "https://birds.example/"\ntitle = "Birds"\n' >"$site/hugo.toml"
printf -- '---\ntitle: Birds\n---\nStart with [the wren]({{< relref "birds/wren" >}}).\n' >"$site/content/birds/_index.md"
printf -- '---\ntitle: The avocet\n---\nCompare [the wren]({{< relref "wren" >}}), or <a href="{{< relref "wren.md#song" >}}">its song</a>.\n' >"$site/content/birds/avocet.md"
printf -- '---\ntitle: The wren\n---\n## Song\nLoud.\n' >"$site/content/birds/wren.md"
printf -- '---\ntitle: The heron\n---\nTall.\n' >"$site/content/birds/heron.md"
"$FOLIO" init --from hugo "$site" >/dev/null 2>&1 || fail "init"
sed -i 's/^allow_html: false/allow_html: true/' "$site/folio.yaml"
sed -i '/^page_size:/d' "$site/folio.yaml" # init wrote Hugo's 10
printf 'page_size: 1\n' >>"$site/folio.yaml"
repo_of "$site" "$repo"
publish "$repo" "$out" "$st" "base"
assert_contains "$out/birds/avocet/index.html" 'href="/birds/wren/"'

sed -i '0,/^title:/s/^title:/slug: jenny-wren\ntitle:/' "$repo/content/birds/wren.md"
git -C "$repo" -c user.name=t -c user.email=t@x commit -qam "the wren gets a slug"
publish "$repo" "$out" "$st" "slug"
[ ! -e "$out/birds/wren/index.html" ] || fail "the old address is still published"
assert_contains "$out/birds/avocet/index.html" 'href="/birds/jenny-wren/"'
assert_contains "$out/birds/avocet/index.html" 'href="/birds/jenny-wren/#song"'
[ -f "$out/birds/page/2/index.html" ] || fail "no second list page"
assert_contains "$out/birds/page/2/index.html" '/birds/jenny-wren/'
assert_not_contains "$out/birds/page/2/index.html" '/birds/wren/'
same_as_full "$repo" "$out" "slug"
echo ok

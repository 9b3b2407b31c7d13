#!/bin/bash
# A ref written in a leaf bundle's index.md (guide/tides/index.md) names
# pages beside the bundle, as Hugo's GetPage looks one level up from a
# bundle unless the path goes up itself: cuelang.org's relref "modules"
# and "buttons/index.md" were refused (link/broken, naming a file that
# never was).
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/guide/tides" "$s/content/guide/currents" "$s/content/guide/charts/legend" "$s/content/archive/currents"
printf 'baseURL = "https://sea.example/"\ntitle = "Sea"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Guide\n---\n' >"$s/content/guide/_index.md"
printf -- '---\ntitle: Tides\n---\nSee [the currents]({{< relref "currents" >}}), [the legend]({{< ref "charts/legend/index.md" >}}) and [the archive]({{< relref "../../archive/currents" >}}).\n' >"$s/content/guide/tides/index.md"
printf -- '---\ntitle: Currents\n---\nStrong.\n' >"$s/content/guide/currents/index.md"
printf -- '---\ntitle: Charts\n---\n' >"$s/content/guide/charts/_index.md"
printf -- '---\ntitle: Legend\n---\nSymbols.\n' >"$s/content/guide/charts/legend/index.md"
printf -- '---\ntitle: Archive\n---\n' >"$s/content/archive/_index.md"
printf -- '---\ntitle: Old currents\n---\nOld.\n' >"$s/content/archive/currents/index.md"
out="$TEST_DIR/out"
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/guide/tides/index.html" 'href="/guide/currents/"'
assert_contains "$out/guide/tides/index.html" '/guide/charts/legend/'
assert_contains "$out/guide/tides/index.html" 'href="/archive/currents/"'
echo ok

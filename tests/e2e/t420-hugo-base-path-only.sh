#!/bin/bash
# A Hugo site whose baseURL is a path alone (baseURL = "/site/", as Agones'
# site has it): Hugo puts every address below /site/ (Hugo 0.111: a ref
# gives /site/docs/two/). folio init wrote base_url: https://example.org and
# the path was lost, every address differed from Hugo's.
# 1. base_url keeps the path on a placeholder host, and init says so.
# 2. The pages' links carry the path, as Hugo's; the files are written at
#    the output's root, as Hugo writes them.
# 3. baseURL = "/" (and YAML's baseURL: /) is a site at the root: base_url
#    https://example.org, no path.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/docs" "$s/static/img"
cat >"$s/config.toml" <<'TOML'
baseURL = "/site/"
title = "Jeux"
TOML
printf -- '---\ntitle: Un\n---\nVoir [deux]({{< ref "two.md" >}}) et ![i](/site/img/a.png).\n' >"$s/content/docs/one.md"
printf -- '---\ntitle: Deux\n---\nDeux.\n' >"$s/content/docs/two.md"
printf 'png' >"$s/static/img/a.png"
# 1
migrate_and_build hugo "$s" "$TEST_DIR/out"
grep -qx 'base_url: "https://example.org/site"' "$s/folio.yaml" || fail "1: $(grep base_url "$s/folio.yaml")"
assert_contains "$TEST_DIR/init.txt" "base_url is https://example.org/site, baseURL's path on a placeholder host"
# 2
o=$TEST_DIR/out
assert_contains "$o/docs/one/index.html" 'href="/site/docs/two/"'
assert_contains "$o/docs/one/index.html" 'src="/site/img/a.png"'
assert_contains "$o/docs/one/index.html" 'href="/site/docs/"'
[ -f "$o/img/a.png" ] || fail "2: the image is not at the output's root"
# 3
n=0
for cfg in 'baseURL = "/"' ''; do
	r=$TEST_DIR/root$((++n))
	mkdir -p "$r/content/docs"
	printf '%s\ntitle = "Racine"\n' "$cfg" >"$r/config.toml"
	printf -- '---\ntitle: Un\n---\nUn.\n' >"$r/content/docs/one.md"
	migrate_and_build hugo "$r" "$TEST_DIR/rout$n"
	grep -qx 'base_url: "https://example.org"' "$r/folio.yaml" || fail "3: $(grep base_url "$r/folio.yaml")"
	assert_contains "$TEST_DIR/rout$n/docs/one/index.html" 'href="/docs/"'
done
y=$TEST_DIR/yaml
mkdir -p "$y/content/docs"
printf 'baseURL: /\ntitle: Racine\n' >"$y/config.yaml"
printf -- '---\ntitle: Un\n---\nUn.\n' >"$y/content/docs/one.md"
migrate_and_build hugo "$y" "$TEST_DIR/yout"
grep -qx 'base_url: "https://example.org"' "$y/folio.yaml" || fail "3: yaml: $(grep base_url "$y/folio.yaml")"
echo "t420 ok"

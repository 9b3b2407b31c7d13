#!/bin/bash
# A site's own figure shortcode that writes a relative src against the
# page's permalink ($.Page.Permalink, as a lab's Wowchemy site keeps it)
# and names absURL only in a template comment ("Cannot use absURL below
# ..."): init read the word as a call, wrote figure_src: root, and each
# {{< figure src="arm.png" >}} of a bundle was refused as a link to
# /arm.png missing from static/ (link/asset), though Hugo writes the image
# beside the page (checked with Hugo 0.111: /projects/arm/arm.png). A
# template that does write src through absURL or relURL outside a comment
# is still read from the site's root.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/projects/arm" "$s/layouts/shortcodes" "$s/static/images"
printf 'baseURL = "https://robots.example/"\ntitle = "Robots"\n' >"$s/hugo.toml"
cat >"$s/layouts/shortcodes/figure.html" <<'TPL'
{{ $image := .Get "src" }}
<figure>
{{- if (findRE "^/" $image) -}}
  {{- /* Cannot use absURL below: it drops a baseURL's folder. */ -}}
  <img src="{{ printf "%s%s" (site.BaseURL | replaceRE "/$" "") $image }}">
{{- else -}}
  {{/* relURL would resolve it from the root */}}
  <img src="{{ printf "%s%s" $.Page.Permalink $image }}">
{{- end -}}
</figure>
TPL
printf -- '---\ntitle: Arm\n---\nTwo joints.\n\n{{< figure src="arm.png" caption="The arm" >}}\n' >"$s/content/projects/arm/index.md"
printf 'PNG' >"$s/content/projects/arm/arm.png"
o=$TEST_DIR/out
migrate_and_build hugo "$s" "$o" >/dev/null
assert_not_contains "$s/folio.yaml" 'figure_src: root'
assert_contains "$o/projects/arm/index.html" 'src="/projects/arm/arm.png"'
[ -f "$o/projects/arm/arm.png" ] || fail "the image is not beside its page"
# the same template writing src through relURL: from the site's root
sed -i 's|{{ printf "%s%s" $.Page.Permalink $image }}|{{ $image \| relURL }}|' "$s/layouts/shortcodes/figure.html"
printf 'PNG' >"$s/static/images/arm.png"
sed -i 's|src="arm.png"|src="images/arm.png"|' "$s/content/projects/arm/index.md"
rm -rf "$o"
"$FOLIO" init --from hugo --force "$s" >"$TEST_DIR/init2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$s/folio.yaml" 'figure_src: root'
"$FOLIO" build --worktree "$s" --out "$o" >"$TEST_DIR/build2.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build2.txt")"
assert_contains "$o/projects/arm/index.html" 'src="/images/arm.png"'
echo ok

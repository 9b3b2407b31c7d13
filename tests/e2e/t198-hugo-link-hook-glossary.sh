#!/bin/bash
# A Hugo site whose link render hook (layouts/_markup/render-link.html, as
# Hugo's own docs have) turns [term](g) into a link to the glossary's entry:
# folio runs no Go templates, so folio init --from hugo declares it
# (link_hooks: in folio.yaml), and check and build write such a link to the
# glossary page with the term as its fragment, the term found among the
# glossary's files (plurals too, and the words the hook's dict maps by
# hand), a text that names no term refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_initfrom.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/layouts/_markup" "$site/content/guide" "$site/content/reference/glossary"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://lantern.example/"
title = "Lantern"
TOML
cat >"$site/layouts/_markup/render-link.html" <<'GO'
{{- $u := urls.Parse .Destination }}
{{- if eq $u.String "g" }}
  {{- $glossary := site.GetPage "/reference/glossary" }}
  {{- $byhand := dict
	"trimming" "wick"
	"lanterns" "lantern-glass"
  }}
  {{- $term := or (index $byhand (.PlainText | strings.ToLower)) (.PlainText | strings.ToLower) }}
  <a href="{{ $glossary.RelPermalink }}#{{ anchorize $term }}">{{ .Text }}</a>
{{- else }}
  {{- $attrs := dict "rel" "external" }}
  <a href="{{ .Destination | safeURL }}" {{ $attrs }}>{{ .Text }}</a>
{{- end }}
GO
cat >"$site/content/reference/glossary/_index.md" <<'MD'
---
title: Glossary
build:
  render: always
cascade:
  build:
    render: never
---
{{% glossary %}}
MD
for t in page-bundle taxonomy branch wick; do
	printf -- '---\ntitle: %s\n---\nA %s.\n' "$t" "$t" >"$site/content/reference/glossary/$t.md"
done
cat >"$site/content/guide/lighting.md" <<'MD'
---
title: Lighting
---
Trim the [wick](g), group [page bundles](g) in [taxonomies](g) and
[Branches](g), then read the [glossary](/reference/glossary/) on
[Trimming](g).
MD
cat >"$site/content/guide/typo.md" <<'MD'
---
title: Typo
---
Light the [candle](g).
MD
tree_sums "$site" >"$TEST_DIR/before.sums"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
tree_sums "$site" | cmp -s "$TEST_DIR/before.sums" - || fail "init touched the site's files"
cat "$TEST_DIR/init.txt"
assert_contains "$TEST_DIR/init.txt" 'layouts/_markup/render-link.html: links written [text](g) go to /reference/glossary/#{term}'
# the hook's words are kept when they name a term ("lanterns" names none,
# nor does the other dict's "rel")
assert_contains "$site/folio.yaml" $'  - target: "g"\n    url: "/reference/glossary/#{term}"\n    terms: "content/reference/glossary"\n    words: # the texts the hook maps by hand\n      "trimming": "wick"\ncollections:'

r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse the link to no term (exit $r)"
assert_contains "$TEST_DIR/check.txt" \
	'content/guide/typo.md:4:20: error: link to "g" names no term of its link hook: no file "candle.md" in its terms folder [link/broken]'
assert_contains "$TEST_DIR/check.txt" 'checked the worktree: 1 error, 1 warning'

rm "$site/content/guide/typo.md"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
page=$out/guide/lighting/index.html
assert_contains "$page" 'href="/reference/glossary/#wick">Trimming</a>'
for frag in wick page-bundle taxonomy branch; do
	assert_contains "$page" "href=\"/reference/glossary/#$frag\""
done
[ -f "$out/reference/glossary/index.html" ] || fail "the glossary page is not published"
[ -e "$out/reference/glossary/wick/index.html" ] && fail "a glossary term is published: Hugo renders them never"
echo "ok"

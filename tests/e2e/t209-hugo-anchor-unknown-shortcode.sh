#!/bin/bash
# An anchor that folio cannot see is not called missing. Hugo's docs pull
# shared text in with their own include shortcode ({{% include "/_common/
# spec.md" %}}), whose headings links name; folio does not run that
# template, so a link to such an anchor is a warning naming the shortcode
# (link/anchor-unchecked), never an error naming no defect: the build goes
# on. A page without unknown shortcodes still refuses a missing anchor. The
# glossary's URL written out with a term as its fragment
# ("/reference/glossary/#wick") is a term's link, as [wick](g) is: it
# builds when the term has its file, and is refused naming the missing file
# when not. From the state (check --state, the target page a stub), the
# same verdict as a full check.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_check.sh"
export FOLIO_FINDINGS_LANG=en

repo=$TEST_DIR/repo
mkdir -p "$repo/layouts/_markup" "$repo/layouts/_shortcodes" "$repo/content/guide" \
	"$repo/content/_common" "$repo/content/reference/glossary"
cat >"$repo/hugo.toml" <<'TOML'
baseURL = "https://lantern.example/"
title = "Lantern"
TOML
cat >"$repo/layouts/_shortcodes/include.html" <<'GO'
{{- with .Get 0 }}{{ with or ($.Page.GetPage .) (site.GetPage .) }}{{ .RenderShortcodes }}{{ end }}{{ end }}
GO
cat >"$repo/layouts/_markup/render-link.html" <<'GO'
{{- $u := urls.Parse .Destination }}
{{- if eq $u.String "g" }}
  {{- $glossary := site.GetPage "/reference/glossary" }}
  <a href="{{ $glossary.RelPermalink }}#{{ anchorize .PlainText }}">{{ .Text }}</a>
{{- else }}
  <a href="{{ .Destination | safeURL }}">{{ .Text }}</a>
{{- end }}
GO
printf -- '---\ntitle: Glossary\nbuild:\n  render: always\ncascade:\n  build:\n    render: never\n---\n{{%% glossary %%}}\n' \
	>"$repo/content/reference/glossary/_index.md"
printf -- '---\ntitle: wick\n---\nThe wick.\n' >"$repo/content/reference/glossary/wick.md"
printf -- '---\ntitle: Spec\n---\n## Processing specification\n\nHow.\n' >"$repo/content/_common/spec.md"
printf -- '---\ntitle: Crop\n---\nCrop it: see [the specification](#processing-specification).\n\n{{%% include "/_common/spec.md" %%}}\n' \
	>"$repo/content/guide/crop.md"
printf -- '---\ntitle: Fill\n---\nAs [crop does](/guide/crop/#processing-specification), trim the\n[wick](/reference/glossary/#wick).\n' \
	>"$repo/content/guide/fill.md"
printf -- '---\ntitle: Plain\n---\n## Usage\n\nNothing else.\n' >"$repo/content/guide/plain.md"
"$FOLIO" init --from hugo "$repo" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$repo/folio.yaml" 'url: "/reference/glossary/#{term}"'

out=$TEST_DIR/out
"$FOLIO" build --worktree "$repo" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused anchors an unknown shortcode may make: $(cat "$TEST_DIR/build.txt")"
cat "$TEST_DIR/build.txt"
assert_contains "$TEST_DIR/build.txt" \
	'content/guide/crop.md:4:34: warning: link to "#processing-specification": "content/guide/crop.md" has no heading with id "processing-specification", but shortcodes folio does not know may make one there ("include"): not checked [link/anchor-unchecked]'
assert_contains "$TEST_DIR/build.txt" \
	'content/guide/fill.md:4:16: warning: link to "/guide/crop/#processing-specification": "content/guide/crop.md" has no heading with id "processing-specification", but shortcodes folio does not know may make one there ("include"): not checked [link/anchor-unchecked]'
assert_not_contains "$TEST_DIR/build.txt" 'glossary/#wick'
assert_contains "$out/guide/fill/index.html" 'href="/reference/glossary/#wick"'

# a page folio reads whole: a missing anchor is still refused; a term the
# glossary lacks too, naming its file
printf -- '---\ntitle: Typo\n---\nSee [usage](/guide/plain/#nowhere) and the [lamp](/reference/glossary/#lamp).\n' \
	>"$repo/content/guide/typo.md"
r=0
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 1 ] || fail "check should refuse the missing anchor and term (exit $r)"
assert_contains "$TEST_DIR/check.txt" \
	'content/guide/typo.md:4:13: error: link to "/guide/plain/#nowhere": "content/guide/plain.md" has no heading with id "nowhere" [link/anchor]'
assert_contains "$TEST_DIR/check.txt" \
	'content/guide/typo.md:4:51: error: link to "/reference/glossary/#lamp" names no term of its link hook: no file "lamp.md" in its terms folder [link/broken]'

# from the state: crop.md unchanged is a stub, and fill.md's link to it
# is judged as in a full check
rm "$repo/content/guide/typo.md"
cd "$repo"
git init -q . && git add -A && git commit -qm "Lantern"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" 2>/dev/null \
	|| fail "the site did not publish"
printf '\nOne more line, with [the spec again](/guide/crop/#processing-specification).\n' >>content/guide/fill.md
git commit -qam "fill: one more line"
same_as_full judged # kept warnings of shortcodes (shortcode/unknown, link/anchor-unchecked) are page-local
assert_contains "$TEST_DIR/fast1.text" '[link/anchor-unchecked]'

# the target drops its include: fill.md, unchanged, now names a missing
# anchor (an error), and check --state says so as a full check does
sed -i '/include/d' content/guide/crop.md
git commit -qam "crop: the shared text goes"
same_as_full whole # its anchors, which another page links to, changed: the site is read whole
assert_contains "$TEST_DIR/fast2.text" 'content/guide/fill.md:4:16: error: link to "/guide/crop/#processing-specification"'
echo "ok"

#!/bin/bash
# A vimeo shortcode whose id carries the player's query, as copied from
# Vimeo's embed code ({{< vimeo "480259831?muted=1" >}}, an unlisted
# video's "?h=8a2f1c"): Hugo writes it into the player's address as it is;
# folio refused the page (shortcode/invalid, "vimeo needs a numeric video
# id"), and under --baseline wrote it without its video (the thirty-fourth
# pass's association). The id is read before the '?', the query kept after
# dnt=1 when it holds only names, values and '&' (escaped in the
# attribute), dropped otherwise.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/videos"
printf 'title = "Institut coopératif"\nbaseURL = "https://institut.example/"\nlanguageCode = "fr"\n' >"$s/hugo.toml"
cat >"$s/content/videos/seminaire.md" <<'MD'
---
title: Le séminaire en vidéo
---
{{< vimeo "480259831?muted=1" >}}

{{< vimeo "76979871?h=8a2f1c&autoplay=1" >}}

{{< vimeo "146022717?a=<b>\"" >}}

{{< vimeo "https://vimeo.com/112233?share=copy" >}}
MD
migrate_and_build hugo "$s" "$TEST_DIR/out"
p=$TEST_DIR/out/videos/seminaire/index.html
assert_contains "$p" '<iframe src="https://player.vimeo.com/video/480259831?dnt=1&amp;muted=1"'
assert_contains "$p" '<iframe src="https://player.vimeo.com/video/76979871?dnt=1&amp;h=8a2f1c&amp;autoplay=1"'
assert_contains "$p" '<iframe src="https://player.vimeo.com/video/146022717?dnt=1"'
assert_contains "$p" '<iframe src="https://player.vimeo.com/video/112233?dnt=1&amp;share=copy"'
assert_not_contains "$p" '<b>'
echo "ok"

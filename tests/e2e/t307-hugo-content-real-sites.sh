#!/bin/bash
# Content as real Hugo sites write it, which folio refused (a scout of ten
# new sites, stop 33):
# - pyOpenSci's theme has its own figure shortcode, which writes src
#   through relURL: {{< figure src="images/x.png" >}} is /images/x.png
#   (static/), not beside the page; init reads the override
#   (figure_src: root);
# - links to /about/index.html, the file Hugo writes the page at;
# - {{< youtube id="NfF61CR1jf8?t=44" >}} and "/id", pasted from links, and
#   the video's whole address (youtube.com/watch?v=, youtu.be/, vimeo.com/);
# - an iframe written //host/...: its host is in the embeds init writes;
# - raw HTML src="images\a.png" and src="a.png  ", as browsers read them;
# - heading ids made of the heading's source line, as Goldmark makes them:
#   "## Close, but&nbsp;." has the id close-butnbsp (brycewray.com links so).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/blog" "$site/content/about" "$site/content/project/x/images" "$site/static/images" \
	"$site/themes/clean/layouts/shortcodes" "$site/layouts"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://org.example/"
title = "Org"
theme = "clean"
[markup.goldmark.renderer]
unsafe = true
TOML
printf '<html></html>' >"$site/layouts/baseof.html"
printf '<figure><img src="{{ .Get "src" | relURL }}" alt="{{ .Get "alt" }}"></figure>\n' \
	>"$site/themes/clean/layouts/shortcodes/figure.html"
printf 'PNG' >"$site/static/images/timeline.png"
printf 'PNG' >"$site/content/project/x/images/a.png"
printf -- '---\ntitle: About\n---\n## Team & staff\n\n## Close, but&nbsp;.&nbsp;.\n\n## See [the docs](https://example.com/docs)\n\nBIT STRING and OCTET STRING\n---------------------------\n\nTwo lines\nof a heading\n===\n' \
	>"$site/content/about/_index.md"
cat >"$site/content/blog/post.md" <<'MD'
---
title: Post
date: 2024-01-01
---
{{< figure src="images/timeline.png" alt="Timeline" >}}

[About](/about/index.html), [the team](/about/index.html#team--staff),
[close](/about/#close-butnbspnbsp), [docs](/about/#see-the-docshttpsexamplecomdocs).

{{< youtube id="NfF61CR1jf8?t=44" >}}

{{< youtube "/gWGLAAYdbbc" >}}

{{< youtube "https://www.youtube.com/watch?v=aBcD3fGh1jK&t=90" >}}

{{< youtube "https://youtu.be/Zz9_yY8-xX7" >}}

{{< vimeo "https://vimeo.com/76979871" >}}

<iframe src="//www.slideshare.net/slideshow/embed_code/key/x1" width="595"></iframe>

<div><iframe sandbox='allow-scripts' src='https://www.mentimeter.com/app/presentation/x/embed' width='420'></iframe></div>
MD
printf -- '---\ntitle: X\n---\n<p><img src="images\\a.png"> <img src="images/a.png  "></p>\n' \
	>"$site/content/project/x/index.html"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
assert_contains "$site/folio.yaml" 'figure_src: root'
assert_contains "$out/blog/post/index.html" '<img src="/images/timeline.png" alt="Timeline">'
assert_contains "$out/blog/post/index.html" 'src="https://www.youtube-nocookie.com/embed/NfF61CR1jf8?start=44"'
assert_contains "$out/blog/post/index.html" 'src="https://www.youtube-nocookie.com/embed/gWGLAAYdbbc"'
# the video's address pasted whole (onweru/compose's pages), as its own
# youtube shortcode and Hugo's read it
assert_contains "$out/blog/post/index.html" 'src="https://www.youtube-nocookie.com/embed/aBcD3fGh1jK?start=90"'
assert_contains "$out/blog/post/index.html" 'src="https://www.youtube-nocookie.com/embed/Zz9_yY8-xX7"'
assert_contains "$out/blog/post/index.html" 'src="https://player.vimeo.com/video/76979871?dnt=1"'
# an iframe of the page's own scheme (//host/, nats.io's slides): its host in embeds:
assert_contains "$site/folio.yaml" '"www.slideshare.net"'
# an iframe whose src is written in single quotes: its host is in embeds:
assert_contains "$site/folio.yaml" '"www.mentimeter.com"'
assert_contains "$out/blog/post/index.html" "src='https://www.mentimeter.com/app/presentation/x/embed'"
assert_contains "$out/about/index.html" 'id="close-butnbspnbsp"'
assert_contains "$out/about/index.html" 'id="see-the-docshttpsexamplecomdocs"'
# setext headings (letsencrypt.org's): their last line, as Goldmark takes it
assert_contains "$out/about/index.html" 'id="bit-string-and-octet-string"'
assert_contains "$out/about/index.html" 'id="of-a-heading"'
assert_contains "$out/project/x/index.html" 'src="/project/x/images/a.png"'

# carvel.dev's links name a page's file with a slash after it, which its
# link render hook hands to GetPage, which trims it
printf -- '---\ntitle: Overview\ndate: 2024-04-01\n---\n## specFetch\n' >"$site/content/blog/app-overview.md"
printf -- '---\ntitle: Auth\ndate: 2024-04-02\n---\nSee [fetch](app-overview.md/#specfetch) and [it](app-overview.md/).\n' \
	>"$site/content/blog/auth.md"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/md-slash.txt" 2>&1 || fail "a link to x.md/ was refused: $(cat "$TEST_DIR/md-slash.txt")"
rm "$site/content/blog/app-overview.md" "$site/content/blog/auth.md"

# rclone's docs: Hugo's autoHeadingIDType blackfriday, read by init
bf=$TEST_DIR/blackfriday
mkdir -p "$bf/content/docs"
printf '{\n\t"baseURL": "https://rclone.example/",\n\t"title": "Rclone",\n\t"markup": {"goldmark": {"parser": {"autoHeadingIDType": "blackfriday"}}}\n}\n' \
	>"$bf/config.json"
printf -- '---\ntitle: Docs\n---\n## --fast-list\n\n### Symlinks / Junction points\n\nSee [fl](#fast-list), [sj](#symlinks-junction-points).\n' \
	>"$bf/content/docs/a.md"
migrate_and_build hugo "$bf" "$TEST_DIR/bf-out"
assert_contains "$bf/folio.yaml" 'title: "Rclone"'
assert_contains "$bf/folio.yaml" 'heading_ids: blackfriday'
assert_contains "$TEST_DIR/bf-out/docs/a/index.html" 'id="fast-list"'
assert_contains "$TEST_DIR/bf-out/docs/a/index.html" 'id="symlinks-junction-points"'

# a missing one is still named: from the root, and beside the page; a
# pusher's src read from the root climbs nowhere and runs nothing
printf -- '---\ntitle: Climb\ndate: 2024-02-02\n---\n{{< figure src="../../../../etc/passwd" >}}\n\n{{< figure src="javascript:alert(1)" >}}\n' \
	>"$site/content/blog/climb.md"
printf -- '---\ntitle: Gone\ndate: 2024-02-01\n---\n{{< figure src="images/gone.png" >}}\n[x](/nowhere/index.html) <img src="images\\\\none.png">\n' \
	>"$site/content/blog/gone.md"
# a script's text is no HTML: tidyverse's "<a href=" in a string is no link (the script itself is refused)
mkdir -p "$site/content/blog/script"
printf -- '---\ntitle: Script\ndate: 2024-03-01\n---\n<p>Text</p>\n<script>\nvar s = '"'"'<a href="/in-a-script/">x</a>'"'"';\n</script>\n' \
	>"$site/content/blog/script/index.html"
rc=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ "$rc" = 1 ] || fail "missing files passed (rc $rc)"
assert_contains "$TEST_DIR/check.txt" 'link to "/images/gone.png"'
assert_contains "$TEST_DIR/check.txt" 'link to "/nowhere/index.html"'
assert_contains "$TEST_DIR/check.txt" 'images/none.png'
assert_contains "$TEST_DIR/check.txt" 'content/blog/climb.md:5:1: error: link to "/../../../../etc/passwd" points to no page'
assert_contains "$TEST_DIR/check.txt" 'content/blog/climb.md:7:1: error: link "javascript:alert(1)" runs script (javascript:): written without its URL [html/active]'
assert_contains "$TEST_DIR/check.txt" 'content/blog/script/index.html:6:1: error: active HTML tag "<script>"'
assert_not_contains "$TEST_DIR/check.txt" 'in-a-script'
echo "ok"

#!/bin/bash
# An image written inline as data (vitess.io's blog post holds a
# screenshot as ![](data:image/png;base64,...)) was refused as a link of
# an unknown scheme, though the browser shows it and cmark-gfm keeps it.
# Now an image in one of the raster types cmark-gfm's safe mode keeps
# (png, gif, jpeg, webp) passes; a data: link a reader would follow
# (data:text/html: html/active, a locked rule), and an SVG image, which
# cmark-gfm drops, stay errors.
# A link in the scheme of an app (vscode:extension/...) passes, as tel: does.
# A query names no other page: /events/?year=2024 is /events/ (beta.gouv.fr's
# /startups/?incubateur=x was refused), but /nowhere/?a=b stays broken.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site"
cd "$site"
png='data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=='
cat >pages/capture.md <<EOF
---
title: Capture
---

![one pixel]($png) and ![a gif](data:image/GIF;base64,R0lGODlhAQABAAAAACw=).
[Install the extension](vscode:extension/ms-azuretools.vscode-dapr), an app's own scheme.
The [2024 events](/events/?year=2024) and [2023s](https://iscra.example/events/?year=2023#top), a query on a list.
EOF
git add -A && git commit -qm "an inlined image"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
cat "$TEST_DIR/check.txt"
[ $r -eq 0 ] || fail "an inlined raster image should pass (exit $r)"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/pages/capture/index.html" "<img src=\"$png\" alt=\"one pixel\""

cat >>pages/capture.md <<'EOF'

[gone](/nowhere/?a=b).
[a page as data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and ![an svg](data:image/svg+xml;base64,PHN2Zy8+).
EOF
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "a data: link and an SVG data image should be errors (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'error: link to "/nowhere/?a=b" points to no page [link/broken]'
assert_contains "$TEST_DIR/check2.txt" 'pages/capture.md:10:18: error: link "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" runs script (data:): written without its URL [html/active]'
assert_contains "$TEST_DIR/check2.txt" 'link "data:image/svg+xml;base64,PHN2Zy8+" uses a scheme other than http'
echo "ok"

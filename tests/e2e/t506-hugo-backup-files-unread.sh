#!/bin/bash
# Hugo does not read a content file whose name ends in '~' or starts with
# '#' (an editor's backup or autosave: index.md~, #a.png#), whatever
# ignoreFiles says: neither a page nor a bundle's resource. folio published
# each at its path, /posts/x/index.md~ (the page's old source, a draft's
# text with it) and /posts/y.md~ among them. Hugo 0.111 on this fixture
# writes /posts/x/a.png and the bundle's sub/f.txt and sub/e.txt~ (a
# bundle's sub-folder is not filtered), and static/s.css~ (static/ is
# copied as it is), none of the others. Twenty-ninth pass, "Not done".
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts/x/sub" "$s/static"
printf 'baseURL = "https://b.example/"\ntitle = "B"\n' >"$s/hugo.toml"
printf -- '---\ntitle: X\n---\nText.\n' >"$s/content/posts/x/index.md"
printf -- '---\ntitle: X\n---\nOld draft text.\n' >"$s/content/posts/x/index.md~"
echo a >"$s/content/posts/x/a.png"
echo b >"$s/content/posts/x/b.png~"
echo c >"$s/content/posts/x/#c.png#"
echo e >"$s/content/posts/x/sub/e.txt~"
echo f >"$s/content/posts/x/sub/f.txt"
printf -- '---\ntitle: Y\n---\nY backup.\n' >"$s/content/posts/y.md~"
echo s >"$s/static/s.css~"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/init.txt" "4 files whose names Hugo does not read (an editor's backup or autosave"
assert_contains "$out/posts/x/index.html" 'Text.'
[ -e "$out/posts/x/a.png" ] && [ -e "$out/posts/x/sub/f.txt" ] && [ -e "$out/posts/x/sub/e.txt~" ] \
	&& [ -e "$out/s.css~" ] || fail "a file Hugo publishes is missing: $(cd "$out" && find . -type f | sort | tr '\n' ' ')"
for f in posts/x/index.md~ posts/x/b.png~ 'posts/x/#c.png#' posts/y.md~; do
	[ ! -e "$out/$f" ] || fail "$f is published, which Hugo does not read"
done
grep -rqF 'Old draft text' "$out" && fail "the backup's text is published"
echo "ok"

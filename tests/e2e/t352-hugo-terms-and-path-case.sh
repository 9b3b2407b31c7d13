#!/bin/bash
# Hugo makes a term's address with urlize, which keeps letters of any
# script (/tags/中文/, /tags/café/), where folio transliterated them
# (/tags/zhong-wen/: hugo-theme-even's four CJK term pages moved). And
# disablePathToLower: true keeps capitals in every address, files' and
# terms' (velero's /blog/My-Post/ and /tags/Velero/), which init now
# reads (slug_case: keep, term_case: keep). And frontmatter: {date:
# [":filename", ...]} names and dates a page by its file name
# (2020-05-27-csi-integration.md at /blog/csi-integration/, dated so,
# where folio put it at its title's address and sorted the blog by title).
# A section's permalink naming its own folder places a page of a subfolder
# by its name alone, as Hugo's :slug does.
. "$(dirname "$0")/lib.sh"

s="$TEST_DIR/site"
mkdir -p "$s/content/blog" "$s/content/posts" "$s/layouts"
printf 'baseURL: "https://t.example/"\ntitle: T\ndisablePathToLower: true\n' >"$s/config.yaml"
printf -- '---\ntitle: "My post"\ndate: 2024-01-02\ntags: [Velero, "中文", "Café"]\n---\nSee [other](/blog/Other-Post/).\n' \
	>"$s/content/blog/My-Post.md"
printf -- '---\ntitle: "Other post"\ndate: 2024-01-03\ntags: [Velero]\n---\nBack to [mine](/blog/My-Post/).\n' \
	>"$s/content/blog/Other-Post.md"
# a slug: keeps its capitals too (velero's 2023-04-26-Velero-1.11.md)
printf -- '---\ntitle: "Velero 1.11: New Actions"\nslug: Velero-1.11\ndate: 2023-04-26\n---\nOut.\n' \
	>"$s/content/blog/2023-04-26-Velero-1.11.md"
out="$TEST_DIR/out"
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$s/folio.yaml" 'term_case: keep'
assert_contains "$s/folio.yaml" 'slug_case: keep'
for f in blog/My-Post/index.html blog/Other-Post/index.html blog/Velero-1.11/index.html tags/Velero/index.html "tags/中文/index.html" \
	"tags/Café/index.html"; do
	[ -f "$out/$f" ] || fail "no $f: $(cd "$out" && find . -name '*.html' | sort)"
done
assert_contains "$out/blog/My-Post/index.html" 'href="/tags/Velero/"'

# without disablePathToLower: terms in lower case, their letters kept
s2="$TEST_DIR/site2" out2="$TEST_DIR/out2"
mkdir -p "$s2/content/posts" "$s2/layouts"
printf 'baseURL: "https://t.example/"\ntitle: T\n' >"$s2/config.yaml"
printf -- '---\ntitle: "Ni hao"\ndate: 2024-01-02\ntags: ["中文", "Velero", "Node.js"]\n---\nHi.\n' >"$s2/content/posts/hi.md"
migrate_and_build hugo "$s2" "$out2" >/dev/null
assert_not_contains "$s2/folio.yaml" 'term_case'
for f in "tags/中文/index.html" tags/velero/index.html tags/node.js/index.html; do
	[ -f "$out2/$f" ] || fail "no $f: $(cd "$out2" && find tags | sort)"
done

# Hugo's :filename date handler (name_dates: true)
s3="$TEST_DIR/site3" out3="$TEST_DIR/out3"
mkdir -p "$s3/content/posts" "$s3/layouts"
printf 'baseURL: "https://t.example/"\ntitle: T\nfrontmatter:\n  date: [":filename", ":default"]\npermalinks:\n  posts: /blog/:slug/\n' \
	>"$s3/config.yaml"
printf -- '---\ntitle: "How to use CSI volume snapshotting"\n---\nBody.\n' >"$s3/content/posts/2020-05-27-csi-integration.md"
printf -- '---\ntitle: "A second post"\n---\nSee [the first](/blog/csi-integration/).\n' >"$s3/content/posts/2021-01-02-second.md"
printf -- '---\ntitle: "Undated Notes"\n---\nNo date in its name.\n' >"$s3/content/posts/notes.md"
migrate_and_build hugo "$s3" "$out3" >/dev/null
assert_contains "$s3/folio.yaml" 'name_dates: true'
assert_contains "$s3/folio.yaml" 'sort: -date'
for f in blog/csi-integration/index.html blog/second/index.html blog/undated-notes/index.html; do
	[ -f "$out3/$f" ] || fail "no $f: $(cd "$out3" && find blog | sort)"
done
assert_contains "$out3/blog/csi-integration/index.html" '2020-05-27'

# a section's permalink naming its own folder drops a subfolder's name,
# as Hugo's :slug does (content/posts/2020/x.md at /posts/<title>/)
s4="$TEST_DIR/site4" out4="$TEST_DIR/out4"
mkdir -p "$s4/content/posts/2020" "$s4/layouts"
printf 'baseURL: "https://t.example/"\ntitle: T\npermalinks:\n  posts: /posts/:slug/\n' >"$s4/config.yaml"
printf -- '---\ntitle: "Nested Post"\ndate: 2020-01-02\n---\nIn a folder.\n' >"$s4/content/posts/2020/nested.md"
printf -- '---\ntitle: "Flat Post"\ndate: 2020-01-03\n---\nSee [the other](/posts/nested-post/).\n' >"$s4/content/posts/flat.md"
migrate_and_build hugo "$s4" "$out4" >/dev/null
for f in posts/index.html posts/nested-post/index.html posts/flat-post/index.html; do
	[ -f "$out4/$f" ] || fail "no $f: $(cd "$out4" && find posts | sort)"
done
echo ok

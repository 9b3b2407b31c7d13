#!/bin/bash
# Scouts' findings of December 6 (Jekyll: letrastudio's jekyll-i18n,
# fsharp.org; Hugo: notaryproject.dev), each as the site had it:
# 1. a page placed at another collection's list address by its collection's
#    url: and path alone (_pages_pt/fotografias.md at /pt/fotografias/, the
#    address of _photos_pt's list) is that collection's list page, as
#    crystal-lang's by a permalink (t306): folio's list stands there and
#    init names the page (the site was refused: output/clash);
# 2. "/../../images/x.svg" (Jekyll's relative_url of a "../../" path) is
#    where a browser goes, /images/x.svg: written so, and no link/broken;
# 3. a _books/ folder added after init, with jekyll_rules, is left out as
#    Jekyll's entry filter leaves it (it was collection/unknown);
# 4. init infers no enum of authors: the site's next post, by a new author,
#    is not refused;
# 5. a collection whose name is taken gets the first free number
#    (pages-2 beside _pages, where it was pages-<collections + 1>);
# 6. lists are cut in pages of the generator's size: Hugo's paginate (10
#    when unset, pagination.pagerSize since 0.128), jekyll-paginate's
#    paginate (folio took 20: an old /page/2/ was missing).
. "$(dirname "$0")/lib.sh"

# 1
a=$TEST_DIR/a
mkdir -p "$a/_pages_pt" "$a/_photos_pt"
cat >"$a/_config.yml" <<'Y'
title: Estúdio
url: https://estudio.example
permalink: pretty
collections:
  pages_pt:
    output: true
    permalink: /pt/:path/
  photos_pt:
    output: true
    permalink: /pt/fotografias/:path/
Y
printf -- '---\ntitle: Fotografias\nlayout: collection\n---\nAs fotos.\n' >"$a/_pages_pt/fotografias.md"
printf -- '---\ntitle: Sobre\n---\nTexto.\n' >"$a/_pages_pt/sobre.md"
printf -- '---\ntitle: O Bosque\n---\nUma foto.\n' >"$a/_photos_pt/o-bosque.md"
printf -- '---\ntitle: Início\n---\nOlá.\n' >"$a/index.md"
migrate_and_build jekyll "$a" "$TEST_DIR/out-a"
assert_contains "$TEST_DIR/init.txt" "_pages_pt/fotografias.md (at /pt/fotografias/, the list of collection photos-pt) is not published"
assert_contains "$TEST_DIR/out-a/pt/fotografias/index.html" 'href="/pt/fotografias/o-bosque/"'
assert_contains "$TEST_DIR/out-a/pt/sobre/index.html" "Texto."
[ -f "$TEST_DIR/out-a/pt/fotografias/o-bosque/index.html" ] || fail "the photo is not at its permalink"

# 2
b=$TEST_DIR/b
mkdir -p "$b/use/linux" "$b/images/thumbs"
printf 'title: F\nurl: https://f.example\n' >"$b/_config.yml"
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$b/images/thumbs/logo.svg"
cat >"$b/use/linux/index.md" <<'M'
---
title: Linux
---
<img alt="logo" src="{{ '../../images/thumbs/logo.svg' | relative_url }}" />

![logo](/../../images/thumbs/logo.svg) and [a page](/./use/../use/linux/)
M
printf -- '---\ntitle: Home\n---\nHi.\n' >"$b/index.md"
migrate_and_build jekyll "$b" "$TEST_DIR/out-b"
assert_not_contains "$TEST_DIR/build.txt" "link/broken"
assert_contains "$TEST_DIR/out-b/use/linux/index.html" '<img alt="logo" src="/images/thumbs/logo.svg" />'
assert_contains "$TEST_DIR/out-b/use/linux/index.html" '<img src="/images/thumbs/logo.svg" alt="logo" />'
assert_contains "$TEST_DIR/out-b/use/linux/index.html" 'href="/use/linux/"'
# one that names no file is still broken where it lands
printf -- '---\ntitle: Bad\n---\n![x](/../../images/none.svg)\n' >"$b/bad.md"
"$FOLIO" check --worktree "$b" >"$TEST_DIR/bad.txt" 2>&1 && fail "a missing image passed"
assert_contains "$TEST_DIR/bad.txt" "bad.md:4:"
rm "$b/bad.md"

# 3
c=$TEST_DIR/c
mkdir -p "$c"
printf 'title: F\nurl: https://f.example\n' >"$c/_config.yml"
printf -- '---\ntitle: Home\n---\nHi.\n' >"$c/index.md"
"$FOLIO" init --from jekyll "$c" >/dev/null 2>&1 || fail "init"
assert_contains "$c/folio.yaml" "jekyll_rules: true"
printf 'title: F\nurl: https://f.example\ncollections:\n  books:\n    output: false\n' >"$c/_config.yml"
mkdir "$c/_books"
printf -- '---\ntitle: The Book of F#\n---\nA book.\n' >"$c/_books/the_book_2014.md"
"$FOLIO" check --worktree "$c" >"$TEST_DIR/c.txt" 2>&1 || fail "_books/ was read: $(cat "$TEST_DIR/c.txt")"
"$FOLIO" build --worktree "$c" --out "$TEST_DIR/out-c" >/dev/null 2>&1 || fail "build c"
! grep -rq "The Book of F#" "$TEST_DIR/out-c" || fail "_books/ was published"

# 4
d=$TEST_DIR/d
mkdir -p "$d/content/blog"
printf 'baseURL = "https://notes.example/"\ntitle = "Notes"\n' >"$d/hugo.toml"
i=1
for who in "Ann Lee" "Bo Chen" "Notary Team" "Ann Lee" "Bo Chen" "Ann Lee" "Notary Team" "Bo Chen" "Ann Lee" "Bo Chen"; do
	printf -- '---\ntitle: Post %s\ndate: 2024-01-%02d\nauthor: "%s"\ncategory: "%s"\n---\nText.\n' \
		$i $i "$who" "$([ $((i % 2)) = 0 ] && echo news || echo notes)" >"$d/content/blog/p$i.md"
	i=$((i + 1))
done
"$FOLIO" init --from hugo "$d" >/dev/null 2>&1 || fail "init d"
python3 - "$d/schemas/blog.json" <<'PY' || fail "the schema's enums"
import json, sys
p = json.load(open(sys.argv[1]))["properties"]
assert "enum" not in p["author"], p["author"]
assert p["category"].get("enum") == ["news", "notes"], p["category"]
PY
printf -- '---\ntitle: New\ndate: 2024-02-01\nauthor: "Dana Smith"\ncategory: news\n---\nA new author.\n' >"$d/content/blog/p11.md"
"$FOLIO" check --worktree "$d" >"$TEST_DIR/d.txt" 2>&1 || fail "a new author was refused: $(cat "$TEST_DIR/d.txt")"

# 5
e=$TEST_DIR/e
mkdir -p "$e/_pages" "$e/_posts" "$e/_talks"
printf 'title: E\nurl: https://e.example\ncollections:\n  pages:\n    output: true\n  talks:\n    output: true\n' >"$e/_config.yml"
printf -- '---\ntitle: A\n---\na\n' >"$e/_pages/a.md"
printf -- '---\ntitle: T\n---\nt\n' >"$e/_talks/t.md"
printf -- '---\ntitle: B\n---\nb\n' >"$e/about.md"
migrate_and_build jekyll "$e" "$TEST_DIR/out-e"
assert_contains "$TEST_DIR/init.txt" 'the pages at the top are the collection "pages-2"'

# 6
h=$TEST_DIR/h
mkdir -p "$h/content/posts"
printf 'baseURL = "https://h.example/"\ntitle = "H"\n' >"$h/hugo.toml"
for i in $(seq 25); do printf -- '---\ntitle: Post %s\ndate: 2024-01-%02d\n---\nText.\n' $i $i >"$h/content/posts/p$i.md"; done
migrate_and_build hugo "$h" "$TEST_DIR/out-h"
assert_contains "$h/folio.yaml" "page_size: 10"
# 25 posts by 10 (folio's stable cut: the first page holds 15, docs/migrating.md)
[ -f "$TEST_DIR/out-h/posts/page/2/index.html" ] || fail "Hugo's /posts/page/2/ is missing"
[ "$(grep -o 'href="/posts/p[0-9]*/"' "$TEST_DIR/out-h/posts/page/2/index.html" | sort -u | wc -l)" = 10 ] ||
	fail "page 2 does not hold ten posts"
rm -rf "$h/folio.yaml" "$h/schemas"
printf 'baseURL = "https://h.example/"\ntitle = "H"\n[pagination]\npagerSize = 4\n' >"$h/hugo.toml"
"$FOLIO" init --from hugo "$h" >/dev/null 2>&1 || fail "init h"
assert_contains "$h/folio.yaml" "page_size: 4"
j=$TEST_DIR/j
mkdir -p "$j/_posts"
printf 'title: J\nurl: https://j.example\npaginate: 3\n' >"$j/_config.yml"
printf -- '---\ntitle: One\n---\nOne.\n' >"$j/_posts/2024-01-02-one.md"
"$FOLIO" init --from jekyll "$j" >/dev/null 2>&1 || fail "init j"
assert_contains "$j/folio.yaml" "page_size: 3"
printf 'title: J\nurl: https://j.example\n' >"$j/_config.yml"
rm -rf "$j/folio.yaml" "$j/schemas"
"$FOLIO" init --from jekyll "$j" >/dev/null 2>&1 || fail "init j"
assert_not_contains "$j/folio.yaml" "page_size"
echo "ok"

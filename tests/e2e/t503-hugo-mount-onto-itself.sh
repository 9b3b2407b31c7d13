#!/bin/bash
# A Hugo site whose posts are a submodule mounts that folder onto its own
# place (content/articles at content/articles, then content at content):
# the mount moves nothing, Hugo 0.111 publishes /articles/2020/nfs/ and
# the list /articles/ (checked on this fixture). init made it a second
# collection of the same folder beside the folder's own, which check
# refused ('folder "content/articles" is already used by collection
# "articles"'): the whole site (twenty-ninth pass, a blog with series).
# Now such a mount adds no collection.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/articles/2020"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://tech.example/"
title = "Tech"
[[module.mounts]]
source = "content/articles"
target = "content/articles"
[[module.mounts]]
source = "content"
target = "content"
[taxonomies]
tag = "tags"
series = "series"
TOML
printf -- '---\ntitle: Home\n---\nLatest: [NFS](/articles/2020/nfs/).\n' >"$s/content/_index.md"
printf -- '---\ntitle: NFS\ndate: 2020-09-29\nseries: [homelab]\n---\nMounts at boot.\n' >"$s/content/articles/2020/nfs.md"
printf -- '---\ntitle: Articles\n---\nAll.\n' >"$s/content/articles/_index.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/articles/2020/nfs/index.html" 'Mounts at boot.'
assert_contains "$out/articles/index.html" 'NFS'
assert_contains "$out/series/homelab/index.html" 'NFS'
[ "$(grep -c 'folder: "content/articles"' "$s/folio.yaml")" = 1 ] || fail "content/articles is more than one collection's folder"

# A blogdown post's bundle: its page is index.en.markdown (or
# index.fr.markdown in the French folder), which R writes from
# index.en.Rmarkdown, its figures in index.en_files/. Hugo 0.111 publishes
# the bundle's files beside the page, at its slug's address
# (/post/stagflation/network.png, /fr/post/stagflation/network.png,
# checked on this fixture); folio looked for index.md and index.en.md only,
# so the files stayed at the folder's path (/post/2021-02-26-stag/...),
# where the page's relative images name nothing (a researcher's site:
# 219 files of 671 at another address).
b=$TEST_DIR/blogdown
mkdir -p "$b/content/en/post/2021-02-26-stag/index.en_files/figure-html" "$b/content/fr/post/2021-02-26-stag"
cat >"$b/config.toml" <<'TOML'
baseURL = "https://econ.example/"
title = "Econ"
defaultContentLanguage = "en"
[languages.en]
  contentDir = "content/en"
  weight = 1
[languages.fr]
  contentDir = "content/fr"
  weight = 2
TOML
e=$b/content/en/post/2021-02-26-stag
printf -- '---\ntitle: Stagflation\nslug: stagflation\ndate: 2021-02-26\n---\n![by year](index.en_files/figure-html/by-year-1.png)\n\n![network](network.png)\n' >"$e/index.en.markdown"
printf 'PNG1' >"$e/index.en_files/figure-html/by-year-1.png"
printf 'PNG2' >"$e/network.png"
printf -- '---\ntitle: Stagflation FR\nslug: stagflation\ndate: 2021-02-26\n---\n![reseau](network.png)\n' >"$b/content/fr/post/2021-02-26-stag/index.fr.markdown"
printf 'PNG3' >"$b/content/fr/post/2021-02-26-stag/network.png"
bo=$TEST_DIR/blogdown-out
migrate_and_build hugo "$b" "$bo" >/dev/null
for f in post/stagflation/network.png post/stagflation/index.en_files/figure-html/by-year-1.png \
	fr/post/stagflation/network.png; do
	[ -f "$bo/$f" ] || fail "no /$f: $(cd "$bo" && find . -name '*.png' | sort | tr '\n' ' ')"
done
[ "$(cat "$bo/fr/post/stagflation/network.png")" = PNG3 ] || fail "/fr/post/stagflation/network.png is not the French one"
[ ! -e "$bo/post/2021-02-26-stag" ] || fail "files left at the folder's path"
echo "ok"

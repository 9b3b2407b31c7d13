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
echo "ok"

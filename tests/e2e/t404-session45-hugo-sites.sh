#!/bin/bash
# Faults a scout found on real Hugo sites (session 45):
# 1. A relative link to a file without a dot, published beside the page
#    (Mattermost's developer docs: source-available-license.md links
#    "LICENSE", the file source-available-license/LICENSE, which Hugo
#    publishes at /integrate/plugins/source-available-license/LICENSE),
#    was refused as naming no page.
# 2. Pages named with dots (protobuf.dev's C++ API reference,
#    google.protobuf.map.md at /reference/cpp/api-docs/google.protobuf.map/)
#    link each other as "../google.protobuf.map#Map", which a browser reads
#    from the page's URL and the server sends on to the page's folder: folio
#    read them as missing files (990 of protobuf.dev's errors). The same
#    name from below another page (where the browser finds nothing) is
#    still refused.
# 3. A date as Go's time.String() writes it, "2023-07-18 00:00:00 +0000
#    UTC" (networkservicemesh.io's release notes), which Hugo reads, was
#    refused as no date (date/invalid).
. "$(dirname "$0")/lib.sh"

# 1
l=$TEST_DIR/lic
mkdir -p "$l/content/docs/lic"
printf 'baseURL = "https://l.example/"\ntitle = "L"\n' >"$l/config.toml"
printf -- '---\ntitle: Docs\n---\n' >"$l/content/docs/_index.md"
printf -- '---\ntitle: Licence\n---\nAdd the [LICENSE](LICENSE) file, and [notes](notes.txt).\n' >"$l/content/docs/lic.md"
printf 'license text\n' >"$l/content/docs/lic/LICENSE"
printf 'notes\n' >"$l/content/docs/lic/notes.txt"
migrate_and_build hugo "$l" "$TEST_DIR/out-lic"
assert_contains "$TEST_DIR/out-lic/docs/lic/index.html" 'href="/docs/lic/LICENSE"'
[ -f "$TEST_DIR/out-lic/docs/lic/LICENSE" ] || fail "the LICENSE file is not published"
# a name that is neither a page nor a file is still refused
printf -- '---\ntitle: Other\n---\nSee [COPYING](COPYING).\n' >"$l/content/docs/other.md"
"$FOLIO" build --worktree "$l" --out "$TEST_DIR/out-lic2" >"$TEST_DIR/lic2.txt" 2>&1 && fail "a link to nothing passed"
assert_contains "$TEST_DIR/lic2.txt" 'content/docs/other.md:4:6: error: link to "COPYING" points to no page [link/broken]'

# 2
p=$TEST_DIR/pb
mkdir -p "$p/content/api"
printf 'baseURL = "https://p.example/"\ntitle = "P"\n' >"$p/config.toml"
printf -- '---\ntitle: API\n---\nSee [arena](google.protobuf.arena#arena).\n' >"$p/content/api/_index.md"
printf -- '---\ntitle: arena.h\n---\n## Arena\n\nSee [map](../google.protobuf.map#map).\n' \
	>"$p/content/api/google.protobuf.arena.md"
printf -- '---\ntitle: map.h\n---\n## Map\n\nText.\n' >"$p/content/api/google.protobuf.map.md"
migrate_and_build hugo "$p" "$TEST_DIR/out-pb"
assert_contains "$TEST_DIR/out-pb/api/index.html" 'href="/api/google.protobuf.arena/#arena"'
assert_contains "$TEST_DIR/out-pb/api/google.protobuf.arena/index.html" 'href="/api/google.protobuf.map/#map"'
# published from a state as a full build: the map page's heading renamed
repo_of "$p" "$TEST_DIR/pb-repo"
publish "$TEST_DIR/pb-repo" "$TEST_DIR/pb-out" "$TEST_DIR/pb-state" "pb first"
printf -- '---\ntitle: map.h\n---\n## Map\n\nOther text.\n' >"$TEST_DIR/pb-repo/content/api/google.protobuf.map.md"
git -C "$TEST_DIR/pb-repo" commit -qam "map text"
publish "$TEST_DIR/pb-repo" "$TEST_DIR/pb-out" "$TEST_DIR/pb-state" "pb edit"
same_as_full "$TEST_DIR/pb-repo" "$TEST_DIR/pb-out" "pb edit"
# "google.protobuf.map" below the arena page is /api/google.protobuf.arena/google.protobuf.map
printf -- '---\ntitle: arena.h\n---\n## Arena\n\nSee [map](google.protobuf.map#map).\n' \
	>"$p/content/api/google.protobuf.arena.md"
"$FOLIO" build --worktree "$p" --out "$TEST_DIR/out-pb2" >"$TEST_DIR/pb2.txt" 2>&1 && fail "a link below the page passed"
assert_contains "$TEST_DIR/pb2.txt" 'content/api/google.protobuf.arena.md:6:11: error: link to "google.protobuf.map#map"'

# 3
n=$TEST_DIR/nsm
mkdir -p "$n/content/releases"
printf 'baseURL = "https://n.example/"\ntitle = "N"\n' >"$n/config.toml"
printf -- '---\ntitle: Releases\n---\n' >"$n/content/releases/_index.md"
printf -- '---\ntitle: v1.10.0\ndate: 2023-07-18 00:00:00 +0000 UTC\n---\nRelease.\n' >"$n/content/releases/v1.10.0.md"
printf -- '---\ntitle: v1.11.0\ndate: 2023-10-06 12:30:00 +0200 CEST\n---\nRelease.\n' >"$n/content/releases/v1.11.0.md"
migrate_and_build hugo "$n" "$TEST_DIR/out-nsm"
assert_contains "$TEST_DIR/out-nsm/releases/index.xml" 'Fri, 06 Oct 2023 12:30:00 +0200'
assert_contains "$TEST_DIR/out-nsm/releases/index.xml" 'Tue, 18 Jul 2023 00:00:00 +0000'
# the zone's name is read after an offset only, in the spaced form
printf -- '---\ntitle: v1.12.0\ndate: 2023-10-06 12:30:00 CEST\n---\nRelease.\n' >"$n/content/releases/v1.12.0.md"
"$FOLIO" build --worktree "$n" --out "$TEST_DIR/out-nsm2" >"$TEST_DIR/nsm2.txt" 2>&1 && fail "a zone without offset passed"
assert_contains "$TEST_DIR/nsm2.txt" 'field "date" is not a date: "2023-10-06 12:30:00 CEST" [date/invalid]'

echo "t404 ok"

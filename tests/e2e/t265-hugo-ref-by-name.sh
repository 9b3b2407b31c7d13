#!/bin/bash
# Hugo's ref and relref find a page as its GetPage does: beside the page,
# then below the content folder (not the repository's top: content/en/
# here), in any case ("Community"), then by the page's name alone when one
# page has it ({{< relref faq >}} for docs/what-is/faq.md, "go" for the
# section docs/languages/go/). grpc.io's docs write them so; folio looked
# beside the page and at the repository's top only, and refused 10 of its
# pages. A name two pages share stays refused, as Hugo refuses it. A body
# edit of a page that refers by name publishes the same addresses. Its
# argument is read as a URL, its path percent-decoded (%20), as Hugo does.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

repo=$TEST_DIR/repo
c=$repo/content/en
mkdir -p "$c/docs/what-is" "$c/docs/languages/go" "$c/docs/languages/cpp" "$c/community" "$c/blog" \
	"$c/docs/Common Definitions"
printf 'baseURL: "https://rpc.example/"\ntitle: RPC\ncontentDir: content/en\n' >"$repo/config.yaml"
printf -- '---\ntitle: Docs\n---\nThe docs. See the [FAQ][].\n\n## Official support\n\n[FAQ]: {{< relref faq >}}\n' >"$c/docs/_index.md"
printf -- '---\ntitle: FAQ\n---\nQuestions.\n' >"$c/docs/what-is/faq.md"
printf -- '---\ntitle: Languages\n---\nAll.\n' >"$c/docs/languages/_index.md"
printf -- '---\ntitle: Go\n---\nGo.\n\n## Dev stories\n\nStories.\n' >"$c/docs/languages/go/_index.md"
printf -- '---\ntitle: ALTS\n---\nALTS in C++.\n' >"$c/docs/languages/cpp/alts.md"
printf -- '---\ntitle: Community\n---\nJoin.\n' >"$c/community/_index.md"
printf -- '---\ntitle: FieldSpec\n---\nFields.\n' >"$c/docs/Common Definitions/FieldSpec.md"
printf -- '---\ntitle: Intro\n---\nOne.\n' >"$c/docs/what-is/intro.md"
printf -- '---\ntitle: Intro\n---\nTwo.\n' >"$c/community/intro.md"
cat >"$c/blog/future.md" <<'MD'
---
title: The future
date: 2024-05-01
---
See [support]({{< relref "docs#official-support" >}}), [ALTS]({{< relref "docs/languages/cpp/alts" >}}),
the [Community][], [Go]({{< relref "go#dev-stories" >}}) and the [FAQ]({{< ref "faq" >}}).
A [FieldSpec]({{< relref "../docs/Common%20Definitions/FieldSpec.md" >}}), its path percent-encoded as kustomize's are.

[Community]: {{<relref "Community">}}
MD
"$FOLIO" init --from hugo "$repo" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm one
out=$TEST_DIR/out state=$TEST_DIR/state
build() { "$FOLIO" build --repo "$repo/.git" --out "$out" --state "$state" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"; }
build
future=$out/blog/future/index.html
assert_contains "$future" 'href="/docs/#official-support">support'
assert_contains "$future" 'href="/docs/languages/cpp/alts/">ALTS'
assert_contains "$future" 'href="/community/">Community'
assert_contains "$future" 'href="/docs/common-definitions/fieldspec/">FieldSpec'
assert_contains "$future" 'href="/docs/languages/go/#dev-stories">Go'
assert_contains "$future" 'href="/docs/what-is/faq/">FAQ'
assert_contains "$out/docs/index.html" 'href="/docs/what-is/faq/">FAQ'

# a body edit keeps them
sed -i 's/See \[support\]/Read [support]/' "$c/blog/future.md"
git -C "$repo" commit -qam body
build
assert_contains "$future" 'Read <a href="/docs/#official-support">support'
assert_contains "$future" 'href="/docs/what-is/faq/">FAQ'

# two pages named intro: the reference names neither
printf '\nAnd the [intro]({{< relref "intro" >}}).\n' >>"$c/blog/future.md"
r=0
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse the ambiguous reference (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'points to no page [link/broken]'
assert_contains "$TEST_DIR/check2.txt" 'content/en/blog/future.md:11:'

# a percent-encoded climb names nothing above the content folder
printf '\nAnd [away]({{< relref "%%2E%%2E/%%2E%%2E/%%2E%%2E/%%2E%%2E/etc/passwd.md" >}}).\n' >>"$c/blog/future.md"
r=0
"$FOLIO" check --worktree "$repo" >"$TEST_DIR/check3.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should refuse the climbing reference (exit $r)"
assert_contains "$TEST_DIR/check3.txt" 'content/en/blog/future.md:13:'
assert_contains "$TEST_DIR/check3.txt" 'etc/passwd.md" points to no page [link/broken]'
echo "ok"

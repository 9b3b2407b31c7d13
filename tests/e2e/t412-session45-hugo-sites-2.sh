#!/bin/bash
# Faults a scout found on real Hugo sites (session 45, second batch):
# 1. A relative link to a folder of static/ with its index.html
#    (keptn.github.io's versioned docs link "../../../../api/", its Swagger
#    UI at static/api/index.html, from /docs/0.15.x/api/git_provisioning/),
#    which the browser reads from the page's URL and the server answers,
#    was refused as naming no page; "/api/" written whole was not.
# 2. An alias with "//" in it (Jenkins X's docs:
#    "/docs/v3/getting-started/openshift//"), which Hugo cleans as a path
#    and writes at /docs/v3/getting-started/openshift/, refused its page
#    (slug/invalid).
# 3. A link reference definition whose URL is an unknown shortcode
#    (paketo.io's "[bp/go-dist]:{{< bp_repo "go-dist" >}}"), which folio
#    renders as nothing, took the next line's "[bp/ca-certs]:" for its URL:
#    a link to no page refused the page, where Hugo has the theme's URL.
# 4. A site path whose last name holds a dot that is no extension
#    (cloudwego.io: "/docs/eino/…/Eino_v0.8_Breaking_Changes", a page's
#    file name), which the link render hook of a multilingual Hugo site
#    finds by GetPage, was read as a missing file of static/.
# 5. Pages written in AsciiDoc (KiCad's site: 215 of its 216), which Hugo
#    renders with asciidoctor and folio does not read, were left out by
#    init without a word: the site built with one page.
# 6. A redirect from a name with a dot ("/docs/3.12" in arangodb's
#    _redirects) was a file, docs/3.12, which the redirects from below it
#    (/docs/3.12/use-cases.html) need as a folder: 2,204 outputs refused
#    as clashing. Its page is the folder's index.html now.
. "$(dirname "$0")/lib.sh"

# 1
k=$TEST_DIR/keptn
mkdir -p "$k/content/docs/v1/api" "$k/static/api"
printf 'baseURL = "https://k.example/"\ntitle = "K"\n' >"$k/config.toml"
printf '<html><body>Swagger UI</body></html>\n' >"$k/static/api/index.html"
printf -- '---\ntitle: Docs\n---\n' >"$k/content/docs/_index.md"
printf -- '---\ntitle: Git\n---\nSee [the API](../../../api/) and [the same](/api/).\n' \
	>"$k/content/docs/v1/api/index.md"
migrate_and_build hugo "$k" "$TEST_DIR/out-keptn"
assert_contains "$TEST_DIR/out-keptn/docs/v1/api/index.html" 'href="/api/">the API'
# published from a state as a full build, the page edited
repo_of "$k" "$TEST_DIR/keptn-repo"
publish "$TEST_DIR/keptn-repo" "$TEST_DIR/keptn-out" "$TEST_DIR/keptn-state" "keptn first"
printf -- '---\ntitle: Git\n---\nSee [the API](../../../api/), again.\n' \
	>"$TEST_DIR/keptn-repo/content/docs/v1/api/index.md"
git -C "$TEST_DIR/keptn-repo" commit -qam "page text"
publish "$TEST_DIR/keptn-repo" "$TEST_DIR/keptn-out" "$TEST_DIR/keptn-state" "keptn edit"
same_as_full "$TEST_DIR/keptn-repo" "$TEST_DIR/keptn-out" "keptn edit"
# the folder's index.html taken away: refused as a full build refuses it
git -C "$TEST_DIR/keptn-repo" rm -q static/api/index.html
git -C "$TEST_DIR/keptn-repo" commit -qm "no swagger"
refused_like_full "$TEST_DIR/keptn-repo" "$TEST_DIR/keptn-out" "$TEST_DIR/keptn-state" "keptn no api" \
	'link to "../../../api/" points to no page [link/broken]'
# a folder without index.html is still no page
mkdir -p "$k/static/other"
printf 'x\n' >"$k/static/other/x.txt"
printf -- '---\ntitle: Other\n---\nSee [other](../../other/).\n' >"$k/content/docs/v1/other.md"
"$FOLIO" build --worktree "$k" --out "$TEST_DIR/out-keptn2" >"$TEST_DIR/keptn2.txt" 2>&1 \
	&& fail "a link to a folder without index.html passed"
assert_contains "$TEST_DIR/keptn2.txt" 'link to "../../other/" points to no page [link/broken]'

# 2
j=$TEST_DIR/jx
mkdir -p "$j/content/docs/openshift"
printf 'baseURL = "https://j.example/"\ntitle = "J"\n' >"$j/config.toml"
printf -- '---\ntitle: Docs\n---\n' >"$j/content/docs/_index.md"
printf -- '---\ntitle: OpenShift\naliases:\n  - /docs/v3/getting-started/openshift//\n  - /old//path\n---\nText.\n' \
	>"$j/content/docs/openshift/_index.md"
migrate_and_build hugo "$j" "$TEST_DIR/out-jx"
assert_contains "$TEST_DIR/out-jx/docs/v3/getting-started/openshift/index.html" '/docs/openshift/'
assert_contains "$TEST_DIR/out-jx/old/path/index.html" '/docs/openshift/'
# a fragment is still no path
printf -- '---\ntitle: OpenShift\naliases: [/about/features/#promotion]\n---\nText.\n' \
	>"$j/content/docs/openshift/_index.md"
"$FOLIO" build --worktree "$j" --out "$TEST_DIR/out-jx2" >"$TEST_DIR/jx2.txt" 2>&1 && fail "an alias with # passed"
assert_contains "$TEST_DIR/jx2.txt" 'alias "/about/features/#promotion" is not a path of the site [slug/invalid]'

# 3
b=$TEST_DIR/paketo
mkdir -p "$b/content/docs"
printf 'baseURL = "https://b.example/"\ntitle = "B"\n' >"$b/config.toml"
printf -- '---\ntitle: Docs\n---\n' >"$b/content/docs/_index.md"
printf -- '---\ntitle: Go\n---\nThe [dist][bp/dist] and [certs][bp/certs] buildpacks.\n\n[bp/dist]:{{< bp_repo "go-dist" >}}\n[bp/certs]: {{< bp_repo "ca-certs" >}}\n' \
	>"$b/content/docs/go.md"
migrate_and_build hugo "$b" "$TEST_DIR/out-paketo"
assert_contains "$TEST_DIR/build.txt" 'content/docs/go.md:6:11: warning: unknown shortcode "bp_repo" renders as nothing'
assert_not_contains "$TEST_DIR/build.txt" 'link/broken'
assert_contains "$TEST_DIR/out-paketo/docs/go/index.html" '<a href="">dist</a>'
# a shortcode followed by more of the URL (tinkerbell.org's "{{< stringparam >}}/crd/x.yaml")
# leaves that URL, as before
printf -- '---\ntitle: Go\n---\nThe [docs][bp/docs].\n\n[bp/docs]: {{< bp_repo "go" >}}/docs/\n' \
	>"$b/content/docs/go.md"
"$FOLIO" build --worktree "$b" --out "$TEST_DIR/out-paketo3" >"$TEST_DIR/paketo3.txt" 2>&1 \
	|| fail "the page was refused: $(cat "$TEST_DIR/paketo3.txt")"
assert_contains "$TEST_DIR/out-paketo3/docs/go/index.html" '<a href="/docs/">docs</a>'
# elsewhere an unknown shortcode still renders as nothing
printf -- '---\ntitle: Go\n---\nText: {{< bp_repo "go-dist" >}} here.\n' >"$b/content/docs/go.md"
"$FOLIO" build --worktree "$b" --out "$TEST_DIR/out-paketo2" >"$TEST_DIR/paketo2.txt" 2>&1 \
	|| fail "the page was refused: $(cat "$TEST_DIR/paketo2.txt")"
assert_contains "$TEST_DIR/out-paketo2/docs/go/index.html" 'Text:  here.'

# 4
c=$TEST_DIR/cloudwego
mkdir -p "$c/content/docs/Eino_v0.8._-adk" "$c/static/img"
printf 'baseURL = "https://c.example/"\ntitle = "C"\n' >"$c/config.toml"
printf 'png\n' >"$c/static/img/a.png"
printf -- '---\ntitle: Docs\n---\n' >"$c/content/docs/_index.md"
printf -- '---\ntitle: Breaking\n---\nText.\n' >"$c/content/docs/Eino_v0.8._-adk/Eino_v0.8_Breaking_Changes.md"
printf -- '---\ntitle: v0.8\n---\nSee [the changes](/docs/Eino_v0.8._-adk/Eino_v0.8_Breaking_Changes) and ![a](/img/a.png).\n' \
	>"$c/content/docs/Eino_v0.8._-adk/_index.md"
migrate_and_build hugo "$c" "$TEST_DIR/out-cloudwego"
assert_contains "$TEST_DIR/out-cloudwego/docs/eino_v0.8._-adk/index.html" \
	'href="/docs/eino_v0.8._-adk/eino_v0.8_breaking_changes/">the changes'
assert_contains "$TEST_DIR/out-cloudwego/docs/eino_v0.8._-adk/index.html" 'src="/img/a.png"'
# published from a state as a full build: the linked page's text edited
repo_of "$c" "$TEST_DIR/cw-repo"
publish "$TEST_DIR/cw-repo" "$TEST_DIR/cw-out" "$TEST_DIR/cw-state" "cloudwego first"
printf -- '---\ntitle: Breaking changes\n---\nOther text.\n' \
	>"$TEST_DIR/cw-repo/content/docs/Eino_v0.8._-adk/Eino_v0.8_Breaking_Changes.md"
git -C "$TEST_DIR/cw-repo" commit -qam "retitled"
publish "$TEST_DIR/cw-repo" "$TEST_DIR/cw-out" "$TEST_DIR/cw-state" "cloudwego edit"
same_as_full "$TEST_DIR/cw-repo" "$TEST_DIR/cw-out" "cloudwego edit"
# a name with a dot that is neither a page nor a file is still a missing file
printf -- '---\ntitle: v0.8\n---\nSee ![b](/img/b.png) and [c](/docs/Eino_v0.8._-adk/v0.9_Changes).\n' \
	>"$c/content/docs/Eino_v0.8._-adk/_index.md"
"$FOLIO" build --worktree "$c" --out "$TEST_DIR/out-cloudwego2" >"$TEST_DIR/cw2.txt" 2>&1 && fail "links to nothing passed"
assert_contains "$TEST_DIR/cw2.txt" 'link to "/img/b.png": no such file in static/ [link/asset]'
assert_contains "$TEST_DIR/cw2.txt" 'link to "/docs/Eino_v0.8._-adk/v0.9_Changes": no such file in static/ [link/asset]'

# 5
k5=$TEST_DIR/kicad
mkdir -p "$k5/content/about" "$k5/content/blog"
printf 'baseURL = "https://k5.example/"\ntitle = "K"\n' >"$k5/config.toml"
printf -- '---\ntitle: About\n---\n= About\n' >"$k5/content/about/kicad.adoc"
printf -- '---\ntitle: Team\n---\n= Team\n' >"$k5/content/about/team.adoc"
printf -- '---\ntitle: Notes\n---\nNotes\n' >"$k5/content/blog/notes.rst"
printf -- '---\ntitle: Post\n---\nText.\n' >"$k5/content/blog/post.md"
migrate_and_build hugo "$k5" "$TEST_DIR/out-kicad"
assert_contains "$TEST_DIR/init.txt" 'content/about/kicad.adoc and 1 more files of content/ are written in AsciiDoc'
assert_contains "$TEST_DIR/init.txt" 'content/blog/notes.rst is written in reStructuredText'
assert_not_contains "$TEST_DIR/init.txt" 'post.md is written'

# 6
a=$TEST_DIR/arango
mkdir -p "$a/content/docs" "$a/static"
printf 'baseURL = "https://a.example/"\ntitle = "A"\n' >"$a/config.toml"
printf -- '---\ntitle: Docs\n---\n' >"$a/content/docs/_index.md"
printf -- '---\ntitle: Use cases\n---\nText.\n' >"$a/content/docs/use-cases.md"
printf '/docs/3.12 /docs/ 301\n/docs/3.12/use-cases.html /docs/use-cases/ 301\n/old/v1.2 /docs/ 301\n' \
	>"$a/static/_redirects"
migrate_and_build hugo "$a" "$TEST_DIR/out-arango"
assert_contains "$TEST_DIR/out-arango/docs/3.12/index.html" 'url=https://a.example/docs/"'
assert_contains "$TEST_DIR/out-arango/docs/3.12/use-cases.html" 'url=https://a.example/docs/use-cases/"'
# with nothing below it, a name with a dot stays a file
assert_contains "$TEST_DIR/out-arango/old/v1.2" 'url=https://a.example/docs/"'
# published from a state as a full build
repo_of "$a" "$TEST_DIR/arango-repo"
publish "$TEST_DIR/arango-repo" "$TEST_DIR/arango-out" "$TEST_DIR/arango-state" "arango first"
printf -- '---\ntitle: Use cases\n---\nOther text.\n' >"$TEST_DIR/arango-repo/content/docs/use-cases.md"
git -C "$TEST_DIR/arango-repo" commit -qam "text"
publish "$TEST_DIR/arango-repo" "$TEST_DIR/arango-out" "$TEST_DIR/arango-state" "arango edit"
same_as_full "$TEST_DIR/arango-repo" "$TEST_DIR/arango-out" "arango edit"

echo "t412 ok"

#!/bin/bash
# init --from on a site of another generator says so and writes nothing
# (kyverno.io moved to Astro, volcano.sh to Docusaurus: init --from hugo
# made a folio.yaml of placeholders and a collection of whatever Markdown
# it found). A Jekyll site given --from hugo, and a Hugo one given --from
# jekyll, are told the option to use.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

# refused DIR FROM MESSAGE: init --from FROM DIR exits 2, says MESSAGE, writes nothing
refused() {
	local rc=0
	"$FOLIO" init --from "$2" "$1" >"$TEST_DIR/out.txt" 2>&1 || rc=$?
	[ "$rc" = 2 ] || fail "init --from $2 of $1 exited $rc: $(cat "$TEST_DIR/out.txt")"
	assert_contains "$TEST_DIR/out.txt" "$3"
	[ ! -e "$1/folio.yaml" ] || fail "init --from $2 wrote $1/folio.yaml"
	[ ! -e "$1/schemas" ] || fail "init --from $2 wrote $1/schemas"
}

astro=$TEST_DIR/astro
mkdir -p "$astro/src/content/docs"
printf 'export default {};\n' >"$astro/astro.config.mjs"
printf -- '---\ntitle: Intro\n---\nHello.\n' >"$astro/src/content/docs/intro.md"
refused "$astro" hugo "no Hugo configuration, but astro.config.mjs, the configuration of Astro: folio init reads Hugo and Jekyll sites"
refused "$astro" jekyll "no Jekyll configuration, but astro.config.mjs, the configuration of Astro"

jk=$TEST_DIR/jekyll
mkdir -p "$jk/_posts"
printf 'title: Blog\n' >"$jk/_config.yml"
printf -- '---\ntitle: Hi\n---\nHello.\n' >"$jk/_posts/2024-01-02-hi.md"
refused "$jk" hugo "no Hugo configuration, but _config.yml, the configuration of Jekyll: run folio init --from jekyll"

hugo=$TEST_DIR/hugo
mkdir -p "$hugo/content/posts"
printf 'title = "Blog"\n' >"$hugo/hugo.toml"
printf -- '---\ntitle: Hi\n---\nHello.\n' >"$hugo/content/posts/hi.md"
refused "$hugo" jekyll "no Jekyll configuration, but hugo.toml, the configuration of Hugo: run folio init --from hugo"
# and each with its own option works
"$FOLIO" init --from jekyll "$jk" >/dev/null 2>&1 || fail "init --from jekyll of a Jekyll site failed"
"$FOLIO" init --from hugo "$hugo" >/dev/null 2>&1 || fail "init --from hugo of a Hugo site failed"
# a configuration named as Hugo's or Jekyll's, of another generator:
# Zola's config.toml (pigreco's site), Hexo's _config.yml
zola=$TEST_DIR/zola
mkdir -p "$zola/content/blog" "$zola/templates"
printf 'base_url = "https://zola.example"\ncompile_sass = true\ntitle = "Z"\n' >"$zola/config.toml"
printf -- '+++\ntitle = "Hi"\n+++\nHello.\n' >"$zola/content/blog/hi.md"
refused "$zola" hugo "config.toml is the configuration of a Zola site, not Hugo's: folio init reads Hugo and Jekyll sites"
hexo=$TEST_DIR/hexo
mkdir -p "$hexo/source/_posts" "$hexo/scaffolds"
printf 'title: Hexo\nnew_post_name: :title.md\npublic_dir: public\n' >"$hexo/_config.yml"
printf -- '---\ntitle: Hi\n---\nHello.\n' >"$hexo/source/_posts/hi.md"
refused "$hexo" jekyll "_config.yml is the configuration of a Hexo site, not Jekyll's"
grid=$TEST_DIR/gridsome
mkdir -p "$grid/content/posts"
printf 'module.exports = {};\n' >"$grid/gridsome.config.js"
printf -- '---\ntitle: Hi\n---\nHello.\n' >"$grid/content/posts/hi.md"
refused "$grid" hugo "no Hugo configuration, but gridsome.config.js, the configuration of Gridsome"
# a Hugo site whose keys are written base_url-like is still Hugo's when baseURL is there
hz=$TEST_DIR/hugo-zola-keys
mkdir -p "$hz/content/posts" "$hz/templates"
printf 'baseURL = "https://h.example/"\nbase_url = "x"\ntitle = "H"\n' >"$hz/config.toml"
printf -- '---\ntitle: Hi\n---\nHello.\n' >"$hz/content/posts/hi.md"
"$FOLIO" init --from hugo "$hz" >/dev/null 2>&1 || fail "a Hugo site with a templates/ folder was refused"

# a site with no configuration at all is still read, with placeholders (Jekyll needs none)
bare=$TEST_DIR/bare
mkdir -p "$bare/notes"
printf -- '---\ntitle: One\n---\nText.\n' >"$bare/notes/one.md"
"$FOLIO" init --from jekyll "$bare" >"$TEST_DIR/out.txt" 2>&1 || fail "init of a site without configuration failed"
assert_contains "$TEST_DIR/out.txt" 'no configuration file was found'
echo "ok"

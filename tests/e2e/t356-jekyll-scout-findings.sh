#!/bin/bash
# Jekyll's rules a scout found folio missing on real sites (benbalter,
# typelevel): exclude: entries written from the root ("/script") leave the
# repository's files out; a redirect_from: without a leading "/" is read
# from the root, as jekyll-redirect-from reads it; a collection's document
# is dated by its name as a post is, and :title drops the date (a :path
# permalink keeps the name whole); {% post_url %} finds a post under
# collections_dir:; a _drafts/ folder written after the migration is left
# out, as Jekyll leaves it, not a folder of unknown pages.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site out=$TEST_DIR/out
mkdir -p "$site/collections/_posts" "$site/collections/_events" "$site/collections/_talks" "$site/script" "$site/spec"
cd "$site"
cat >_config.yml <<'YAML'
title: Carnet
url: https://carnet.example
permalink: pretty
collections_dir: collections
plugins: [jekyll-redirect-from]
exclude:
  - /script
  - /spec/
  - /Rakefile
  - ../outside
  - /../../etc
collections:
  events:
    output: true
    permalink: /event/:year-:month-:title/
  talks:
    output: true
YAML
mkdir -p "$TEST_DIR/outside-the-site" # what ../outside would begin, were it read
echo 'deploy --with-secret' >script/deploy
echo 'spec' >spec/a_spec.rb
echo 'task :default' >Rakefile
printf -- '---\ntitle: Premier\n---\nLe premier.\n' >collections/_posts/2015-07-13-premier.md
printf -- '---\ntitle: Second\nredirect_from: 2015/07/10/ancien-nom/\n---\nVoir [le premier]({%% post_url 2015-07-13-premier %%}) et [le sommet](/event/2016-03-sommet-lyon/).\n' \
	>collections/_posts/2015-07-16-second.md
printf -- '---\ntitle: Sommet de Lyon\n---\nRendez-vous.\n' >collections/_events/2016-03-02-sommet-lyon.md
printf -- '---\ntitle: Exposé\n---\nDiapositives.\n' >collections/_talks/2017-05-01-expose.md
"$FOLIO" init --from jekyll . >"$TEST_DIR/init.txt" 2>&1 || { cat "$TEST_DIR/init.txt" >&2; fail "init failed"; }
# whoever wrote _config.yml names no path outside the site in folio.yaml
! grep -n '^  - ".*\.\.' folio.yaml || fail "folio.yaml lists a path with .."
assert_not_contains folio.yaml 'outside'

# a draft written after the migration
mkdir -p _drafts
printf -- '---\ntitle: Pas encore\n---\nBrouillon.\n' >_drafts/pas-encore.md

"$FOLIO" check --worktree . >"$TEST_DIR/check.txt" 2>&1 || { cat "$TEST_DIR/check.txt" >&2; fail "the site is refused"; }
assert_contains "$TEST_DIR/check.txt" "0 errors, 0 warnings"
"$FOLIO" build --quiet --worktree . --out "$out" 2>"$TEST_DIR/err" || { cat "$TEST_DIR/err" >&2; fail "the build failed"; }

for f in script/deploy spec/a_spec.rb Rakefile; do
	[ ! -e "$out/$f" ] || fail "$f, which exclude: names from the root, is published"
done
[ -f "$out/event/2016-03-sommet-lyon/index.html" ] || fail "the event is not at Jekyll's /event/2016-03-sommet-lyon/"
[ -f "$out/talks/2017-05-01-expose/index.html" ] || fail "a :path permalink lost the date of the name"
assert_contains "$out/2015/07/10/ancien-nom/index.html" 'http-equiv="refresh"'
assert_contains "$out/2015/07/16/second/index.html" 'href="/2015/07/13/premier/"'
[ ! -e "$out/pas-encore" ] && ! grep -rq "Brouillon" "$out" || fail "a draft is published"

# typelevel's blog: posts at /blog/…/x.html, their list (folio's) at /blog/
# where the Liquid blog/index.html had it, and a Liquid feed named .rss kept
# at its address (an RSS feed, as it was written)
blog=$TEST_DIR/blog
mkdir -p "$blog/_posts" "$blog/blog"
cd "$blog"
printf 'title: Blog\nurl: https://blog.example\ncollections:\n  posts:\n    output: true\n    permalink: /blog/:year/:month/:day/:title.html\n' >_config.yml
printf -- '---\nlayout: default\n---\n<ul>{%% for post in site.posts %%}<li>{{ post.title }}</li>{%% endfor %%}</ul>\n' >blog/index.html
printf -- '---\nlayout: null\n---\n<?xml version="1.0"?>\n<rss version="2.0"><channel>{%% for post in site.posts %%}<item><title>{{ post.title }}</title></item>{%% endfor %%}</channel></rss>\n' >blog/feed.rss
printf -- '---\ntitle: Un billet\n---\nRetour [au blog](/blog/), [le flux](/blog/feed.rss).\n' >_posts/2015-07-13-un-billet.md
"$FOLIO" init --from jekyll . >"$TEST_DIR/init2.txt" 2>&1 || { cat "$TEST_DIR/init2.txt" >&2; fail "init of the blog failed"; }
"$FOLIO" check --worktree . >"$TEST_DIR/check2.txt" 2>&1 || { cat "$TEST_DIR/check2.txt" >&2; fail "the blog is refused"; }
"$FOLIO" build --quiet --worktree . --out "$TEST_DIR/out2" 2>"$TEST_DIR/err" || { cat "$TEST_DIR/err" >&2; fail "the blog's build failed"; }
[ -f "$TEST_DIR/out2/blog/2015/07/13/un-billet.html" ] || fail "the post is not at Jekyll's address"
assert_contains "$TEST_DIR/out2/blog/index.html" "Un billet"
[ ! -e "$TEST_DIR/out2/blog.html" ] || fail "the list of posts is at /blog.html, not /blog/"
assert_contains "$TEST_DIR/out2/blog/feed.rss" '<rss version="2.0"'
assert_contains "$TEST_DIR/out2/blog/feed.rss" "<title>Un billet</title>"

# no url: in _config.yml, a CNAME (GitHub Pages' custom domain): the site's
# address, so a link written with it is the site's own, checked
cname=$TEST_DIR/cname
mkdir -p "$cname/_posts"
cd "$cname"
printf 'title: Org\n' >_config.yml
echo "typelevel-like.org" >CNAME
printf -- '---\ntitle: A\n---\nSee [the code](https://typelevel-like.org/code-of-conduct/).\n' >_posts/2015-01-01-a.md
"$FOLIO" init --from jekyll . >"$TEST_DIR/init3.txt" 2>&1 || { cat "$TEST_DIR/init3.txt" >&2; fail "init of the CNAME site failed"; }
assert_contains "$TEST_DIR/init3.txt" "the site's address is its CNAME's: base_url is https://typelevel-like.org"
assert_contains folio.yaml 'base_url: "https://typelevel-like.org"'
"$FOLIO" check --worktree . >"$TEST_DIR/check3.txt" 2>&1 && fail "a link to a page the site lacks, written with its address, passed"
assert_contains "$TEST_DIR/check3.txt" 'link to "https://typelevel-like.org/code-of-conduct/" points to no page [link/broken]'
# a CNAME that is no host name gives no address
printf 'evil.org/../x"\nbase_url: x\n' >CNAME
"$FOLIO" init --force --from jekyll . >"$TEST_DIR/init5.txt" 2>&1 || { cat "$TEST_DIR/init5.txt" >&2; fail "init with a hostile CNAME failed"; }
assert_contains folio.yaml 'base_url: "https://example.org"'
assert_not_contains folio.yaml 'evil.org'

# a link to a Liquid file init leaves out says so, not "no such file"
liquid=$TEST_DIR/liquid
mkdir -p "$liquid/docs"
cd "$liquid"
printf 'title: L\nurl: https://liquid-site.org\npermalink: pretty\n' >_config.yml
printf -- '---\n---\n[{%% for p in site.pages %%}"{{ p.url }}"{%% endfor %%}]\n' >docs/data.json
printf -- '---\ntitle: Guide\n---\nSee [data](data.json).\n' >docs/guide.md
"$FOLIO" init --from jekyll . >"$TEST_DIR/init4.txt" 2>&1 || { cat "$TEST_DIR/init4.txt" >&2; fail "init of the Liquid site failed"; }
"$FOLIO" check --worktree . >"$TEST_DIR/check4.txt" 2>&1 && fail "a link to a file left out passed"
assert_contains "$TEST_DIR/check4.txt" \
	'docs/guide.md:4:12: error: link to "data.json": file "docs/data.json" is left out of the site by folio.yaml'"'"'s exclude: [link/asset]'

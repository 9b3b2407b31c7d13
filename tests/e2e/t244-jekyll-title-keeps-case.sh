#!/bin/bash
# Jekyll's :title is the post's file name as written, capitals kept
# (en/news/_posts/2012-10-12-poisoned-NUL-byte.md is at
# /en/news/2012/10/12/poisoned-NUL-byte/ with permalink: pretty), where
# folio's slugs are lower case. init --from jekyll writes slug_case: keep
# for collections whose permalink names :title, so links to such posts
# hold; a link in lower case is broken, as it was a 404 on Jekyll's site;
# a name beyond ASCII keeps its letters and capitals too, as Jekyll's
# pretty slugify writes it (Été-Release, slug_letters: keep); a page's slug:
# keeps its capitals too, as Jekyll's :title slugifies it "cased". Without
# the key, the capitals' link is broken.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/en/news/_posts" "$site/en/security" "$site/_posts"
cat >"$site/_config.yml" <<'YAML'
title: Gemstone
url: https://gemstone.example
permalink: pretty
YAML
post() { printf -- '---\ntitle: "%s"\n%s---\n%s\n' "$2" "$3" "$4" >"$site/$1"; }
post en/news/_posts/2012-10-12-poisoned-NUL-byte.md "Poisoned NUL byte" "" 'A vulnerability.'
post en/news/_posts/2006-11-03-CVE-2006-5467.md "CVE-2006-5467" "" 'Another.'
post en/news/_posts/2020-01-01-Été-Release.md "Summer" "" 'Summer release.'
post en/news/_posts/2021-02-02-Named.md "Named" $'slug: Given-Slug\n' 'Named by its slug.'
post _posts/2019-05-05-Site-Moved.md "Moved" "" 'The site moved.'
cat >"$site/en/security/index.md" <<'MD'
---
title: Security
---
- [NUL](/en/news/2012/10/12/poisoned-NUL-byte/)
- [CVE](/en/news/2006/11/03/CVE-2006-5467/)
- [summer](/en/news/2020/01/01/Été-Release/)
- [named](/en/news/2021/02/02/Given-Slug/)
- [moved](/2019/05/05/Site-Moved/)
MD

"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
python3 - "$site/folio.yaml" <<'PY' || fail "slug_case: keep should be written for both collections of posts: $(cat "$site/folio.yaml")"
import sys, yaml
cols = yaml.safe_load(open(sys.argv[1]))["collections"]
posts = [c for c in cols if c["folder"].endswith("_posts")]
assert len(posts) == 2 and all(c.get("slug_case") == "keep" for c in posts), posts
PY
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused links to names with capitals: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/en/news/2012/10/12/poisoned-NUL-byte/index.html" 'A vulnerability.'
assert_contains "$out/en/news/2006/11/03/CVE-2006-5467/index.html" 'Another.'
assert_contains "$out/en/news/2020/01/01/Été-Release/index.html" 'Summer release.'
assert_contains "$out/en/news/2021/02/02/Given-Slug/index.html" 'Named by its slug.'
assert_contains "$out/2019/05/05/Site-Moved/index.html" 'The site moved.'

# a link in lower case names no page, as on Jekyll's site
printf -- '- [lower](/en/news/2012/10/12/poisoned-nul-byte/)\n' >>"$site/en/security/index.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a link in lower case to a name with capitals should be broken (exit $r)"
assert_contains "$TEST_DIR/check.txt" 'link to "/en/news/2012/10/12/poisoned-nul-byte/" points to no page'
sed -i '$d' "$site/en/security/index.md"

# without the key, the capitals are lower case and the links break
sed -i '/slug_case: keep/d' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "without slug_case the capitals' links should be broken (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'link to "/en/news/2012/10/12/poisoned-NUL-byte/" points to no page'
echo "ok"

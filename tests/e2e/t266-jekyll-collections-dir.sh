#!/bin/bash
# A French Jekyll site laid out as beta.gouv.fr is (748 pages): its
# collections in content/ (collections_dir: content), those it outputs at
# "/startups/:title.html", its pages in _pages/ (include: [_pages]), each
# with its permalink. folio init made one collection of everything under
# content/, left _pages/ out, and could not keep :title.html: 115 errors.
# Now the collections Jekyll outputs are collections (ugly_urls: pages,
# names kept as written, dots too: refugies.info.md at
# /startups/refugies.info.html), those it does not output are not
# published, _pages/ is a folder of pages, and with them:
# - a relative link without extension ("notifications-v2") finds the page
#   at x.html from the page's URL;
# - a protocol-relative link (//www.dailymotion.com/...) is a link;
# - "#:~:text=..." is a text fragment, no id to check;
# - redirect_from: [/recrutement, /recrutement/] is one redirect page.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/_startups" "$site/content/_authors" "$site/content/docs" "$site/_pages/bilan"
cat >"$site/_config.yml" <<'YML'
title: Beta
url: https://beta.example
lang: fr
include: ["_pages"]
collections_dir: content
collections:
  authors:
  startups:
    output: true
    permalink: /startups/:title.html
YML
printf -- '---\ntitle: Réfugiés\n---\nUn service. Voir la [v2](notifications-v2) et [la vidéo](//www.dailymotion.com/embed/video/x4aa7o4).\n' \
	>"$site/content/_startups/refugies.info.md"
printf -- '---\ntitle: Notifications v2\n---\n## Budget\n\nDes chiffres.\n' >"$site/content/_startups/notifications-v2.md"
printf -- '---\ntitle: Anne\n---\nUne autrice.\n' >"$site/content/_authors/anne.md"
# a pusher's name with dots that would climb: made a plain slug, not kept
printf -- '---\ntitle: Points\n---\nPoints.\n' >"$site/content/_startups/a..b.md"
printf 'PDF' >"$site/content/docs/bilan.pdf"
cat >"$site/_pages/bilan/2024.md" <<'MD'
---
title: Bilan 2024
permalink: /bilan/2024/
---
Les startups : [Réfugiés](/startups/refugies.info.html), [le budget](https://beta.example/startups/notifications-v2.html#budget),
[un passage](/startups/notifications-v2.html#:~:text=Des%20chiffres) et [le bilan](/content/docs/bilan.pdf).
MD
printf -- '---\ntitle: Nous rejoindre\npermalink: /nous-rejoindre/\nredirect_from:\n  - /recrutement\n  - /recrutement/\n---\nRejoignez-nous.\n' \
	>"$site/_pages/nous-rejoindre.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$TEST_DIR/init.txt" 'content/ holds the collections (collections_dir)'
python3 - "$site/folio.yaml" <<'PY'
import sys, yaml
cfg = yaml.safe_load(open(sys.argv[1]))
cols = {c["folder"]: c for c in cfg["collections"]}
st = cols["content/_startups"]
assert st["url"] == "/startups/" and st["ugly_urls"] == "pages" and st["slug_case"] == "keep", st
assert "_pages" in cols and cols["_pages"]["url"] == "/_pages/", cols.get("_pages")
assert "content/_authors" not in cols and "content/_authors" in cfg["exclude"], cfg
assert "content/docs" in cfg["copy"], cfg["copy"]
PY
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/startups/refugies.info.html" 'href="/startups/notifications-v2.html">v2'
assert_contains "$out/startups/refugies.info.html" 'href="//www.dailymotion.com/embed/video/x4aa7o4"'
assert_contains "$out/bilan/2024/index.html" 'href="/startups/refugies.info.html">Réfugiés'
assert_contains "$out/startups/a-b.html" 'Points.'
[ -z "$(find "$out" -name '*..*')" ] || fail "a name with .. is published as written: $(find "$out" -name '*..*')"
[ -f "$out/content/docs/bilan.pdf" ] || fail "the linked PDF is not copied"
[ -f "$out/recrutement/index.html" ] || fail "no redirect page at /recrutement/"
assert_contains "$out/recrutement/index.html" '/nous-rejoindre/'
[ ! -e "$out/authors" ] && [ ! -e "$out/content/_authors" ] || fail "a collection Jekyll does not output is published"

# a text fragment names no element, but what precedes it does
printf -- '---\ntitle: Faux\npermalink: /faux/\n---\n[x](/startups/notifications-v2.html#cout:~:text=Des)\n' >"$site/_pages/faux.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
cat "$TEST_DIR/check2.txt"
[ $r -eq 1 ] || fail "check should refuse the missing id before the text fragment (exit $r)"
assert_contains "$TEST_DIR/check2.txt" 'has no heading with id "cout" [link/anchor]'
echo "ok"

#!/bin/bash
# A leaf bundle at the top of content/ (content/privacy/index.md and its
# files, no _index.md) is one page of the root's, at /<folder>/ or where
# its slug: puts it, its files beside it, as Hugo publishes it: init made
# the folder a collection of its own, whose list showed the text at
# /privacy/ whatever its slug: said (a link to /privacy-policy/ refused),
# with empty feeds. A folder with an _index.md stays a section.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w hugo.toml 'baseURL = "https://example.org/"
title = "t"
'
w content/_index.md '---
title: Home
---
Read [the policy](/privacy-policy/) and [the notice](/legal-notice/).
'
w content/about.md '---
title: About
description: Who we are.
---
About us.
'
w content/privacy/index.md '---
title: Privacy policy
slug: privacy-policy
description: What we keep.
---
![The map](map.png)
'
w content/privacy/map.png 'PNG'
w content/imprint/index.md '---
title: Legal notice
slug: legal-notice
description: Who publishes.
---
Our [privacy policy](/privacy-policy/).
'
w content/contact/index.md '---
title: Contact
description: Write to us.
---
Write to us.
'
w content/news/_index.md '---
title: News
---
'
w content/news/first.md '---
title: First
date: 2024-01-02
---
First news.
'
migrate_and_build hugo "$s" "$TEST_DIR/out" >/dev/null
o=$TEST_DIR/out
for c in privacy imprint contact; do
	if grep -q "folder: \"content/$c\"" "$s/folio.yaml"; then fail "content/$c/ was made a collection"; fi
done
assert_contains "$s/folio.yaml" 'folder: "content/news"'
[ -f "$o/privacy-policy/index.html" ] && [ -f "$o/privacy-policy/map.png" ] || fail "the bundle is not at its slug"
[ -f "$o/legal-notice/index.html" ] && [ -f "$o/contact/index.html" ] || fail "a bundle page is missing"
[ ! -e "$o/privacy" ] && [ ! -e "$o/contact/index.xml" ] || fail "the bundle's folder has a page or feeds of its own"
[ -f "$o/news/first/index.html" ] || fail "the section's page is missing"
echo "ok: a leaf bundle at the top is a page of the root's, at its slug"

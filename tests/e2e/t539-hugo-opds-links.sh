#!/bin/bash
# An OPDS catalog's link, opds://host/path (EDRLab's Thorium Reader
# documentation, in English, French and Spanish, tells its readers to add
# Project Gutenberg's, archive.org's and OpenEdition's catalogs so): the
# reading system that registered the scheme opens it, as a browser hands
# irc:// or webcal:// to their programs. Hugo publishes the link as it is;
# folio refused the pages (link/external-syntax, "a scheme other than http,
# https, mailto"), 14 links on 10 pages. opds is now a scheme of a server,
# with "//" and a host as the others: "opds:catalog" without them is still
# refused. Thirty-second pass (Hugo).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/en/docs/220_organizing"
printf 'baseURL = "https://reader.example/"\ntitle = "Reader"\ncontentDir = "content/en"\n' >"$s/config.toml"
cat >"$s/content/en/docs/220_organizing/222_catalogs.md" <<'MD'
---
title: "Catalogs"
weight: 2
---
Add [Project Gutenberg](opds://www.gutenberg.org/ebooks/search.opds/) or
[OpenEdition](OPDS://opds.openedition.org/) to your catalogs.
MD
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/docs/220_organizing/222_catalogs/index.html" 'href="opds://www.gutenberg.org/ebooks/search.opds/"'

printf '\nA catalog [without a host](opds:catalog).\n' >>"$s/content/en/docs/220_organizing/222_catalogs.md"
if "$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1; then fail "opds: without // and a host passed"; fi
assert_contains "$TEST_DIR/check.txt" 'has no "//" and host after its scheme'
echo "ok an OPDS catalog link, opds://host/, is a scheme a reading system opens"

#!/usr/bin/env python3
"""Every key src/render/render.c sets on a JSON object is either a name of
the template contexts, listed in the context_names table of
src/model/template_names.c (which
template/unknown-variable trusts), or one of the JSON-LD and feed keys
below, which templates never see as names. A key added to a context
without its name in the table would make templates that use it fail
`folio check`: this test fails first, naming it."""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
src = open(os.path.join(root, "src/render/render.c"), encoding="utf-8").read()
# the table sits with the template engine, below check (model/template_names.c)
names_src = open(os.path.join(root, "src/model/template_names.c"), encoding="utf-8").read()

# keys of the JSON-LD (schema.org) and JSON Feed objects, and folio's feed extension
NOT_FOR_TEMPLATES = {
    "@context", "@type", "_folio", "address", "addressLocality", "affiliation", "author",
    "content_html", "content_text", "datePublished", "date_published", "endDate", "feed_url",
    "home_page_url", "inLanguage", "jobTitle", "location", "numberOfPages", "organizer",
    "performer", "publisher", "sameAs", "startDate", "version",
}

table = re.search(r"context_names\[\] = \{(.*?)\n\};", names_src, re.S)
if not table:
    sys.exit("model/template_names.c has no context_names table")
names = set(re.findall(r'"([^"]+)"', table.group(1)))
keys = set(re.findall(r'(?:set_[a-z]+|json_object_set[a-z_]*)\([^,;]*, "([^"]+)"', src))
missing = sorted(keys - names - NOT_FOR_TEMPLATES)
if missing:
    sys.exit("render.c sets %s, in neither context_names (for templates) nor this test's "
             "list of JSON-LD and feed keys: add each where it belongs" % ", ".join(missing))
print("ok: %d keys, %d context names" % (len(keys), len(names)))

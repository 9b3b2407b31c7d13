#!/usr/bin/env python3
"""Write docs/config.md from include/folio/config_keys.def, the table of
folio.yaml's keys that src/model/config.c also reads. With --check, write
nothing and exit 1 when docs/config.md differs from what would be written
(a test runs that, so the two cannot drift)."""
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = "include/folio/config_keys.def"
DOC = "docs/config.md"
SECTIONS = [
    ("SITE", "Site", "The top level of `folio.yaml`."),
    ("COLLECTION", "Collections", "Each item of `collections:` is one kind of page."),
    ("PARTNER", "Partners", "Each item of `partners:` is one site that receives deliveries."),
]
EXAMPLE = """\
title: ISCRA
base_url: https://iscra.example
language: fr
collections:
  - name: events
    label: Événements
    template: event
    sort: -date
    date_field: date
    jsonld:                     # schema.org JSON-LD: property -> front-matter field
      type: Event
      startDate: [date, start]  # a date field and a time field
      location: {type: Place, name: location}
      performer: speakers       # a reference field: the pages it names
partners:
  - name: alliss
    url: https://alliss.example/folio
    collections: [events]
limits:
  page-output: 2M
"""

FOLDER = """\
A site kept in a folder of a larger repository (a project's `website/` or
`docs/`, Jekyll's `source: src`) is read from that folder when the
repository top's `folio.yaml` holds this one key:

```yaml
site_folder: website
```

The site itself, its own `folio.yaml` with the keys below, its schemas,
templates and pages, is in `website/`, read as if it were the top:
`folio build`, `folio check`, the hooks, `folio watch` and `folio serve`
read that folder of each commit, and a commit that changes only files
outside it publishes nothing. Findings name files from the repository's
top (`website/events/x.md:3:1: error: ...`). The folder must be a folder
of the commit, reached through no symbolic link and no `..`; the top's
`folio.yaml` may hold nothing else, and a site's own `folio.yaml` may not
name a folder again: each is an error naming `folio.yaml` and its line.
`folio init --from jekyll` writes it for a `_config.yml` with `source:`;
`folio init DIR` in a folder of a repository says what to write (it never
writes above the folder it is given)."""

def quoted(s):
    return s.replace("\\\"", "\"")

def render():
    keys = {s[0]: [] for s in SECTIONS}
    with open(os.path.join(root, TABLE), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'CONFIG_KEY\((\w+), "([^"]+)", "([^"]*)", "([^"]*)", "((?:[^"\\]|\\.)*)"\)', line)
            if m:
                keys[m.group(1)].append(tuple(quoted(g) for g in m.group(2, 3, 4, 5)))
    out = ["# folio.yaml", "",
           "A site's configuration: `folio.yaml` at the root of its repository. This page is",
           "generated from `%s` by `scripts/gen-config-doc.py`; a test" % TABLE,
           "fails when the two drift. Any key not listed here is an error, with a",
           "\"did you mean\" hint naming the closest known key. `folio init DIR` writes a",
           "commented `folio.yaml` to start from.", "",
           "```yaml", EXAMPLE.rstrip("\n"), "```", "", "## A site in a folder", ""] + FOLDER.split("\n")
    for section, title, intro in SECTIONS:
        out += ["", "## " + title, "", intro, "",
                "| key | type | default | meaning |", "| --- | --- | --- | --- |"]
        for name, typ, dflt, desc in keys[section]:
            out.append("| `%s` | %s | %s | %s |" % (name, typ, dflt, desc.replace("|", "\\|")))
    out += ["", "A `sort` field must be a property of the collection's schema (or `title`),",
            "else `folio check` reports it with the closest field name.", ""]
    return "\n".join(out)

text = render()
path = os.path.join(root, DOC)
if sys.argv[1:] == ["--check"]:
    try:
        with open(path, encoding="utf-8") as f:
            current = f.read()
    except OSError:
        current = None
    if current != text:
        sys.stderr.write("%s differs from %s: run scripts/gen-config-doc.py\n" % (DOC, TABLE))
        sys.exit(1)
    sys.exit(0)
with open(path, "w", encoding="utf-8") as f:
    f.write(text)

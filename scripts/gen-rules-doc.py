#!/usr/bin/env python3
"""Write docs/rules.md from include/folio/rules.def (the one source of rule ids)."""
import os
import re

SETTINGS = """
## Changing a rule for a site

`folio.yaml` may change what a rule does, for the whole site or under some
paths, and drop the findings of some paths altogether:

```yaml
rules:
  link/external-dead: off          # its findings are dropped
  html/raw: warning                # reported, never refused
  text/repeated-paragraph: error   # refused
  link/broken:                     # a warning under old/ only, an error elsewhere
    severity: warning
    paths: [old/**]
ignore: [archives/**, "drafts/*.md"]   # findings of these files are dropped
```

- A severity is `error` (the commit is refused), `warning` (reported, never
  refused) or `off`. Warnings do not turn the incremental publishes off (a
  commit still costs what it changes), except `isbn/duplicate` made a
  warning: that finding on one page is made by another, so a site that keeps
  one is loaded whole at each commit.
  With `paths:`, the setting applies to findings of files under those
  patterns only, and elsewhere the rule keeps its default.
- `ignore:` drops every finding of the files it matches, whatever the rule,
  except those of locked rules.
- A pattern matches a path from the site root, as a whole: `*` is any run of
  characters within one folder, `?` one character, `**` as a whole segment
  any number of folders (`**/index.md`, `archives/**`), and a final `/` a
  whole folder (`archives/` is `archives/**`). `*.md` is a file at the root
  only; write `**/*.md` for any folder. In YAML, quote a pattern that
  starts with `*`. `ignore:` and each rule's `paths:` hold at most 256
  patterns (with `*`, `?` or a final `/`) of at most 1,024 bytes (a
  path's most): more is a `config/syntax` error, as each finding's file
  is matched against them (docs/security.md, the eighteenth round). Paths
  written whole are looked up, not matched, and count against no such
  bound (`init --baseline` writes one per page: 359 on root.cern's site).
- Rules marked "no: locked" above guard the server or the build (paths,
  symbolic links, sizes and budgets, what cannot be parsed or rendered):
  the one who pushes writes `folio.yaml`, so these cannot be changed nor
  ignored; setting one is a `config/syntax` error at its line of
  `folio.yaml`, as is an unknown rule id (with the closest id as a hint).
- The settings apply to every finding, wherever it is reported: `folio
  check` (every format), the hooks, `folio build`, `folio watch` and its
  status page. A commit that changes them is checked in full.
"""

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = []
with open(os.path.join(root, "include/folio/rules.def"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r'RULE\((\w+), "([^"]+)", (\w+), (OPEN|LOCKED), "([^"]*)"\)', line)
        if m:
            rows.append((m.group(2), m.group(3).lower(),
                         "yes" if m.group(4) == "OPEN" else "no: locked", m.group(5)))
        elif line.startswith("RULE("):
            raise SystemExit("rules.def: cannot read: " + line.strip())
out = ["# Rules", "",
       "Every finding folio reports carries one of these rule ids. This page is",
       "generated from `include/folio/rules.def` by `scripts/gen-rules-doc.py`;",
       "a unit test fails when the two drift.", "",
       "| rule | default severity | settable | meaning |", "| --- | --- | --- | --- |"]
out += ["| `%s` | %s | %s | %s |" % r for r in rows]
out += ["", SETTINGS.strip()]
with open(os.path.join(root, "docs/rules.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")

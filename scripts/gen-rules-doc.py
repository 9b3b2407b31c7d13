#!/usr/bin/env python3
"""Write docs/rules.md from include/folio/rules.def (the one source of rule ids)."""
import os
import re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = []
with open(os.path.join(root, "include/folio/rules.def"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r'RULE\((\w+), "([^"]+)", (\w+), "([^"]*)"\)', line)
        if m:
            rows.append((m.group(2), m.group(3).lower(), m.group(4)))
out = ["# Rules", "",
       "Every finding folio reports carries one of these rule ids. This page is",
       "generated from `include/folio/rules.def` by `scripts/gen-rules-doc.py`;",
       "a unit test fails when the two drift.", "",
       "| rule | default severity | meaning |", "| --- | --- | --- |"]
out += ["| `%s` | %s | %s |" % r for r in rows]
with open(os.path.join(root, "docs/rules.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")

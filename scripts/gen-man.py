#!/usr/bin/env python3
"""Render folio's --help texts as man pages: folio.1 from `folio --help`,
folio-<command>.1 from `folio <command> --help`. The help texts come from
the command and option tables, so the pages never drift from the code.

    scripts/gen-man.py FOLIO_BINARY OUT_DIR VERSION
"""
import os
import re
import subprocess
import sys


def run(folio, *args):
    # --help prints to stdout with status 0
    return subprocess.run([folio, *args, "--help"], capture_output=True, text=True, check=True).stdout


def esc(line):
    """Escape a line of text for roff: backslashes, and a leading '.' or "'"."""
    line = line.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + line if line[:1] in (".", "'") else line


def page(name, summary, text, version):
    out = [f'.TH {name.upper()} 1 "" "folio {version}" "folio manual"',
           ".SH NAME", esc(f"{name} - {summary}"), ".SH SYNOPSIS", ".nf"]
    blocks = text.rstrip("\n").split("\n\n")
    for line in blocks[0].split("\n"):  # the usage lines
        out.append(esc(re.sub(r"^(usage:|\s+or:)?\s*", "", line)))
    out.append(".fi")
    out.append(".SH DESCRIPTION")
    for block in blocks[1:]:
        lines = block.split("\n")
        head = lines[0].rstrip(":")
        if lines[0].endswith(":") and head in ("options", "verbs", "commands"):
            out.append(f".SH {head.upper()}")
            for line in lines[1:]:
                m = re.match(r"^\s+(\S.*?)(?:\s{2,}(\S.*))?$", line)
                if m and not line.startswith("    " * 3):
                    out += [".TP", esc(m.group(1))] + ([esc(m.group(2))] if m.group(2) else [])
                else:
                    out.append(esc(line.strip()))
        elif any(l.startswith("  ") for l in lines):  # an indented table: keep its layout
            out += [".PP", ".nf"] + [esc(l) for l in lines] + [".fi"]
        else:
            out += [".PP"] + [esc(l) for l in lines]
    out += [".SH SEE ALSO", "folio(1)" if name != "folio" else "The README and docs/ of folio."]
    return "\n".join(out) + "\n"


def main():
    folio, out_dir, version = sys.argv[1:4]
    os.makedirs(out_dir, exist_ok=True)
    top = run(folio)
    commands = re.findall(r"^  (\S+)\s{2,}(.*)$", top.split("commands:\n", 1)[1], re.M)
    with open(os.path.join(out_dir, "folio.1"), "w") as f:
        f.write(page("folio", "validate, render and publish a site kept in Git", top, version))
    for name, summary in commands:
        with open(os.path.join(out_dir, f"folio-{name}.1"), "w") as f:
            f.write(page(f"folio-{name}", summary, run(folio, name), version))


main()

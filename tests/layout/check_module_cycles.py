#!/usr/bin/env python3
"""No include or call cycle between folio's modules (issue 12), at two levels.

A *module* is a folder of src/ and a name stem: the stem of a file is its name
up to the first '_' or '.', so render/render.c, render/render_plan.c,
render/render_units.c and render/render_internal.h are the module
render/render, publish/publish.c, publish/publish_fast.c, publish/publish_judge.c
and publish/publish_fast.h are publish/publish, and render/deps.c with
render/deps.h is render/deps. A file that includes another stem's private
state, its folder's <stem>_internal.h, is of that stem's module: writer.c
includes publish_internal.h (the publisher's working state) and is of
publish/publish. A *stage* is a folder of src/ (util, core,
source, model, check, render, publish, deliver, daemon, cli: README, "How it
works"); a generated source of the build (builtin_templates.c) is its own
module in the stage "generated", which defines data and calls nothing.

Two graphs, each at both levels:
- includes: a file's `#include "dir/x.h"` (or `"x.h"` beside it) of a private
  header under src/ is an edge from its module to the header's. Public headers
  (include/folio/) declare what some module defines: using one is a call, and
  the call graph sees it.
- calls: `nm` of the library's objects; each undefined symbol resolved to the
  object that defines it is an edge from the user's module to the definer's.
  nm names an archive member by its basename only, so two .c files of one name
  (in two folders) fail the test: their symbols could not be told apart.

An edge inside one module (or stage) is not a dependency. The test fails on
any cycle, naming each one with the include line or symbol of every edge. A
module cycle is refused outright. A stage cycle is refused too, except the
back edges listed in ALLOWED_STAGE_EDGES below, each with the reason it stands;
a new back edge fails. Inside every folder of src/ (one_way_folders(): read
from the tree, so a new folder is covered) every file calls the others one
way: a call cycle between two files of one folder fails too, even inside one
module (publish.c and publish_fast.c, render.c and render_json.c): a module
split by size calls down from its entry file to its helpers, never back.

Usage: check_module_cycles.py <source dir> <libfolio.a> [nm]
"""
import os
import re
import subprocess
import sys

# Back edges between stages known and left for now: (from stage, to stage):
# why. Only what is listed here may close a stage cycle; anything new fails.
# None is left: the layout and the templates sit in model/, a page's aliases
# and the template names too, validation is given the output plan, and the
# publisher enqueues deliveries through publish/deliveries.c.
ALLOWED_STAGE_EDGES = {
}


def one_way_folders(src):
    """Every folder of src/ holding a .c file (issue 12: the publisher's
    planners and writer, and every module split by size, call one way); read
    from the tree, so a new folder is covered without a line here."""
    out = set()
    for root, _dirs, files in os.walk(src):
        if root != src and any(f.endswith(".c") for f in files):
            out.add(os.path.relpath(root, src))
    return sorted(out)


INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


# file -> module, for the files that include another stem's *_internal.h
JOINED = {}


def module_of(rel):
    """'render/render_plan.c' -> ('render/render', 'render')."""
    folder, name = os.path.split(rel)
    if rel in JOINED:
        return JOINED[rel], folder
    stem = re.split(r'[_.]', name, maxsplit=1)[0]
    return folder + "/" + stem, folder


def join_internal(inc):
    """A file including its folder's <stem>_internal.h joins that module."""
    for a, hdr, _why in inc:
        folder, name = os.path.split(hdr)
        if name.endswith("_internal.h") and os.path.dirname(a) == folder:
            JOINED[a] = folder + "/" + name[:-len("_internal.h")]


def source_files(src):
    out = []
    for root, _dirs, files in os.walk(src):
        for f in files:
            if f.endswith((".c", ".h", ".def")):
                out.append(os.path.relpath(os.path.join(root, f), src))
    return sorted(out)


def include_edges(src, files):
    """[(from module, to module, evidence)] from private header includes."""
    present = set(files)
    edges = []
    for rel in files:
        with open(os.path.join(src, rel), encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        for m in INCLUDE_RE.finditer(text):
            target = m.group(1)
            beside = os.path.normpath(os.path.join(os.path.dirname(rel), target))
            if target in present:
                hdr = target
            elif beside in present:
                hdr = beside
            else:
                continue  # public (folio/...) or system header
            line = text.count("\n", 0, m.start()) + 1
            edges.append((rel, hdr, '%s:%d: #include "%s"' % (rel, line, target)))
    return edges


def same_basenames(files):
    """[(basename, [files])] of .c files that share a name: nm names an archive
    member by its basename only, so their symbols could not be told apart."""
    seen = {}
    for f in files:
        if f.endswith(".c"):
            seen.setdefault(os.path.basename(f), []).append(f)
    return sorted((b, fs) for b, fs in seen.items() if len(fs) > 1)


def call_edges(src, files, archive, nm):
    """[(from file, to file, evidence)] from the archive's symbol tables."""
    by_base = {os.path.basename(f): f for f in files if f.endswith(".c")}
    out = subprocess.run([nm, "-A", "-P", archive], check=True,
                         capture_output=True, text=True).stdout
    defined, used = {}, []
    member_re = re.compile(r'^.*\[([^\]]+)\]: (\S+) (\S)')
    for line in out.splitlines():
        m = member_re.match(line)
        if not m:
            continue
        member, sym, kind = m.groups()
        base = member[:-2] if member.endswith(".o") else member
        rel = by_base.get(base)
        if rel is None:
            rel = "generated/" + base
        if kind == "U":
            used.append((rel, sym))
        elif kind in "TDBRCWVGS":  # global definitions (lowercase are local)
            defined.setdefault(sym, rel)
    edges = []
    for rel, sym in used:
        to = defined.get(sym)
        if to is not None:
            edges.append((rel, to, "%s calls or uses %s (defined in %s)" % (rel, sym, to)))
    return edges


def graph(edges, level):
    """{node: {node: evidence}} at a level (0 module, 1 stage), self edges dropped."""
    g = {}
    for a, b, why in edges:
        na, nb = module_of(a)[level], module_of(b)[level]
        if na == nb:
            continue
        g.setdefault(na, {}).setdefault(nb, why)
        g.setdefault(nb, {})
    return g


def components(g):
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in sorted(g):
        if root in index:
            continue
        work = [(root, iter(sorted(g[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(g[nxt]))))
                    advanced = True
                    break
                if nxt in on:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def one_cycle(g, comp):
    """A shortest cycle through the component's first node, as a node list."""
    members = set(comp)
    start = comp[0]
    prev, queue = {start: None}, [start]
    for node in queue:
        for nxt in sorted(g[node]):
            if nxt not in members:
                continue
            if nxt == start:
                path = [node]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if nxt not in prev:
                prev[nxt] = node
                queue.append(nxt)
    return comp + [comp[0]]


def report(kind, level_name, g, comps):
    for comp in comps:
        cycle = one_cycle(g, comp)
        print("error: %s cycle between %ss: %s" % (kind, level_name, " -> ".join(cycle)))
        for a, b in zip(cycle, cycle[1:]):
            print("    %s -> %s: %s" % (a, b, g[a][b]))
        if len(comp) > len(cycle) - 1:
            print("    (the cycle's component holds %s)" % ", ".join(comp))


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    src = os.path.join(argv[1], "src")
    archive = argv[2]
    nm = argv[3] if len(argv) > 3 and argv[3] else "nm"
    files = source_files(src)
    inc = include_edges(src, files)
    join_internal(inc)
    calls = call_edges(src, files, archive, nm)
    failures = 0
    for base, fs in same_basenames(files):
        print("error: %s share the name %s: the archive's members could not be told apart;"
              " rename one" % (" and ".join(fs), base))
        failures += 1
    if not inc or not calls:
        # an archive of LTO bitcode, or a wrong nm, would read as no calls at all
        print("error: %s read no %s edges: the graph cannot be judged"
              % ("src/" if not inc else "%s %s" % (nm, archive), "include" if not inc else "call"))
        failures += 1
    used_allowed = set()
    for kind, edges in (("include", inc), ("call", calls)):
        g = graph(edges, 0)
        comps = components(g)
        report(kind, "module", g, comps)
        failures += len(comps)
        # stages: drop the allowed back edges, then look for cycles
        s = graph(edges, 1)
        for (a, b) in ALLOWED_STAGE_EDGES:
            if b in s.get(a, {}):
                used_allowed.add((a, b))
                s[a].pop(b)
        comps = components(s)
        report(kind, "stage", s, comps)
        failures += len(comps)
    folders = one_way_folders(src)
    if not folders:
        print("error: src/ holds no folder of .c files: the one-way check would judge nothing")
        failures += 1
    for folder in folders:
        g = {f: {} for f in files if os.path.dirname(f) == folder and f.endswith(".c")}
        for a, b, why in calls:
            if a in g and b in g and a != b:
                g[a].setdefault(b, why)
        comps = components(g)
        report("call", "file", g, comps)
        failures += len(comps)
    for edge in sorted(set(ALLOWED_STAGE_EDGES) - used_allowed):
        print("error: allowed back edge %s -> %s is gone: remove it from ALLOWED_STAGE_EDGES"
              % edge)
        failures += 1
    nodes = {module_of(f)[0] for f in files}
    print("%d modules, %d include and %d call edges between files; %d stage back edge(s)"
          " allowed; %d failure(s)"
          % (len(nodes), len(inc), len(calls), len(ALLOWED_STAGE_EDGES), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

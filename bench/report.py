#!/usr/bin/env python3
"""Turn bench/run.sh's raw samples into a table and bench/results.json.

Samples are lines "key<TAB>wall_s<TAB>peak_rss_kib<TAB>cpu_s" (cpu 0 when
unknown). Each figure is the median of its samples; floor_<size> is the median read time plus the median
cmark-gfm time. A figure without samples is absent from the JSON, never 0.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import time

ANCHORS = [  # (folio key, anchor key, what)
    ("full_{s}.folio", "full_{s}.hugo", "full build vs hugo"),
    ("full_{s}.folio", "full_{s}.jekyll", "full build vs jekyll"),
    ("full_{s}.folio", "full_{s}.ikiwiki", "full build vs ikiwiki"),
    ("full_{s}.folio", "floor_{s}", "full build vs floor"),
    ("one_page_{s}.folio", "one_page_{s}.hugo", "one page vs hugo rebuild"),
    ("one_page_{s}.folio", "one_page_{s}.hugo_server", "one page vs hugo server"),
    ("one_page_{s}.folio", "one_page_{s}.ikiwiki", "one page vs ikiwiki --refresh"),
    ("push_one_page_{s}.folio_watch", "one_page_{s}.hugo_server",
     "push to published vs hugo server"),
    ("push_one_page_{s}.folio_watch", "one_page_{s}.ikiwiki",
     "push to published vs ikiwiki --refresh"),
    ("add_page_{s}.folio", "add_page_{s}.hugo_server", "add a page vs hugo server"),
    ("retitle_{s}.folio", "retitle_{s}.hugo_server", "rename a person vs hugo server"),
    ("delete_page_{s}.folio", "delete_page_{s}.hugo_server", "delete a page vs hugo server"),
    ("add_page_{s}.folio", "add_page_{s}.ikiwiki", "add a page vs ikiwiki --refresh"),
    ("retitle_{s}.folio", "retitle_{s}.ikiwiki", "rename a person vs ikiwiki --refresh"),
    ("delete_page_{s}.folio", "delete_page_{s}.ikiwiki", "delete a page vs ikiwiki --refresh"),
]
ORDER = ["full_{s}.folio", "full_{s}.hugo", "full_{s}.jekyll",
         "full_{s}.ikiwiki", "one_page_{s}.folio", "one_page_{s}.hugo",
         "one_page_{s}.hugo_server", "one_page_{s}.ikiwiki",
         "add_page_{s}.folio", "add_page_{s}.hugo_server", "add_page_{s}.ikiwiki",
         "retitle_{s}.folio", "retitle_{s}.hugo_server", "retitle_{s}.ikiwiki",
         "delete_page_{s}.folio", "delete_page_{s}.hugo_server", "delete_page_{s}.ikiwiki",
         "check_one_page_{s}.folio", "check_one_page_{s}.folio_nostate",
         "check_range5_{s}.folio_nostate", "push_one_page_{s}.git_push",
         "push_one_page_{s}.folio_watch", "floor_{s}.read",
         "floor_{s}.cmark", "floor_{s}"]
SIZES = ["1k", "10k", "100k"]


def load(path):
    samples = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                continue
            key, secs, rss, cpu = parts
            samples.setdefault(key, []).append(
                (float(secs), int(rss) / 1024 if rss.isdigit() else None,
                 float(cpu) if float(cpu) > 0 else None))
    return samples


def medians(samples):
    secs, rss, runs, cpu = {}, {}, {}, {}
    for key, vals in samples.items():
        secs[key] = statistics.median(v[0] for v in vals)
        c = [v[2] for v in vals if v[2] is not None]
        if c:
            cpu[key] = statistics.median(c)
        mem = [v[1] for v in vals if v[1] is not None]
        if mem:
            rss[key] = statistics.median(mem)
        runs[key] = len(vals)
    for s in SIZES:
        r, c = f"floor_{s}.read", f"floor_{s}.cmark"
        if r in secs and c in secs:
            secs[f"floor_{s}"] = secs[r] + secs[c]
            if r in rss and c in rss:
                rss[f"floor_{s}"] = max(rss[r], rss[c])
            runs[f"floor_{s}"] = min(runs[r], runs[c])
            if r in cpu and c in cpu:
                cpu[f"floor_{s}"] = cpu[r] + cpu[c]
    return secs, rss, runs, cpu


def machine():
    mem_kib = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_kib = int(line.split()[1])
    except OSError:
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass

    def version(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
            return (out.stdout or out.stderr).splitlines()[0].strip()
        except (OSError, IndexError, subprocess.SubprocessError):
            return None

    return {
        "nproc": os.cpu_count(),
        "mem_gib": round(mem_kib / 1024 / 1024, 1),
        "cpu": cpu,
        "kernel": platform.release(),
        "hugo": version(["hugo", "version"]),
        "jekyll": version(["jekyll", "--version"]),
        "ikiwiki": version(["ikiwiki", "--version"]),
        "cmark_gfm": version(["cmark-gfm", "--version"]),
        "git": version(["git", "--version"]),
    }


def fmt_secs(v):
    return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.3f} s"


def table(secs, rss, runs, cpu):
    rows = ["| figure | median wall | median CPU (user+sys) | peak RSS | runs |",
            "|---|---:|---:|---:|---:|"]
    for s in SIZES:
        for k in ORDER:
            key = k.format(s=s)
            if key in secs:
                mem = f"{rss[key]:.0f} MiB" if key in rss else "—"
                c = fmt_secs(cpu[key]) if key in cpu else "—"
                rows.append(f"| `{key}` | {fmt_secs(secs[key])} | {c} | {mem} | {runs[key]} |")
    rows += ["", "| ratio (folio / anchor) | time | peak RSS |", "|---|---:|---:|"]
    for s in SIZES:
        for fk, ak, what in ANCHORS:
            f, a = fk.format(s=s), ak.format(s=s)
            if f in secs and a in secs:
                mem = (f"{rss[f] / rss[a]:.2f}" if f in rss and a in rss else "—")
                rows.append(f"| {what}, {s}: `{f}` / `{a}` | {secs[f] / secs[a]:.3f} | {mem} |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", required=True)
    ap.add_argument("--notes")
    ap.add_argument("--load", nargs=2, help="/proc/loadavg copies at start and end")
    ap.add_argument("--json", required=True)
    args = ap.parse_args()
    secs, rss, runs, cpu = medians(load(args.samples))
    loads = []
    for path in args.load or []:
        with open(path, encoding="ascii") as f:
            loads.append(" ".join(f.read().split()[:3]))
    notes = []
    if args.notes and os.path.exists(args.notes):
        with open(args.notes, encoding="utf-8") as f:
            notes = [line.strip() for line in f if line.strip()]
    result = {k: round(v, 6) for k, v in sorted(secs.items()) if v > 0}
    result["rss_mib"] = {k: round(v, 1) for k, v in sorted(rss.items()) if v > 0}
    result["cpu_s"] = {k: round(v, 3) for k, v in sorted(cpu.items())}
    result["runs"] = dict(sorted(runs.items()))
    result["meta"] = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                      "machine": machine(), "loadavg_start_end": loads,
                      "notes": notes}
    tmp = args.json + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, args.json)
    print(table(secs, rss, runs, cpu))
    for n in notes:
        print(f"note: {n}")
    m = result["meta"]["machine"]
    print(f"machine: {m['nproc']} cores, {m['mem_gib']} GiB, {m['cpu']}; "
          + "; ".join(v for v in (m["hugo"], m["jekyll"], m["ikiwiki"]) if v))
    if loads:
        print(f"load average (1, 5, 15 min) at start: {loads[0]}; at end: {loads[-1]}")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()

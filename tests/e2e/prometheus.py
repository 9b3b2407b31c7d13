#!/usr/bin/env python3
"""Parse a Prometheus text exposition (format 0.0.4) strictly and check it.

Usage: prometheus.py FILE [NAME{LABELS}OP VALUE]...
Every line must be a "# HELP name text", a "# TYPE name type" or a sample
"name{label="value",...} number"; every sample's family must have exactly one
HELP and one TYPE, given before its samples; histogram buckets must be
cumulative and end with le="+Inf" equal to _count. Each further argument is
an expectation on one sample, such as 'folio_publishes_total>=1' or
'folio_findings_total{rule="front-matter/syntax"}>=1' (ops: >= == >).
Exit 1 with a message on the first problem.
"""
import math
import re
import sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(r"^(%s)(\{(?:%s(?:,%s)*)?,?\})? (\S+)(?: (-?\d+))?$" % (NAME, LABEL, LABEL))
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


def die(msg):
    sys.exit("prometheus.py: " + msg)


def unescape(v):
    return re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), v)


def labels_of(text):
    if not text:
        return ()
    return tuple(sorted((k, unescape(v)) for k, v in re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', text)))


def family(name, types):
    for suffix in ("_bucket", "_sum", "_count"):
        base = name[: -len(suffix)] if name.endswith(suffix) else None
        if base and types.get(base) in ("histogram", "summary"):
            return base
    return name


def parse(text):
    if not text.endswith("\n"):
        die("the exposition does not end with a newline")
    helps, types, samples = {}, {}, {}
    for n, line in enumerate(text[:-1].split("\n"), 1):
        if line.startswith("#"):
            m = re.match(r"^# (HELP|TYPE) (%s) (.*)$" % NAME, line)
            if not m:
                die("line %d: a comment that is neither HELP nor TYPE: %r" % (n, line))
            kind, name, rest = m.groups()
            table = helps if kind == "HELP" else types
            if name in table:
                die("line %d: a second %s for %s" % (n, kind, name))
            if kind == "TYPE" and rest not in TYPES:
                die("line %d: unknown type %r" % (n, rest))
            if any(family(s[0], types) == name for s in samples):
                die("line %d: %s of %s after its samples" % (n, kind, name))
            table[name] = rest
            continue
        m = SAMPLE.match(line)
        if not m:
            die("line %d: not a sample: %r" % (n, line))
        name, labels, value = m.group(1), labels_of(m.group(2)), m.group(3)
        try:
            number = float(value)
        except ValueError:
            die("line %d: %r is not a number" % (n, value))
        fam = family(name, types)
        if fam not in helps or fam not in types:
            die("line %d: %s has no HELP or TYPE before it" % (n, fam))
        if (name, labels) in samples:
            die("line %d: a second sample %s%s" % (n, name, labels))
        samples[(name, labels)] = number
    for name, kind in types.items():
        if kind != "histogram":
            continue
        buckets = sorted(((float(dict(l)["le"]), v) for (s, l), v in samples.items() if s == name + "_bucket"))
        if not buckets or not math.isinf(buckets[-1][0]):
            die("%s has no +Inf bucket" % name)
        if any(a[1] > b[1] for a, b in zip(buckets, buckets[1:])):
            die("%s's buckets are not cumulative" % name)
        if buckets[-1][1] != samples.get((name + "_count", ())):
            die("%s: +Inf bucket differs from _count" % name)
    return types, samples


def check(samples, expectation):
    m = re.match(r"^(%s)(\{.*\})?(>=|==|>)(.+)$" % NAME, expectation)
    if not m:
        die("bad expectation %r" % expectation)
    key = (m.group(1), labels_of(m.group(2)))
    if key not in samples:
        die("no sample %s%s" % (m.group(1), m.group(2) or ""))
    got, want = samples[key], float(m.group(4))
    ok = {">=": got >= want, "==": got == want, ">": got > want}[m.group(3)]
    if not ok:
        die("%s is %g, expected %s %g" % (expectation.split(m.group(3))[0], got, m.group(3), want))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        _, samples = parse(f.read())
    for e in sys.argv[2:]:
        check(samples, e)


if __name__ == "__main__":
    main()

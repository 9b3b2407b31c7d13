#!/usr/bin/env python3
"""Check an Atom 1.0 or RSS 2.0 file with a real feed parser (feedparser):
well-formed, of the expected version, no parser complaint (bozo), every
link absolute. Prints one line per entry, "title|link|published-as-UTC",
for the shell test to compare. Usage: feeds_check.py atom|rss FILE."""
import sys
import time

import feedparser

kind, path = sys.argv[1], sys.argv[2]
d = feedparser.parse(path)
if d.bozo:
    sys.exit(f"{path}: not a valid feed: {d.bozo_exception!r}")
want = {"atom": "atom10", "rss": "rss20"}[kind]
if d.version != want:
    sys.exit(f"{path}: version {d.version!r}, expected {want!r}")
links = [d.feed.get("link", "")] + [e.get("link", "") for e in d.entries]
for link in links:
    if not link.startswith(("http://", "https://")):
        sys.exit(f"{path}: link {link!r} is not absolute")
if kind == "atom" and not d.feed.get("updated_parsed"):
    sys.exit(f"{path}: the feed has no <updated> date")
for e in d.entries:
    if kind == "atom" and not e.get("updated_parsed"):
        sys.exit(f"{path}: entry {e.get('title')!r} has no <updated>")
    when = e.get("published_parsed")
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", when) if when else "-"
    print(f"{e.title}|{e.link}|{stamp}|{e.get('summary', '')}")

#!/usr/bin/env python3
"""The incremental publishing invariant, on a real Git repository.

Random commit sequences (add, modify, rename and delete pages; change a
referenced record's title; break and fix links; add and remove a warning
(a repeated paragraph, text/repeated-paragraph) in a page body, so that
warnings are present in the site from the first commit on; edit a template,
a partial, a schema and folio.yaml; add nested bundles and edit sections;
add drafts, pages with a publish or expiry date to come, and flip drafts;
move the clock (FOLIO_NOW) forward without a commit, so held pages appear and
expired ones go; move to older commits and back). After every step,
`folio build --state` (incremental) must leave exactly the bytes that a full
build of the same commit writes, and report the same findings; `folio check
--state` (judged from the state of the last publish when the change allows
it) must report what `folio check` reports loading the whole site; a commit
that fails validation must leave the incremental output at the last good
commit.

    publish_invariant.py --folio PATH --content DIR [--seed N] [--steps N] [--crash [--real-kill]]
                         [--s3 s3://BUCKET/PREFIX]

--crash also kills the publisher at every step, at the Nth write, rename,
removal or transaction (FOLIO_FAULT_AT), then checks that the next run
converges; the same seed gives the same kills on every machine. --real-kill
adds a SIGKILL after a random delay, which finds gaps the counted steps miss
but lands by the machine's speed: for long runs by people, not for CI
(FOLIO_CRASH_REAL_KILL=1 in t041). The seed is printed so a failure can be
replayed.

--s3 publishes incrementally into that bucket prefix instead of a
directory (AWS_* variables name the server, as for folio) and compares the
objects, with their Content-Type and Cache-Control, to the full build.
"""
import argparse
import filecmp
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def run(cmd, cwd=None, env=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        raise SystemExit("command failed (%d): %s\n%s%s" % (p.returncode, " ".join(cmd), p.stdout, p.stderr))
    return p


def git(repo, *args):
    return run(["git", "-C", repo] + list(args)).stdout.strip()


def tree_diff(a, b):
    """Paths that differ between two directory trees (empty when identical)."""
    out = []
    cmp = filecmp.dircmp(a, b)
    stack = [("", cmp)]
    while stack:
        prefix, c = stack.pop()
        out += [prefix + n + " (only in incremental)" for n in c.left_only]
        out += [prefix + n + " (only in full)" for n in c.right_only]
        out += [prefix + n + " (funny)" for n in c.funny_files]
        for n in c.common_files:
            if not filecmp.cmp(os.path.join(c.left, n), os.path.join(c.right, n), shallow=False):
                out.append(prefix + n)
        for n, sub in c.subdirs.items():
            stack.append((prefix + n + "/", sub))
    return sorted(out)


class Site:
    def __init__(self, repo, rng):
        self.repo = repo
        self.rng = rng
        self.added = []  # pages this test created: safe to rename and delete
        self.counter = 0
        self.broken = None  # a page holding a broken link, to fix next
        self.bundles = []  # nested page bundles this test created (their index.md)
        self.now = 1796292000  # the clock every build sees (FOLIO_NOW): 2026-12-03T10:00:00Z
        self.no_commit = False  # the last step only moved the clock
        self.warned = []  # (page, paragraph) pairs: the paragraph is there twice, a warning
        self.held_linked = []  # drafts a page links to (link_to_held), not in added
        self.translations = None  # with --languages: the English versions (x.en.md) that exist

    def env(self):
        e = dict(os.environ)
        e["FOLIO_NOW"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.now))
        return e

    def path(self, rel):
        return os.path.join(self.repo, rel)

    def read(self, rel):
        with open(self.path(rel), encoding="utf-8") as f:
            return f.read()

    def write(self, rel, text):
        os.makedirs(os.path.dirname(self.path(rel)), exist_ok=True)
        with open(self.path(rel), "w", encoding="utf-8") as f:
            f.write(text)

    def pages(self, folder):
        d = self.path(folder)
        return sorted(folder + "/" + n for n in os.listdir(d) if n.endswith(".md"))

    def next_id(self):
        self.counter += 1
        return self.counter

    # --- operations: each edits the working tree and returns a description

    def modify_body(self):
        rel = self.rng.choice(self.pages(self.rng.choice(["pages", "events", "people", "organizations", "books"])))
        self.write(rel, self.read(rel) + "\nParagraphe ajouté numéro %d.\n" % self.next_id())
        return "modify " + rel

    def modify_summary(self):
        """Edit the first paragraph: what lists show changes, the fast path must step aside."""
        rel = self.rng.choice(self.pages(self.rng.choice(["pages", "events", "people", "books"])))
        text = self.read(rel)
        head, sep, body = text.partition("\n---\n")
        self.write(rel, head + sep + "Résumé révisé %d. " % self.next_id() + body.lstrip("\n"))
        return "modify the summary of " + rel

    def add_heading(self):
        """A new heading id: links to anchors elsewhere may change verdict."""
        rel = self.rng.choice(self.pages(self.rng.choice(["pages", "events", "people"])))
        self.write(rel, self.read(rel) + "\n## Section ajoutée %d\n\nTexte.\n" % self.next_id())
        return "add a heading to " + rel

    def modify_two_bodies(self):
        a, b = self.rng.sample(self.pages("events") + self.pages("people") + self.pages("books"), 2)
        n = self.next_id()
        for rel in (a, b):
            self.write(rel, self.read(rel) + "\nDeux pages modifiées ensemble, %d.\n" % n)
        return "modify %s and %s" % (a, b)

    def add_page(self):
        folder = self.rng.choice(["pages", "events", "people", "organizations"])
        src = self.rng.choice([p for p in self.pages(folder) if p not in self.added + self.held_linked]
                              or self.pages(folder))
        n = self.next_id()
        rel = "%s/ajout-%d.md" % (folder, n)
        text = re.sub(r"\nslug: [^\n]*", "", self.read(src))  # a moved page's (move_linked)
        for key in ("title: ", "name: "):
            text = text.replace("\n" + key, "\n%sCopie %d de " % (key, n), 1)
        self.write(rel, text)
        self.added.append(rel)
        return "add " + rel

    def delete_page(self):
        if not self.added:
            return self.add_page()
        rel = self.added.pop(self.rng.randrange(len(self.added)))
        git(self.repo, "rm", "-q", rel)
        return "delete " + rel

    def rename_page(self):
        if not self.added:
            return self.add_page()
        i = self.rng.randrange(len(self.added))
        old = self.added[i]
        new = "%s/renomme-%d.md" % (old.split("/")[0], self.next_id())
        git(self.repo, "mv", old, new)
        self.write(new, self.read(new) + "\nModifié après renommage.\n")
        self.added[i] = new
        return "rename %s -> %s" % (old, new)

    def retitle_referenced(self):
        rel = self.rng.choice(["organizations/iscra.md", "organizations/alliss.md",
                               "people/fabrice-dhume-sonzogni.md", "organizations/l-harmattan.md"])
        lines = self.read(rel).split("\n")
        for i, l in enumerate(lines):
            if l.startswith("name: "):
                lines[i] = "name: %s (%d)" % (l[6:].split(" (")[0], self.next_id())
                break
        self.write(rel, "\n".join(lines))
        return "retitle " + rel

    def move_linked(self):
        """pages/presentation.md moved by slug: every page linking to it links to its file, so
        their own pages and the feed pages listing them show the new URL (t206)."""
        schema = "schemas/pages.json"
        if '"slug"' not in self.read(schema):
            self.write(schema, self.read(schema).replace('"title": {', '"slug": {"type": "string"},\n    "title": {', 1))
        rel = "pages/presentation.md"
        lines = [l for l in self.read(rel).split("\n") if not l.startswith("slug: ")]
        lines.insert(1, "slug: presentation-%d" % self.next_id())
        self.write(rel, "\n".join(lines))
        return "move " + rel

    def break_link(self):
        rel = self.rng.choice(self.pages("pages") + self.pages("events"))
        self.write(rel, self.read(rel) + "\nVoir [cette page](/people/personne-inconnue/).\n")
        self.broken = rel
        return "break a link in " + rel

    def fix_link(self):
        rel = self.broken
        self.broken = None
        self.write(rel, self.read(rel).replace("\nVoir [cette page](/people/personne-inconnue/).\n", "\n"))
        return "fix the link in " + rel

    def add_warning(self):
        """A paragraph written twice in one body: a warning-only finding, body only."""
        rel = self.rng.choice(self.pages(self.rng.choice(["pages", "events", "people", "books"])))
        para = ("Ce paragraphe, assez long pour que folio le compare aux autres, est écrit deux"
                " fois de suite dans la page, numéro %d." % self.next_id())
        self.write(rel, self.read(rel) + "\n%s\n\n%s\n" % (para, para))
        self.warned.append((rel, para))
        return "add a warning (a repeated paragraph) to " + rel

    def remove_warning(self):
        """The second copy of a repeated paragraph removed: one warning fewer."""
        self.warned = [(rel, para) for rel, para in self.warned
                       if os.path.exists(self.path(rel)) and self.read(rel).count(para) >= 2]
        if not self.warned:
            return self.add_warning()
        rel, para = self.warned.pop(self.rng.randrange(len(self.warned)))
        text = self.read(rel)
        i = text.rindex("\n%s\n" % para)
        self.write(rel, text[:i] + text[i + len(para) + 2:])
        return "remove the warning (a repeated paragraph) of " + rel

    def edit_template(self):
        rel = self.rng.choice(["templates/page.mustache", "templates/list.mustache",
                               "templates/base.mustache", "templates/person.mustache"])
        self.write(rel, self.read(rel) + "<!-- edit %d -->\n" % self.next_id())
        return "edit " + rel

    def edit_partial(self):
        rel = "templates/style.mustache"
        text = self.read(rel)
        self.write(rel, text.replace("</style>", "/* %d */</style>" % self.next_id(), 1))
        return "edit partial " + rel

    def edit_schema(self):
        """A new top-level description: the schema changes and stays valid JSON."""
        rel = "schemas/pages.json"
        text = self.read(rel)
        new = re.sub(r'"description": "[^"]*"', '"description": "édition %d"' % self.next_id(), text, count=1)
        if new == text:
            new = text.replace('"type"', '"description": "édition %d", "type"' % self.next_id(), 1)
        self.write(rel, new)
        return "edit " + rel

    def add_held_page(self):
        """A draft, a page to publish later or one to take down later (folio/schedule.h)."""
        desc = self.add_page()
        rel = self.added[-1]
        days = self.rng.randint(1, 4)
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.now + days * 86400))
        key = self.rng.choice(["draft: true", "publish_date: " + when, "publishDate: " + when,
                               "expiry_date: " + when])
        self.write(rel, self.read(rel).replace("---\n", "---\n%s\n" % key, 1))
        return "%s with %s" % (desc, key)

    def link_to_held(self):
        """A new draft, and a page of the sample linking to it: a link/unpublished warning the
        site keeps while the draft stays one (publish_judge.c, page_local())."""
        src = self.rng.choice([p for p in self.pages("pages") if p not in self.added + self.held_linked])
        n = self.next_id()
        rel = "pages/brouillon-%d.md" % n
        text = re.sub(r"\nslug: [^\n]*", "", self.read(src)).replace("\ntitle: ", "\ntitle: Brouillon %d de " % n, 1)
        self.write(rel, text.replace("---\n", "---\ndraft: true\n", 1))
        linking = self.rng.choice([p for p in self.pages("pages") + self.pages("events")
                                   if p not in self.added and p != rel])
        target = os.path.relpath(rel, os.path.dirname(linking))
        self.write(linking, self.read(linking) + "\nBientôt : [la suite](%s).\n" % target)
        self.held_linked.append(rel)
        return "add the draft %s, linked from %s" % (rel, linking)

    def publish_linked_draft(self):
        """A draft other pages link to published: their link/unpublished warnings go."""
        if not self.held_linked:
            return self.link_to_held()
        rel = self.held_linked.pop(self.rng.randrange(len(self.held_linked)))
        self.write(rel, self.read(rel).replace("\ndraft: true\n", "\n", 1))
        return "publish the linked draft " + rel

    def flip_draft(self):
        if not self.added:
            return self.add_held_page()
        rel = self.rng.choice(self.added)
        text = self.read(rel)
        if "\ndraft: true\n" in text:
            self.write(rel, text.replace("\ndraft: true\n", "\n", 1))
            return "publish the draft " + rel
        self.write(rel, text.replace("---\n", "---\ndraft: true\n", 1))
        return "make %s a draft" % rel

    def advance_clock(self):
        """No commit: the same commit published again later (the daemon's timer)."""
        self.now += self.rng.choice([3600, 86400, 2 * 86400])
        self.no_commit = True
        return "move the clock to " + time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.now))

    def exclude_vendor(self):
        """A folder the site does not read (exclude:), as a Gemfile.lock or a
        theme's sources are: a commit changing it (and page bodies) takes the
        fast path, which must still write what a full build writes."""
        self.write("folio.yaml", self.read("folio.yaml").rstrip("\n") + "\nexclude: [vendor]\n")
        self.write("vendor/lock.txt", "lock 0\n")

    def touch_unread(self):
        n = self.next_id()
        # excluded, or no part of the site at all (a project's CI workflow)
        rel = self.rng.choice(["vendor/lock.txt", ".github/workflows/ci.yml"])
        self.write(rel, "lock %d\n" % n)
        if self.rng.random() < 0.5:
            return "touch %s (%d) and %s" % (rel, n, self.modify_body())
        return "touch %s (%d)" % (rel, n)

    def edit_config(self):
        text = self.read("folio.yaml")
        lines = [l for l in text.split("\n") if not l.startswith("pagination:")]
        cut = self.rng.choice(["stable", "shift"])
        for i, l in enumerate(lines):
            if l.startswith("page_size:"):
                lines[i] = "page_size: %d\npagination: %s" % (self.rng.choice([1, 2, 3, 10]), cut)
        self.write("folio.yaml", "\n".join(lines))
        return "edit folio.yaml page_size, pagination: " + cut

    def add_bundle(self):
        """A page bundle in a nested folder, named with capitals, a space and
        an accent, with an image beside it that its body shows."""
        src = self.rng.choice(self.pages("events"))
        n = self.next_id()
        rel = "events/%d/Réunion %d/index.md" % (2020 + n % 3, n)
        text = self.read(src).replace("\ntitle: ", "\ntitle: Réunion %d, " % n, 1)
        text = text.replace("](../", "](../../../")  # two folders deeper
        self.write(rel, text + "\n![Photo](photo.png)\n")
        self.write(os.path.dirname(rel) + "/photo.png", "PNG %d\n" % n)
        self.bundles.append(rel)
        return "add bundle " + rel

    def modify_bundle(self):
        """A body edit of a nested page: the fast path may take it."""
        if not self.bundles:
            return self.add_bundle()
        rel = self.rng.choice(self.bundles)
        self.write(rel, self.read(rel) + "\nParagraphe de bundle %d.\n" % self.next_id())
        return "modify " + rel

    def edit_bundle_image(self):
        if not self.bundles:
            return self.add_bundle()
        rel = os.path.dirname(self.rng.choice(self.bundles)) + "/photo.png"
        self.write(rel, "PNG edited %d\n" % self.next_id())
        return "edit " + rel

    def edit_static(self):
        """A file of static/ rewritten in place: only its copy is made of it."""
        self.write("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- %d --></svg>\n" % self.next_id())
        return "edit static/logo.svg"

    def delete_bundle(self):
        if not self.bundles:
            return self.add_bundle()
        rel = self.bundles.pop(self.rng.randrange(len(self.bundles)))
        git(self.repo, "rm", "-q", "-r", os.path.dirname(rel))
        return "delete bundle " + os.path.dirname(rel)

    def file_becomes_folder(self):
        """A static file that becomes a folder of files, and back: a
        publish from the state moves what stands in the way first."""
        n = self.next_id()
        base = self.path("static/swap")
        if os.path.isdir(base):
            shutil.rmtree(base)
            self.write("static/swap", "file %d\n" % n)
            return "static/swap: a folder becomes a file"
        if os.path.exists(base):
            os.remove(base)
        self.write("static/swap/inner.txt", "inner %d\n" % n)
        return "static/swap: a file becomes a folder"

    def enable_tags(self):
        """Setup: a tags taxonomy (/tags/<term>/), which pages and events may give."""
        self.write("folio.yaml", self.read("folio.yaml").replace("page_size:", "taxonomies: [tags]\npage_size:", 1))
        for rel in ("schemas/pages.json", "schemas/events.json"):
            self.write(rel, self.read(rel).replace('"properties": {',
                                                   '"properties": {\n    "tags": {"type": "array", "items": {"type": "string"}},', 1))

    def set_tags(self, rel, tags):
        text = self.read(rel)
        head, sep, body = text[4:].partition("\n---\n")
        lines = [l for l in head.split("\n") if not l.startswith("tags:")]
        if tags:
            lines.append("tags: [%s]" % ", ".join('"%s"' % t for t in tags))
        self.write(rel, "---\n" + "\n".join(lines) + sep + body)

    def retag(self):
        """Change a page's tags among a few terms (two spellings of one slug among them)."""
        rel = self.rng.choice(self.pages("pages") + self.pages("events"))
        pool = ["recherche", "Société", "société", "Lille", "Hauts-de-France"]
        tags = self.rng.sample(pool, self.rng.randint(0, 3))
        self.set_tags(rel, tags)
        return "tag %s with %s" % (rel, tags)

    def new_term(self):
        """A term no page had: its page, feeds and the index entry appear."""
        rel = self.rng.choice(self.pages("pages") + self.pages("events"))
        tag = "Terme %d" % self.next_id()
        m = re.search(r"^tags: \[(.*)\]$", self.read(rel), re.M)
        old = [t.strip().strip('"') for t in m.group(1).split(",")] if m and m.group(1) else []
        self.set_tags(rel, old + [tag])
        return "new term %r on %s" % (tag, rel)

    def edit_section(self):
        """The text of a collection's list pages (its _index.md), added or changed."""
        rel = self.rng.choice(["pages/_index.md", "people/_index.md"])
        self.write(rel, "---\ntitle: Section\n---\nTexte de la section, version %d.\n" % self.next_id())
        return "edit " + rel

    # --- a translated site (--languages): versions in English beside the French pages

    def enable_languages(self):
        """Setup: languages: [en], and an English version of a few pages and events."""
        self.write("folio.yaml", self.read("folio.yaml").replace("page_size:", "languages: [en]\npage_size:", 1))
        self.translations = []
        for rel in self.pages("pages")[:3] + self.pages("events")[:3]:
            self.translations.append(self.translate(rel))

    def translate(self, rel):
        en = rel[:-3] + ".en.md"
        text = self.read(rel)
        for key in ("title: ", "name: "):
            text = text.replace("\n" + key, "\n%sEN " % key, 1)
        self.write(en, text + "\nIn English.\n")
        return en

    def add_translation(self):
        untranslated = [p for p in self.pages("pages") + self.pages("events")
                        if ".en." not in p and p[:-3] + ".en.md" not in self.translations]
        if not untranslated:  # the sample site has few pages: every one has its version
            return self.add_page()
        rel = self.rng.choice(untranslated)
        en = self.translate(rel)
        self.translations.append(en)
        return "translate %s as %s" % (rel, en)

    def modify_translation(self):
        if not self.translations:
            return self.add_translation()
        rel = self.rng.choice(self.translations)
        self.write(rel, self.read(rel) + "\nAn English paragraph, %d.\n" % self.next_id())
        return "modify " + rel

    def modify_translated(self):
        """A body edit of a page that has a translation: the fast path keeps its hreflang links."""
        if not self.translations:
            return self.add_translation()
        rel = self.rng.choice(self.translations).replace(".en.md", ".md")
        if not os.path.exists(self.path(rel)):
            return self.modify_translation()
        self.write(rel, self.read(rel) + "\nParagraphe d'une page traduite, %d.\n" % self.next_id())
        return "modify " + rel

    def delete_translation(self):
        if not self.translations:
            return self.add_translation()
        rel = self.translations.pop(self.rng.randrange(len(self.translations)))
        if os.path.exists(self.path(rel)):
            git(self.repo, "rm", "-q", rel)
        return "delete " + rel

    def step(self):
        if self.broken:
            return self.fix_link()
        ops = [(self.modify_body, 5), (self.modify_two_bodies, 2), (self.modify_summary, 1),
               (self.add_heading, 1), (self.add_page, 4), (self.delete_page, 3), (self.rename_page, 2),
               (self.retitle_referenced, 2), (self.break_link, 1), (self.add_warning, 2),
               (self.remove_warning, 2), (self.edit_template, 1),
               (self.edit_partial, 1), (self.edit_schema, 1), (self.edit_config, 1),
               (self.add_bundle, 1), (self.modify_bundle, 2), (self.edit_bundle_image, 1),
               (self.delete_bundle, 1), (self.edit_section, 1),
               (self.add_held_page, 2), (self.flip_draft, 1), (self.advance_clock, 2),
               (self.retag, 2), (self.new_term, 1), (self.move_linked, 1),
               (self.link_to_held, 1), (self.publish_linked_draft, 1), (self.touch_unread, 1),
               (self.file_becomes_folder, 1), (self.edit_static, 1)]
        if self.translations is not None:
            ops += [(self.add_translation, 2), (self.modify_translation, 3), (self.modify_translated, 5),
                    (self.delete_translation, 1)]
        op = self.rng.choices([o for o, _ in ops], weights=[w for _, w in ops])[0]
        return op()


FAST = {"count": 0, "warned": 0, "judged": 0}  # fast publishes, of them with warnings, fast checks
UNREAD = {"fast": 0}  # commits changing an excluded file published by the fast path
MODEL = {"count": 0, "warned": 0}  # publishes from the site model (publish_model.c), with warnings
# with --languages: steps that add, delete or retitle a page the site model must publish, and
# of them translations (whose versions' own pages show them)
STRUCTURAL = {"steps": 0, "translations": 0, "published": None}
STRUCTURAL_OP = re.compile(r"\((?:add ([a-z]+/\S+)\)|delete ((?!bundle)\S+)\)|translate \S+ as (\S+)\)|"
                           r"retitle (\S+)\)|modify the summary of (\S+)\))")


def state_value(work, key):
    """A value of the state's meta table, or None."""
    path = os.path.join(work, "state", "state.sqlite")
    if not os.path.exists(path):
        return None
    db = sqlite3.connect(path)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    finally:
        db.close()
    return row[0] if row else None


def model_expected(repo, rev, label, generated):
    """Must the site model publish this step (a page added, deleted or retitled alone, on the
    last commit published)? The page it changes, or None. generated: how many pages the
    state says are at URLs of lists or feeds (a page or alias there; a section's _index.md is
    its list's own text and does not count), before the publish."""
    m = STRUCTURAL_OP.search(label)
    if not m or "after a crash" in label or not STRUCTURAL["published"]:
        return None
    if generated != "0" and not label.split("(", 1)[1].startswith("delete "):
        return None  # a list lengthened may land on such a page: judged by a full load
    if git(repo, "rev-parse", rev + "^") != STRUCTURAL["published"] or \
            not git(repo, "diff", "--name-only", rev + "^", rev):
        return None  # the change holds more than this step's (or nothing)
    rel = next(g for g in m.groups() if g)
    if os.path.basename(rel).startswith("_index."):
        return None  # a section's text: its lists, which the site model does not take
    path = os.path.join(repo, rel)
    if os.path.exists(path):
        text = open(path, encoding="utf-8").read()
        # a held page (a draft, one to publish later: add_held_page, flip_draft), or a translation
        # of one, has no outputs: the judge leaves it to the full path, which holds it
        if re.search(r"^(draft: true|publish_?[dD]ate: )", text.split("\n---", 1)[0], re.M):
            return None
        # a link by file to a page moved by slug: the judge cannot find its URL (t206)
        moved = "\nslug: " in open(os.path.join(repo, "pages/presentation.md"), encoding="utf-8").read()
        if moved and "presentation.md" in text:
            return None
    return rel
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\S+ (debug|info|warn|error) ")


def findings(stderr):
    """The findings a build printed (its log lines and closing line left out)."""
    return [l for l in stderr.splitlines() if not LOG_LINE.match(l) and not l.startswith("folio build:")]


def check_verdicts(args, repo, rev, work, label, env=None):
    """folio check --state reports what a check loading the whole site reports, at one clock."""
    env = dict(env or os.environ)
    full = run([args.folio, "check", "--repo", repo, rev], env=env, check=False)
    env["FOLIO_TRACE"] = "1"
    fast = run([args.folio, "check", "--repo", repo, "--state", os.path.join(work, "state"), rev],
               env=env, check=False)
    if (full.returncode, full.stdout) != (fast.returncode, fast.stdout):
        raise SystemExit("%s: folio check --state (exit %d) differs from folio check (exit %d):\n"
                         "--- check --state\n%s--- check\n%s%s" %
                         (label, fast.returncode, full.returncode, fast.stdout, full.stdout, fast.stderr))
    if full.returncode not in (0, 1):
        raise SystemExit("%s: check failed operationally:\n%s" % (label, full.stderr))
    if "from the state" in fast.stderr:
        FAST["judged"] += 1


def build(folio, repo, rev, out, state=None, env=None):
    cmd = [folio, "build", "--repo", repo, "--rev", rev, "--out", out]
    if state:
        cmd += ["--state", state]
    else:
        cmd += ["--quiet"]
    if state:  # the trace says whether the site model published it
        env = dict(env or os.environ)
        env["FOLIO_TRACE"] = "1"
    r = run(cmd, env=env, check=False)
    r.model = bool(state and "from the site model" in r.stderr and r.returncode == 0)
    if r.model:
        MODEL["count"] += 1
        MODEL["warned"] += "warning: " in r.stderr
    if state and "(fast path)" in r.stdout:
        FAST["count"] += 1
        FAST["warned"] += "warning: " in r.stderr
    return r


def inc_out(args, work):
    """Where the incremental publish goes: the bucket prefix, or a directory."""
    return args.s3 or os.path.join(work, "inc")


def inc_diff(args, work, ref):
    """What differs between the incremental output and the directory ref."""
    if args.s3:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "helpers"))
        import s3  # tests/helpers/s3.py
        return s3.compare(s3.S3(), args.s3, ref)
    return tree_diff(os.path.join(work, "inc"), ref)


def converge_check(args, repo, rev, work, label, env=None):
    """Incremental output equals a full build of rev (or the last good one), at one clock."""
    full = os.path.join(work, "full")
    shutil.rmtree(full, ignore_errors=True)
    if os.environ.get("FOLIO_INVARIANT_VERBOSE"):  # the steps, to follow a failing seed
        print(label)
        sys.stdout.flush()
    check_verdicts(args, repo, rev, work, label, env)
    f = build(args.folio, repo, rev, full, env=env)
    generated = state_value(work, "records_generated_urls")
    inc = build(args.folio, repo, rev, inc_out(args, work), os.path.join(work, "state"), env=env)
    expected = args.languages and f.returncode == 0 and model_expected(repo, rev, label, generated)
    if expected and not inc.model:
        raise SystemExit("%s: a page added, deleted or retitled on a translated site was not published"
                         " from the site model:\n%s" % (label, inc.stderr))
    if expected:
        STRUCTURAL["steps"] += 1
        STRUCTURAL["translations"] += ".en." in expected
    if inc.returncode == 0:
        STRUCTURAL["published"] = rev
    if "(touch " in label and "(fast path)" in inc.stdout:
        UNREAD["fast"] += 1
    if (f.returncode == 0) != (inc.returncode == 0):
        raise SystemExit("%s: full build exit %d but incremental exit %d\n%s%s" %
                         (label, f.returncode, inc.returncode, f.stderr, inc.stderr))
    if findings(f.stderr) != findings(inc.stderr):
        raise SystemExit("%s: the incremental build%s reported other findings than a full build:\n"
                         "--- incremental\n%s\n--- full\n%s" %
                         (label, " (fast path)" if "(fast path)" in inc.stdout else "",
                          "\n".join(findings(inc.stderr)), "\n".join(findings(f.stderr))))
    if f.returncode not in (0, 1):
        raise SystemExit("%s: build failed operationally:\n%s" % (label, f.stderr))
    if f.returncode == 0:
        diff = inc_diff(args, work, full)
        if diff:
            raise SystemExit("%s: incremental output differs from a full build of %s:\n  %s" %
                             (label, rev[:12], "\n  ".join(diff[:20])))
        shutil.rmtree(os.path.join(work, "good"), ignore_errors=True)
        shutil.copytree(full, os.path.join(work, "good"))
    else:
        diff = inc_diff(args, work, os.path.join(work, "good"))
        if diff:
            raise SystemExit("%s: an invalid commit changed the published output:\n  %s" %
                             (label, "\n  ".join(diff[:20])))
    return f.returncode == 0


def crash_and_recover(args, repo, rev, work, rng, label, clock_env):
    """Kill an incremental publish of rev at a fault point and by SIGKILL, then converge."""
    state = os.path.join(work, "state")
    out = inc_out(args, work)
    env = dict(clock_env)
    env["FOLIO_FAULT_AT"] = str(rng.randint(1, 40))
    build(args.folio, repo, rev, out, state, env=env)  # may die by SIGKILL; that is the point
    # A kill after a random delay lands where the machine's speed puts it: off by
    # default, so the suite's result is the same on every machine.
    if args.real_kill and rng.random() < 0.5:
        p = subprocess.Popen([args.folio, "build", "--repo", repo, "--rev", rev, "--out", out,
                              "--state", state, "--quiet"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=clock_env)
        time.sleep(rng.uniform(0, 0.08))
        p.send_signal(signal.SIGKILL)
        p.wait()
    return converge_check(args, repo, rev, work, label + " after a crash", clock_env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folio", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--crash", action="store_true")
    ap.add_argument("--real-kill", action="store_true",
                    help="with --crash, also SIGKILL a publish after a random delay (timing-dependent)")
    ap.add_argument("--languages", action="store_true",
                    help="a translated site (languages: [en]) with translations added, edited and deleted")
    ap.add_argument("--s3", help="publish into this s3://BUCKET/PREFIX instead of a directory")
    args = ap.parse_args()
    print("publish invariant: seed %d, %d steps%s%s" % (args.seed, args.steps, ", with crashes" if args.crash else "",
                                                     ", into " + args.s3 if args.s3 else ""))
    sys.stdout.flush()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="folio-invariant-")
    try:
        repo = os.path.join(work, "repo")
        shutil.copytree(args.content, repo)
        site = Site(repo, rng)
        site.add_warning()  # warnings are present in the site from the start
        site.enable_tags()
        site.exclude_vendor()
        if args.languages:
            site.enable_languages()
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "import")
        history = [git(repo, "rev-parse", "HEAD")]
        converge_check(args, repo, history[0], work, "step 0", site.env())
        valid = 1
        for i in range(1, args.steps + 1):
            if len(history) > 3 and rng.random() < 0.08:
                rev = rng.choice(history[:-1])  # another commit: backward, then forward again
                what = "publish older commit " + rev[:12]
            else:
                site.no_commit = False
                what = site.step()
                if site.no_commit:
                    rev = history[-1]
                else:
                    git(repo, "add", "-A")
                    git(repo, "commit", "-q", "--allow-empty", "-m", "step %d: %s" % (i, what))
                    rev = git(repo, "rev-parse", "HEAD")
                    history.append(rev)
            label = "seed %d step %d (%s)" % (args.seed, i, what)
            ok = crash_and_recover(args, repo, rev, work, rng, label, site.env()) if args.crash \
                else converge_check(args, repo, rev, work, label, site.env())
            valid += ok
        # the fast path must be exercised (and so checked) whenever page bodies were edited
        if args.steps >= 20 and FAST["count"] == 0:
            raise SystemExit("no publish took the fast path in %d steps" % args.steps)
        # ... with warnings present, and a check judged from the state
        if args.steps >= 20 and (FAST["warned"] == 0 or FAST["judged"] == 0):
            raise SystemExit("in %d steps, %d fast publishes with warnings present and %d checks judged"
                             " from the state: the findings of the fast path went unchecked" %
                             (args.steps, FAST["warned"], FAST["judged"]))
        # a file the site does not read, changed with page bodies or alone: the fast path
        if args.steps >= 200 and not args.crash and UNREAD["fast"] == 0:
            raise SystemExit("in %d steps, no commit changing only an excluded file (and page bodies)"
                             " took the fast path" % args.steps)
        # pages added, deleted and retitled: published from the site model, warnings present
        if args.steps >= 20 and not args.crash and MODEL["warned"] == 0:
            raise SystemExit("in %d steps, %d publishes from the site model, none with warnings present"
                             % (args.steps, MODEL["count"]))
        # on a translated site too, translations among them (t240's 60 steps hold a few; fewer
        # steps of another seed may hold none)
        if args.languages and args.steps >= 60 and not args.crash and STRUCTURAL["translations"] == 0:
            raise SystemExit("in %d steps, %d pages added, deleted or retitled from the site model, no"
                             " translation among them" % (args.steps, STRUCTURAL["steps"]))
        print("publish invariant: %d passed, 0 failed (%d valid commits published, %d by the fast"
              " path, %d of them with warnings; %d from the site model, %d of them with warnings;"
              " %d checks judged from the state; seed %d)" %
              (args.steps, valid, FAST["count"], FAST["warned"], MODEL["count"], MODEL["warned"],
               FAST["judged"], args.seed))
        if args.languages:
            print("publish invariant: %d pages added, deleted or retitled alone, all from the site"
                  " model (%d of them translations)" % (STRUCTURAL["steps"], STRUCTURAL["translations"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""A small DOM for the e2e tests' browser checks: the HTML a headless
browser dumped (chromium --dump-dom), parsed with python's html.parser into
a tree of Node, so a test asserts on elements and their text, as a reader
sees them, instead of grepping markup. Imported by tests/e2e/t08*-*.sh."""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        """The text inside, entities decoded, as the browser shows it."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        """Descendants with that tag, class and attributes (data_x for data-x)."""
        want = {k.replace("_", "-"): v for k, v in attrs.items()}
        return [n for n in self.iter()
                if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())
                and all(n.attrs.get(k) == v for k, v in want.items())]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        if not found:
            raise AssertionError("no <%s class=%s %s> in <%s id=%s>" % (tag, cls, attrs, self.tag, self.attrs.get("id")))
        return found[0]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#document", {})

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(path):
    b = _Builder()
    with open(path, encoding="utf-8") as f:
        b.feed(f.read())
    b.close()
    return b.root


def check(cond, what):
    if not cond:
        raise AssertionError(what)

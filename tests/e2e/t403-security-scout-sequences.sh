#!/bin/bash
# A security scout's round on sequences of commits published from the state:
# 1. a path that is a file in one commit and a folder in the next (a static
#    file static/a, then static/a/b; a page's url: /foo.html, then
#    /foo.html/bar/; an alias /d1.pdf/, then a page at /d1.pdf; a bundle's
#    img.png, then img.png/q.png) failed the publish ("Not a directory",
#    "Is a directory") and every later one, the daemon retrying for ever:
#    what is in the way goes first now, and each step is a full build's;
# 2. site-size held for full builds only: a body edit or static files added
#    published a site past it from the state; refused alike now (the
#    outputs kept count with those rendered), and the next commit within it
#    publishes;
# 3. folio.yaml or a schema of any size was read whole (a gigabyte of
#    comments: seconds and gigabytes in the hook, then valid): refused by
#    its blob's size before it is read (text/too-large);
# 4. a root tree holding folio.yaml twice (git mktree writes it) published
#    one copy where a checkout shows the other: tree/path;
# 5. a site published with no page, then a page added: UBSan's null
#    argument in the records' lookup (this test under the sanitizers).
# (second round, on the first round's fixes)
# 6. a Markdown link or image to javascript:, vbscript: or data: (but an
#    image's) kept its URL with allow_html (cmark's unsafe mode), its
#    finding link/external-syntax, which folio.yaml may lower: a pushed
#    folio.yaml published a script; and one holding "{{" was only "not
#    checked". html/active (locked) now, and the URL is never written;
# 7. a commit refused while rendering (site-size) after what stood in the
#    way of its outputs was removed left the live site without them: moved
#    aside now, and put back;
# 8. a publish killed after a file became a folder, then a commit where it
#    is a file again: every publish failed ("Is a directory"): the
#    interrupted run's outputs in the way go first too, and the folders of
#    its temporary files are pruned;
# 9. a hierarchical term ("a/page/2", "a/index.xml") meeting another
#    term's pagination or feeds was published from the state, where a
#    full build refuses it: such a page is judged in full.
# (third round, on pages written in HTML, which keep their HTML now)
# 10. a comment in a raw text element hid what followed it
#    (<style><!--</style><img onerror=...>-->, also after <svg><p>, where
#    <p> ends the SVG); SVG's <set attributeName="href" to="javascript:">
#    set a link's address; an HTML block ending inside a tag left the
#    browser reading the next tag's text as its attributes; a Hugo
#    figure's link="javascript:..." was written (its finding open to
#    lowering); an iframe's host read across a newline or tab framed
#    another host than embeds: lists. Each html/active now, and never
#    written.
. "$(dirname "$0")/lib.sh"

site() { # site DIR [folio.yaml lines]
	mkdir -p "$1/pages"
	printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n%s' "${2:-}" >"$1/folio.yaml"
	printf -- '---\ntitle: Home\n---\nHello.\n' >"$1/pages/home.md"
}
step() { # step REPO LABEL: commit all, publish from the state, compare
	git -C "$1" add -A && git -C "$1" commit -qm "$2"
	publish "$1" "$TEST_DIR/p-$(basename "$1")" "$TEST_DIR/s-$(basename "$1")" "$2"
	same_as_full "$1" "$TEST_DIR/p-$(basename "$1")" "$2"
}

# 1
a=$TEST_DIR/a
site "$a"
mkdir -p "$a/static" && echo f >"$a/static/a"
repo_of "$a" "$TEST_DIR/ra"
r=$TEST_DIR/ra
publish "$r" "$TEST_DIR/p-ra" "$TEST_DIR/s-ra" "first"
rm "$r/static/a" && mkdir "$r/static/a" && echo g >"$r/static/a/b"
step "$r" "a static file becomes a folder"
[ "$(cat "$TEST_DIR/p-ra/static/a/b")" = g ] || fail "static/a/b is not published"
rm -r "$r/static/a" && echo f2 >"$r/static/a"
step "$r" "and a file again"
echo x >"$r/static/other"
step "$r" "an unrelated file"
printf -- '---\ntitle: Foo\nurl: /foo.html\n---\nFoo.\n' >"$r/pages/foo.md"
step "$r" "a page at /foo.html"
printf -- '---\ntitle: Foo\nurl: /foo.html/bar/\n---\nFoo.\n' >"$r/pages/foo.md"
step "$r" "the page below /foo.html/"
[ -f "$TEST_DIR/p-ra/foo.html/bar/index.html" ] || fail "the page is not below /foo.html/"
printf -- '---\ntitle: Foo\nurl: /foo.html\n---\nFoo.\n' >"$r/pages/foo.md"
step "$r" "the page at /foo.html again"
printf -- '---\ntitle: D\naliases: [/d1.pdf/]\n---\nD.\n' >"$r/pages/d.md"
step "$r" "an alias folder /d1.pdf/"
printf -- '---\ntitle: D\nurl: /d1.pdf\n---\nD.\n' >"$r/pages/d.md"
step "$r" "a page at /d1.pdf"
h=$TEST_DIR/h
mkdir -p "$h/content/post/b"
printf 'baseURL = "https://h.example/"\ntitle = "H"\n' >"$h/hugo.toml"
printf -- '---\ntitle: B\ndate: 2024-01-01\n---\n![i](img.png)\n' >"$h/content/post/b/index.md"
printf 'PNG' >"$h/content/post/b/img.png"
"$FOLIO" init --from hugo "$h" >/dev/null 2>&1 || fail "init of the bundle site failed"
repo_of "$h" "$TEST_DIR/rh"
publish "$TEST_DIR/rh" "$TEST_DIR/p-rh" "$TEST_DIR/s-rh" "first"
rm "$TEST_DIR/rh/content/post/b/img.png" && mkdir "$TEST_DIR/rh/content/post/b/img.png"
printf 'PNG2' >"$TEST_DIR/rh/content/post/b/img.png/q.png"
printf -- '---\ntitle: B\ndate: 2024-01-01\n---\n![i](img.png/q.png)\n' >"$TEST_DIR/rh/content/post/b/index.md"
step "$TEST_DIR/rh" "a bundle's file becomes a folder"

# 2
z=$TEST_DIR/z
site "$z" 'limits:
  site-size: 40K
'
repo_of "$z" "$TEST_DIR/rz"
publish "$TEST_DIR/rz" "$TEST_DIR/p-rz" "$TEST_DIR/s-rz" "first"
python3 -c "print('mot ' * 4000)" >>"$TEST_DIR/rz/pages/home.md"
git -C "$TEST_DIR/rz" commit -qam "a body past the site's size"
refused_like_full "$TEST_DIR/rz" "$TEST_DIR/p-rz" "$TEST_DIR/s-rz" "a body edit past site-size" "[budget/site-size]"
mkdir -p "$TEST_DIR/rz/static"
for i in 1 2 3 4 5 6 7 8 9 10; do head -c 4000 /dev/zero | tr '\0' s >"$TEST_DIR/rz/static/f$i.txt"; done
git -C "$TEST_DIR/rz" add -A && git -C "$TEST_DIR/rz" commit -qm "static files past the site's size"
refused_like_full "$TEST_DIR/rz" "$TEST_DIR/p-rz" "$TEST_DIR/s-rz" "static files past site-size" "[budget/site-size]"
mkdir -p "$TEST_DIR/rz/static"
for i in 1 2 3 4 5 6; do head -c 4000 /dev/zero | tr '\0' s >"$TEST_DIR/rz/static/f$i.txt"; done
git -C "$TEST_DIR/rz" add -A && git -C "$TEST_DIR/rz" commit -qm "fewer static files"
publish "$TEST_DIR/rz" "$TEST_DIR/p-rz" "$TEST_DIR/s-rz" "within site-size again"
same_as_full "$TEST_DIR/rz" "$TEST_DIR/p-rz" "within site-size again"
echo "Plus." >>"$TEST_DIR/rz/pages/home.md" && git -C "$TEST_DIR/rz" commit -qam "a body edit within it"
publish "$TEST_DIR/rz" "$TEST_DIR/p-rz" "$TEST_DIR/s-rz" "a body edit within site-size"
same_as_full "$TEST_DIR/rz" "$TEST_DIR/p-rz" "a body edit within site-size"
bytes=$(sqlite3 "$TEST_DIR/s-rz/state.sqlite" "SELECT value FROM meta WHERE key = 'published_bytes'")
ondisk=$(find "$TEST_DIR/p-rz" -type f ! -name .folio-output -printf '%s\n' | awk '{s += $1} END {print s}')
[ "$bytes" = "$ondisk" ] || fail "the state says the site is $bytes bytes, the output is $ondisk"

# 3
c=$TEST_DIR/c
site "$c"
repo_of "$c" "$TEST_DIR/rc"
python3 -c "print('# padding padding padding padding padding padding padding\n' * 90000)" >>"$TEST_DIR/rc/folio.yaml"
git -C "$TEST_DIR/rc" commit -qam "a folio.yaml of 5 MB"
"$FOLIO" check --repo "$TEST_DIR/rc" HEAD >"$TEST_DIR/c.txt" 2>&1 && fail "a folio.yaml of 5 MB passed"
assert_contains "$TEST_DIR/c.txt" "folio.yaml: error: file is"
assert_contains "$TEST_DIR/c.txt" "[text/too-large]"
git -C "$TEST_DIR/rc" revert --no-edit HEAD >/dev/null
mkdir -p "$TEST_DIR/rc/schemas"
python3 -c "print('{\"type\": \"object\"}' + ' ' * 5000000)" >"$TEST_DIR/rc/schemas/pages.json"
git -C "$TEST_DIR/rc" add -A && git -C "$TEST_DIR/rc" commit -qm "a schema of 5 MB"
"$FOLIO" check --repo "$TEST_DIR/rc" HEAD >"$TEST_DIR/c2.txt" 2>&1 && fail "a schema of 5 MB passed"
assert_contains "$TEST_DIR/c2.txt" "schemas/pages.json: error: file is"

# 4
d=$TEST_DIR/d
site "$d"
repo_of "$d" "$TEST_DIR/rd"
evil=$(sed 's/^title: T/title: EVIL/' "$TEST_DIR/rd/folio.yaml" | git -C "$TEST_DIR/rd" hash-object -w --stdin)
tree=$(cd "$TEST_DIR/rd" && python3 - "$evil" <<'PY'
import subprocess, sys
def git(*a, inp=None):
    return subprocess.run(['git'] + list(a), input=inp, capture_output=True, check=True).stdout
ents = []
for l in git('ls-tree', '-z', 'HEAD^{tree}').split(b'\0'):
    if l:
        m, n = l.split(b'\t', 1)
        mode, _, sha = m.split()
        ents.append((mode, n, bytes.fromhex(sha.decode())))
i = [k for k, e in enumerate(ents) if e[1] == b'folio.yaml'][0]
ents.insert(i, (b'100644', b'folio.yaml', bytes.fromhex(sys.argv[1])))
print(git('hash-object', '-t', 'tree', '-w', '--literally', '--stdin',
          inp=b''.join(m + b' ' + n + b'\0' + s for m, n, s in ents)).strip().decode())
PY
)
dup=$(git -C "$TEST_DIR/rd" commit-tree "$tree" -p HEAD -m "folio.yaml twice")
"$FOLIO" check --repo "$TEST_DIR/rd" "$dup" >"$TEST_DIR/d.txt" 2>&1 && fail "a tree of two folio.yaml passed"
assert_contains "$TEST_DIR/d.txt" "folio.yaml: error: tree entry refused"
"$FOLIO" build --repo "$TEST_DIR/rd" --rev "$dup" --out "$TEST_DIR/out-d" >/dev/null 2>&1 && fail "a tree of two folio.yaml was built"
[ ! -e "$TEST_DIR/out-d/index.html" ] || fail "a tree of two folio.yaml was published"

# 5
e=$TEST_DIR/e
mkdir -p "$e"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: pages\n' >"$e/folio.yaml"
repo_of "$e" "$TEST_DIR/re"
publish "$TEST_DIR/re" "$TEST_DIR/p-re" "$TEST_DIR/s-re" "a site of no page"
mkdir -p "$TEST_DIR/re/pages" && printf -- '---\ntitle: First\n---\nOne.\n' >"$TEST_DIR/re/pages/first.md"
step "$TEST_DIR/re" "its first page"
[ -f "$TEST_DIR/p-re/pages/first/index.html" ] || fail "the first page is not published"

# 6
x=$TEST_DIR/x
site "$x" 'allow_html: true
rules:
  link/external-syntax: warning
'
cat >"$x/pages/x.md" <<'MD'
---
title: X
---
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) ![c](javascript:alert(3)) [d](&#106;avascript:alert(4))
[e](vbscript:msgbox(5)) [f](data:text/html,x) [g](javascript:alert(document.domain)//{{x}}) <javascript:alert(7)>

[h][r] ![ok](data:image/png;base64,iVBORw0KGgo=)

[r]: javascript:alert(8)
MD
"$FOLIO" build --worktree "$x" --out "$TEST_DIR/out-x" >"$TEST_DIR/x.txt" 2>&1 && fail "links to scripts were published"
[ "$(grep -c '\[html/active\]' "$TEST_DIR/x.txt")" = 9 ] || fail "not every script link is html/active: $(cat "$TEST_DIR/x.txt")"
assert_not_contains "$TEST_DIR/x.txt" "data:image/png"
sed -i '/^\[a\]/d; /^\[e\]/d; /^\[r\]/d; s/\[h\]\[r\] //' "$x/pages/x.md"
"$FOLIO" build --worktree "$x" --out "$TEST_DIR/out-x" >"$TEST_DIR/x2.txt" 2>&1 || fail "an image's data: URL is refused: $(cat "$TEST_DIR/x2.txt")"
assert_contains "$TEST_DIR/out-x/pages/x/index.html" 'src="data:image/png;base64,iVBORw0KGgo="'

# 7
k=$TEST_DIR/k
site "$k" 'limits:
  site-size: 60K
'
mkdir -p "$k/static" && echo k >"$k/static/k"
printf -- '---\ntitle: A\nurl: /a.x\n---\nA.\n' >"$k/pages/a.md"
repo_of "$k" "$TEST_DIR/rk"
publish "$TEST_DIR/rk" "$TEST_DIR/p-rk" "$TEST_DIR/s-rk" "first"
rm "$TEST_DIR/rk/static/k" && mkdir "$TEST_DIR/rk/static/k" && echo l >"$TEST_DIR/rk/static/k/l"
printf -- '---\ntitle: A\nurl: /a.x/b.x\n---\nA.\n' >"$TEST_DIR/rk/pages/a.md"
python3 -c "print('mot ' * 20000)" >>"$TEST_DIR/rk/pages/home.md"
git -C "$TEST_DIR/rk" add -A && git -C "$TEST_DIR/rk" commit -qm "moved, and past site-size"
cp -r "$TEST_DIR/p-rk" "$TEST_DIR/before-k"
refused_like_full "$TEST_DIR/rk" "$TEST_DIR/p-rk" "$TEST_DIR/s-rk" "a refused commit after moves" "[budget/site-size]"
diff -r "$TEST_DIR/before-k" "$TEST_DIR/p-rk" || fail "a refused commit changed the live site"

# 8
c=$TEST_DIR/cr
site "$c"
printf -- '---\ntitle: A\nurl: /a.x\n---\nA.\n' >"$c/pages/a.md"
repo_of "$c" "$TEST_DIR/rcr"
A=$(git -C "$TEST_DIR/rcr" rev-parse HEAD)
printf -- '---\ntitle: A\nurl: /a.x/b.x/c.x\n---\nA.\n' >"$TEST_DIR/rcr/pages/a.md"
git -C "$TEST_DIR/rcr" commit -qam B && B=$(git -C "$TEST_DIR/rcr" rev-parse HEAD)
git -C "$TEST_DIR/rcr" revert --no-edit HEAD >/dev/null
"$FOLIO" build --quiet --repo "$TEST_DIR/rcr" --rev HEAD --out "$TEST_DIR/full-cr" >/dev/null 2>&1 || fail "full build of the revert"
for n in 4 8 10 14 18; do
	rm -rf "$TEST_DIR/p-cr" "$TEST_DIR/s-cr"
	"$FOLIO" build --quiet --repo "$TEST_DIR/rcr" --rev "$A" --out "$TEST_DIR/p-cr" --state "$TEST_DIR/s-cr" || fail "publish of A"
	(FOLIO_FAULT_AT=$n "$FOLIO" build --quiet --repo "$TEST_DIR/rcr" --rev "$B" --out "$TEST_DIR/p-cr" \
		--state "$TEST_DIR/s-cr" >/dev/null 2>&1) 2>/dev/null || true
	"$FOLIO" build --quiet --repo "$TEST_DIR/rcr" --rev HEAD --out "$TEST_DIR/p-cr" --state "$TEST_DIR/s-cr" \
		>"$TEST_DIR/cr.txt" 2>&1 || fail "after a publish killed at step $n, the revert fails: $(cat "$TEST_DIR/cr.txt")"
	diff -r -x .folio-output "$TEST_DIR/full-cr" "$TEST_DIR/p-cr" || fail "after a kill at step $n: not a full build's"
done

# 9
t=$TEST_DIR/t
mkdir -p "$t/content/post"
printf 'baseURL = "https://t.example/"\ntitle = "T"\npaginate = 2\n[taxonomies]\n  category = "categories"\n' >"$t/hugo.toml"
for i in 1 2 3 4 5; do printf -- '---\ntitle: B%s\ndate: 2024-01-0%s\ncategories: ["a"]\n---\nb\n' $i $i >"$t/content/post/b$i.md"; done
"$FOLIO" init --from hugo "$t" >/dev/null 2>&1 || fail "init of the paginated site"
repo_of "$t" "$TEST_DIR/rt"
publish "$TEST_DIR/rt" "$TEST_DIR/p-rt" "$TEST_DIR/s-rt" "first"
for term in a/page/2 a/index.xml; do
	printf -- '---\ntitle: C\ndate: 2024-01-09\ncategories: ["%s"]\n---\nc\n' "$term" >"$TEST_DIR/rt/content/post/c.md"
	git -C "$TEST_DIR/rt" add -A && git -C "$TEST_DIR/rt" commit -qm "term $term"
	refused_like_full "$TEST_DIR/rt" "$TEST_DIR/p-rt" "$TEST_DIR/s-rt" "the term $term" "[output/clash]"
done
same_as_full "$TEST_DIR/rt" "$TEST_DIR/p-rt" "after the refused terms"

# 10
v=$TEST_DIR/v
mkdir -p "$v/content"
printf 'baseURL = "https://v.example/"\ntitle = "V"\n' >"$v/hugo.toml"
printf -- '---\ntitle: Ok\n---\n<p>Fine <b>HTML</b>.</p>\n' >"$v/content/ok.html"
"$FOLIO" init --from hugo "$v" >/dev/null 2>&1 || fail "init of the HTML site"
sed -i 's/^embeds:.*$//' "$v/folio.yaml"
printf 'embeds: [www.youtube.com]\n' >>"$v/folio.yaml"
sed -i 's/^rules:$/rules:\n  link\/external-syntax: warning/' "$v/folio.yaml"
"$FOLIO" check --worktree "$v" >"$TEST_DIR/v0.txt" 2>&1 || fail "a plain HTML page is refused: $(cat "$TEST_DIR/v0.txt")"
bad() { # bad NAME CONTENT: content/NAME holding CONTENT is refused (html/active), nothing published
	printf -- '---\ntitle: X\n---\n%s\n' "$2" >"$v/content/$1"
	"$FOLIO" build --worktree "$v" --out "$TEST_DIR/out-v" >"$TEST_DIR/v.txt" 2>&1 && fail "$1 was published: $2"
	assert_contains "$TEST_DIR/v.txt" "content/$1:"
	assert_contains "$TEST_DIR/v.txt" "[html/active]"
	rm "$v/content/$1"
}
bad style.html '<style><!--</style><img src=x onerror="document.title=1">-->'
bad svgp.html '<svg><p><style><!--</style><img src=x onerror="document.title=1">--></style></svg>'
bad svgbr.html '<svg></p><title><!--</title><img src=x onerror="document.title=1">--></svg>'
bad iframe.html '<iframe><!--</iframe><img src=x onerror="document.title=1">--></iframe>'
bad set.html '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>Click</text></a></svg>'
bad animate.html '<svg><a><animate attributeName=" xlink:href" values="javascript:alert(1)"/></a></svg>'
bad host.html "$(printf '<iframe src="https://www.youtube.com\n@example.org/"></iframe>')"
bad tab.html "$(printf '<iframe src="https://www.youtube.com\t.evil.example/"></iframe>')"
sed -i 's/^allow_html: false$/allow_html: true/' "$v/folio.yaml"
bad open.md "$(printf "<details open title='\n\n<b title=\"' ontoggle='document.title=1' x='\">x</b>")"
bad figure.md '{{< figure src="/a.png" link="javascript:document.title=1" >}}'

#!/bin/bash
# A collection sorted by title whose pages have no title: field, titled
# from their file names (title_from_name, Jekyll's documents): a publish
# from the state sorted its pages by those titles, a full build by their
# paths, so the lists and feeds of a commit that touched none of them
# differed from a full build's (OpenAstronomy's _projects, 15 of 25
# commits). Both sort by the title shown.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo
git init -q "$repo"
cd "$repo"
cat >folio.yaml <<'Y'
title: "T"
base_url: "https://example.org"
collections:
  - name: projects
    folder: "_projects"
    url: "/projects/"
    title_from_name: true
    sort: title
  - name: notes
    folder: "notes"
Y
mkdir -p _projects/2017 _projects/2018 _projects/2019 notes
printf -- '---\nname: zz\n---\nB text.\n' >_projects/2017/beta-proj.md
printf -- '---\nname: yy\n---\nC text.\n' >_projects/2017/gamma-proj.md
printf -- '---\nname: xx\n---\nA text.\n' >_projects/2019/alpha-proj.md
printf -- '---\ntitle: Explicit\n---\nD text.\n' >_projects/2018/delta.md
printf -- '---\ntitle: Note\n---\nHello.\n' >notes/n.md
git add -A
git -c user.name=t -c user.email=t@t commit -qm one
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
same_as_full "$repo" "$TEST_DIR/pub" "first"
order=$(grep -o 'projects/[0-9]*/[a-z-]*/' "$TEST_DIR/pub/projects/index.html" | tr '\n' ' ')
[ "$order" = "projects/2019/alpha-proj/ projects/2017/beta-proj/ projects/2018/delta/ projects/2017/gamma-proj/ " ] ||
	fail "the list is not in title order (Alpha Proj, Beta Proj, Explicit, Gamma Proj): $order"
# a commit that touches no project: their stubs are sorted, not parsed
printf -- '---\ntitle: Note\n---\nHello again.\n' >notes/n.md
git -c user.name=t -c user.email=t@t commit -qam two
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "a note edited"
same_as_full "$repo" "$TEST_DIR/pub" "a note edited"
# one project retitled from its name: moved by its new title
git mv _projects/2017/beta-proj.md _projects/2017/zeta-proj.md
git -c user.name=t -c user.email=t@t commit -qm three
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "a project renamed"
same_as_full "$repo" "$TEST_DIR/pub" "a project renamed"
echo "ok: titles from names sort alike in a publish from the state and a full build"

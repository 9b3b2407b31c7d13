#!/bin/bash
# Drafts and scheduled pages through a real push to a bare repository with
# folio's hooks (pre-receive), on the sample site's strict schemas: an
# incomplete draft is accepted with its findings as warnings; a page linking
# to it gets link/unpublished, a warning; a scheduled page with an error is
# refused (it would appear without a push); Hugo's spellings are no unknown
# fields; a publish date folio cannot read is refused at its line.
. "$(dirname "$0")/lib.sh"

export FOLIO_NOW=2026-12-03T10:00:00Z
server=$TEST_DIR/site.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
clone=$TEST_DIR/clone
make_repo "$clone"
git -C "$clone" remote add origin "$server"
git -C "$clone" push -q origin main 2>/dev/null || fail "the sample site was refused"

push() { # push NAME: commit everything and push; the output in $TEST_DIR/NAME, status in $rc
	git -C "$clone" add -A
	git -C "$clone" commit -qm "$1"
	rc=0
	git -C "$clone" push origin main >"$TEST_DIR/$1" 2>&1 || rc=$?
	cat "$TEST_DIR/$1"
}

# an incomplete draft event, and a page linking to it
cat >"$clone/events/colloque.md" <<'MD'
---
title: Colloque en préparation
date: 2027-03-01
Draft: true
---
Programme à venir.
MD
cat >"$clone/pages/a-venir.md" <<'MD'
---
title: À venir
---
Bientôt [le colloque](../events/colloque.md).
MD
push draft
[ $rc -eq 0 ] || fail "the draft was refused"
assert_contains "$TEST_DIR/draft" 'remote: events/colloque.md:2:1: warning: field "start" is required [front-matter/required]'
assert_contains "$TEST_DIR/draft" 'remote: pages/a-venir.md:4:23: warning: link to "../events/colloque.md" points to a draft ("events/colloque.md") [link/unpublished]'
assert_not_contains "$TEST_DIR/draft" "unknown-field"

# the same event scheduled instead: now it must be complete
sed -i 's/^Draft: true$/publishDate: 2027-01-10T09:00:00+01:00/' "$clone/events/colloque.md"
push scheduled
[ $rc -ne 0 ] || fail "an incomplete scheduled page was accepted"
assert_contains "$TEST_DIR/scheduled" 'remote: events/colloque.md:2:1: error: field "start" is required [front-matter/required]'
assert_contains "$TEST_DIR/scheduled" 'points to a page published only from 2027-01-10T08:00:00Z ("events/colloque.md") [link/unpublished]'

# completed: accepted
git -C "$clone" reset -q --soft HEAD~1
sed -e "s/^title: .*/title: Colloque en préparation/" -e 's/^date: .*/date: 2027-03-01\npublishDate: 2027-01-10T09:00:00+01:00/' \
	"$FOLIO_SOURCE_DIR/content/events/rencontre-associations-recherche-2019.md" >"$clone/events/colloque.md"
push complete
[ $rc -eq 0 ] || fail "the complete scheduled page was refused"
assert_contains "$TEST_DIR/complete" "[link/unpublished]"

# a publish date folio cannot read: refused at its line, with the fix
sed -i 's/^publishDate: .*/publishDate: le 10 janvier/' "$clone/events/colloque.md"
push unreadable
[ $rc -ne 0 ] || fail "an unreadable publish date was accepted"
assert_contains "$TEST_DIR/unreadable" 'remote: events/colloque.md:4:14: error: field "publishDate" is not a date such as 2026-12-03 or 2026-12-03T10:00:00+01:00 [front-matter/format]'
echo "ok"

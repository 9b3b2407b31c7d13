#!/bin/bash
# A Hugo site whose settings are only in environment folders, neither at
# the top nor in config/_default/ (a user manual's config/online/hugo.toml
# and config/offline/hugo.toml, built with hugo --environment online):
# init said "no configuration file was found" and wrote placeholders for
# the title and address, without a word of where the settings are. It
# names those folders now; a folder without configuration files is not
# named, and a site with a configuration at the top gets no such note.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/config/online" "$s/config/offline" "$s/config/notes" "$s/content/settings"
printf 'baseURL = "https://manual.example/"\ntitle = "Manual"\n' >"$s/config/online/hugo.toml"
printf 'baseURL = "/"\ntitle = "Manual"\nuglyURLs = true\nrelativeURLs = true\n' >"$s/config/offline/hugo.toml"
printf 'Which environment is which.\n' >"$s/config/notes/README.txt"
printf -- '---\ntitle: Settings\n---\nThe settings.\n' >"$s/content/settings/_index.md"
printf -- '---\ntitle: Players\n---\nNames.\n' >"$s/content/settings/players.md"
"$FOLIO" init --from hugo "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
assert_contains "$TEST_DIR/init.txt" 'no configuration file was found'
assert_contains "$TEST_DIR/init.txt" "config/offline/, config/online/ hold Hugo's settings for environments"
assert_not_contains "$TEST_DIR/init.txt" 'config/notes/'
# the way the note gives: one of them at the top
cp "$s/config/online/hugo.toml" "$s/hugo.toml"
"$FOLIO" init --from hugo --force "$s" >"$TEST_DIR/init2.txt" 2>&1 || fail "init again: $(cat "$TEST_DIR/init2.txt")"
assert_not_contains "$TEST_DIR/init2.txt" 'no configuration file was found'
assert_not_contains "$TEST_DIR/init2.txt" 'environment'
assert_contains "$s/folio.yaml" 'base_url: "https://manual.example"'
echo ok

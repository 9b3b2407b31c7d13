#!/bin/bash
# enableEmoji = true on a Hugo site (an ecologist's notes: "# English
# version :uk:"): Hugo 0.111 replaces each code it knows in the page's
# source before rendering it, code and addresses included, so the
# heading is "English version 🇬🇧" with the id english-version-. folio
# showed ":uk:" and made the id english-version-uk. init now writes
# emoji: true and the codes are emoji, as Hugo writes them (the expected
# HTML below is hugo's own on this page); a code Hugo does not read
# (":nope:", "10:30:45", ":piñata:") stays as written. Thirtieth pass.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts"
printf 'baseURL = "https://notes.example/"\ntitle = "Notes"\nenableEmoji = true\n' >"$s/hugo.toml"
cat >"$s/content/posts/a.md" <<'MD'
---
title: A
---
# English version :uk:

Hi :smile: and :smile::+1: and :nope: and :smile :x: and `code :smile:` ok.

```
fenced :smile:
```

[link :smile:](https://x.org/:smile:/) [again](#english-version-)

a:tada:b 10:30:45 :flag-fr: :fr: :nope::heart: ::T-Rex: :piñata:
MD
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$s/folio.yaml" "emoji: true"
h=$out/posts/a/index.html
assert_contains "$h" '<h1 id="english-version-">English version 🇬🇧</h1>'
assert_contains "$h" '<p>Hi 😄 and 😄👍 and :nope: and :smile ❌ and <code>code 😄</code> ok.</p>'
assert_contains "$h" 'fenced 😄'
assert_contains "$h" '<a href="https://x.org/%F0%9F%98%84/">link 😄</a>'
assert_contains "$h" 'a🎉b 10:30:45 :flag-fr: 🇫🇷 :nope:❤️ :🦖 :piñata:'

# the site that does not ask for them: codes as written
sed -i '/^emoji:/d' "$s/folio.yaml"
sed -i 's/(#english-version-)/(#english-version-uk)/' "$s/content/posts/a.md"
"$FOLIO" build --worktree "$s" --out "$TEST_DIR/plain" >/dev/null 2>&1 || fail "build without emoji"
assert_contains "$TEST_DIR/plain/posts/a/index.html" '<h1 id="english-version-uk">English version :uk:</h1>'

# a pusher's megabyte of codes and of colons: one pass (output checked, not time)
python3 -c "
import sys
open(sys.argv[1], 'w').write('---\ntitle: B\n---\n' + ':a:' * 300000 + '\n\n' + (':' + 'x' * 40) * 25000 + '\n')
" "$s/content/posts/b.md"
printf 'emoji: true\n' >>"$s/folio.yaml"
sed -i 's/(#english-version-uk)/(#english-version-)/' "$s/content/posts/a.md"
"$FOLIO" build --worktree "$s" --out "$TEST_DIR/big" >/dev/null 2>&1 || fail "build of a megabyte of codes"
python3 -c "
import sys
t = open(sys.argv[1], encoding='utf-8').read()
assert t.count('\U0001f170') >= 300000, 'not every :a: replaced'
" "$TEST_DIR/big/posts/b/index.html" || fail "the megabyte of codes"
echo "ok emoji codes as Hugo writes them with enableEmoji"

# ^(a{1,140}){1,140}$ against a 10 KB value: 60 s and 8.7 GB with glibc
python3 - <<'PY'
import json
p = 'schemas/books.json'
s = json.load(open(p))
s['properties']['series'] = {'type': 'string', 'pattern': '^(a{1,140}){1,140}$'}
json.dump(s, open(p, 'w'), indent=2)
PY
mkdir -p books
{
	printf -- '---\ntitle: Un livre de test\nseries: %s\n' "$(head -c 10000 /dev/zero | tr '\0' a)b"
	printf -- 'authors:\n  - lionel-larque\npublisher: l-harmattan\ndate: 2020-01-01\n'
	printf -- 'isbn: 978-2-296-01369-8\nlanguage: fr\n---\n\nUn livre.\n'
} > books/livre-test.md

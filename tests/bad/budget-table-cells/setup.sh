# a 9 KB table page: 1,500 columns, then 1,500 one-cell rows that
# cmark-gfm widens to 1,500 cells each (13 s and 1.1 GB before the budget)
mkdir -p books
{
	printf -- '---\ntitle: Un tableau\nauthors:\n  - lionel-larque\npublisher: l-harmattan\n'
	printf -- 'date: 2020-01-01\nisbn: 978-2-296-01369-8\nlanguage: fr\n---\n\nAvant le tableau.\n\n'
	printf '|'; for i in $(seq 1500); do printf 'a|'; done; printf '\n'
	printf '|'; for i in $(seq 1500); do printf -- '-|'; done; printf '\n'
	for i in $(seq 1500); do printf 'x\n'; done
} > books/livre-test.md

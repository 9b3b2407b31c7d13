# a page just over the 4 MiB limit
{ printf -- '---\ntitle: Trop grand\n---\n\n'; head -c 4300000 /dev/zero | tr '\0' 'a'; echo; } > books/livre-test.md

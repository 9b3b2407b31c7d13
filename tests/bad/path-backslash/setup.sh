# a backslash in a name: a folder separator on Windows, refused everywhere
printf 'x\n' > 'static/a\b.txt'

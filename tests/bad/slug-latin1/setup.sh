# a file name in Latin-1, not UTF-8 (and a Latin-1 title): refused as a tree path
printf -- "---\ntitle: Caf\xe9\n---\n\nTexte.\n" > $'pages/caf\xe9.md'

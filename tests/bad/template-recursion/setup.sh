# a partial that includes itself: main published an empty index.html
sed -i 's|<article>|<article>{{>boucle}}|' templates/book.mustache

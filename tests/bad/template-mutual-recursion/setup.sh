# two partials that include each other: main published truncated pages
sed -i 's|<article>|<article>{{>ping}}|' templates/book.mustache

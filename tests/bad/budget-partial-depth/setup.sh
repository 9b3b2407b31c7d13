# a chain of 40 partials, past the partial-depth budget of 32
sed -i 's|<article>|<article>{{>chaine1}}|' templates/book.mustache
for i in $(seq 40); do printf '{{>chaine%d}}' $((i + 1)) > templates/chaine$i.mustache; done
printf 'fin' > templates/chaine41.mustache

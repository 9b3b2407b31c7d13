# 150 bytes of partials, each including the next ten times: 47 MB a page
# before the budget
sed -i 's|<article>|<article>{{>p1}}|' templates/book.mustache
for i in 1 2 3 4 5 6; do
	if [ $i = 6 ]; then
		printf '%0100d' 0 > templates/p$i.mustache
	else
		for k in 1 2 3 4 5 6 7 8 9 10; do printf '{{>p%d}}' $((i + 1)); done > templates/p$i.mustache
	fi
done

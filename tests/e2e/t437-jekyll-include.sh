#!/bin/bash
# Jekyll's {% include name %} of a file of _includes/ (bitcoinops writes
# its reference links in _includes/references.md and includes it in 1,840
# posts): folio writes the file's text in place of the tag, as Jekyll
# does, when its Liquid is what folio reads; parameters given as strings
# are {{ include.<name> }}. Any other include renders as nothing, as
# before, with a shortcode/liquid warning naming the file and why, at the
# tag's line: a file that is missing, leaves _includes/ (.., an absolute
# path, a symbolic link), includes itself, holds Liquid logic folio does
# not run ({% for %}, {% assign %}, {% capture %}), or is given a
# variable. A finding inside included text is at the include tag's line
# of the page, and the lines after it keep their numbers.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/_posts" "$s/_includes/notes" "$s/_layouts"
printf 'title: Harbour Rowing\npermalink: pretty\n' >"$s/_config.yml"
printf '<html>{{ content }}</html>\n' >"$s/_layouts/post.html"
printf -- '---\ntitle: Crews\n---\nThe crews.\n' >"$s/crews.md"
printf -- '---\ntitle: Regatta\n---\nResults soon.\n' >"$s/_posts/2024-05-01-regatta.md"
cat >"$s/_includes/links.md" <<'MD'
{% comment %}the boathouse's usual links{% endcomment %}
[crew list]: /crews/
[regatta]: {% post_url 2024-05-01-regatta %}
MD
printf 'Check the **tide table** before you launch.\n' >"$s/_includes/notes/tide.md"
printf 'Hello {{ include.name }}, your seat is {{include.seat}}{{ include.oar }}.\n' >"$s/_includes/greeting.md"
printf '{%% for b in site.boats %%}[{{ b.name }}]: /boats/{%% endfor %%}\n' >"$s/_includes/loop.md"
printf '{%% assign n = 3 %%}Three boats.\n' >"$s/_includes/assign.md"
printf '{%% capture /dev/null %%}usage notes{%% endcapture %%}Captured.\n' >"$s/_includes/capture.md"
printf 'Again: {%% include self.md %%}\n' >"$s/_includes/self.md"
printf 'Outer, then {%% include notes/tide.md %%}\n' >"$s/_includes/outer.md"
printf 'SECRET-CONFIG\n' >"$s/secret.md"
ln -s ../secret.md "$s/_includes/linked.md"
cat >"$s/_posts/2024-06-01-training.md" <<'MD'
---
title: Training
---
See the [crew list] and the [regatta].

{% include notes/tide.md %}

{% include greeting.md name="Ada" seat='bow' %}

{% include loop.md %}

{% include missing.md %}

{% include ../_config.yml %}

{% include /etc/passwd %}

{% include linked.md %}

{% include self.md %}

{% include assign.md %}

{% include capture.md %}

{% include greeting.md name=page.title %}

{%- include outer.md -%}

Last line, [crews](/crews/).

{% include links.md %}
MD
"$FOLIO" init --from jekyll "$s" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$s" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
page=$out/2024/06/01/training/index.html
# the reference definitions of an include resolve the page's links
assert_contains "$page" '<a href="/crews/">crew list</a>'
assert_contains "$page" '<a href="/2024/05/01/regatta/">regatta</a>'
# a plain Markdown snippet, nested or not, and parameters
assert_contains "$page" '<p>Check the <strong>tide table</strong> before you launch.</p>'
assert_contains "$page" '<p>Hello Ada, your seat is bow.</p>'
assert_contains "$page" 'Outer, then Check the <strong>tide table</strong>'
for refused in "loop.md\" holds {% for %}" "missing.md\" is not in _includes/" \
	"../_config.yml\" is no plain path below _includes/" "/etc/passwd\" is no plain path below _includes/" \
	"linked.md\" is a symbolic link" "self.md\" includes itself" "assign.md\" holds {% assign %}" \
	"capture.md\" holds {% capture %}" "greeting.md\" gives a parameter a variable"; do
	assert_contains "$TEST_DIR/build.txt" "warning: liquid include \"$refused"
done
# each at its tag's line of the page; the self-including file is said once, at its tag
assert_contains "$TEST_DIR/build.txt" '_posts/2024-06-01-training.md:10:1: warning: liquid include "loop.md"'
assert_contains "$TEST_DIR/build.txt" '_posts/2024-06-01-training.md:20:1: warning: liquid include "self.md" includes itself'
assert_contains "$TEST_DIR/build.txt" '_posts/2024-06-01-training.md:26:1: warning: liquid include "greeting.md" gives'
for absent in SECRET-CONFIG 'Three boats' 'Captured' 'usage notes' 'Again:' 'permalink' '{%' '{{'; do
	assert_not_contains "$page" "$absent"
done
[ "$(grep -c 'liquid include' "$TEST_DIR/build.txt")" -eq 9 ] \
	|| fail "not one warning a refused include: $(grep 'liquid include' "$TEST_DIR/build.txt")"

# a finding in included text is at the tag's line, those after keep theirs
printf 'A [broken](/boats/) link.\n' >>"$s/_includes/notes/tide.md"
sed -i 's|\[crews\](/crews/)|[crews](/crew/)|' "$s/_posts/2024-06-01-training.md"
r=0
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should refuse (exit $r): $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '_posts/2024-06-01-training.md:6:12: error: link to "/boats/" points to no page'
assert_contains "$TEST_DIR/check.txt" '_posts/2024-06-01-training.md:28:12: error: link to "/boats/" points to no page'
assert_contains "$TEST_DIR/check.txt" '_posts/2024-06-01-training.md:30:20: error: link to "/crew/" points to no page'
echo "ok"

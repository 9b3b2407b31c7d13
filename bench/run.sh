#!/usr/bin/env bash
# Benchmark folio against Hugo, Jekyll and ikiwiki on generated sites (issue 7).
#
#   bench/run.sh [--quick] [--large] [--sizes "N ..."] [--runs N] [--only-folio]
#
# --quick: 1,000 pages only, 3 runs of each figure (about a minute); Jekyll
# and ikiwiki are skipped (a note says so).
# default: 1,000 and 10,000 pages; --large adds 100,000 pages. Jekyll and
# ikiwiki are measured at 1,000 pages only.
# --only-folio: measure folio again, keep the other tools' samples of the
# previous run (to see a change in folio without waiting for Hugo).
# --sizes "100000": only these sizes (e.g. with --only-folio).
# Each figure is the median of several runs of a fresh process (start
# included), wall time from bash's $EPOCHREALTIME, peak RSS from
# /usr/bin/time -f %M. The daemon figure (push_one_page_*) is the time from
# `git push` returning to `folio watch`'s /status showing the commit as
# published. Raw samples go to bench/work/samples.tsv, the table to
# stdout and bench/results.json (seconds; rss_mib in MiB). A figure that was
# not measured is absent, never zero. Generated data lives in bench/work/
# (git-ignored) and is reused by later runs.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK="$HERE/work"
FOLIO="${FOLIO:-$ROOT/build/src/folio}"
QUICK=0
LARGE=0
RUNS=""
ONLY_FOLIO=0
SIZES_ARG=""
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) QUICK=1 ;;
	--large) LARGE=1 ;;
	--runs) RUNS="$2"; shift ;;
	--only-folio) ONLY_FOLIO=1 ;;
	--sizes) SIZES_ARG="$2"; shift ;;
	-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done

if [ "$QUICK" = 1 ]; then
	SIZES="1000"; FULL_RUNS=${RUNS:-3}; ONE_RUNS=${RUNS:-3}
else
	SIZES="1000 10000"; FULL_RUNS=${RUNS:-5}; ONE_RUNS=${RUNS:-7}
	[ "$LARGE" = 1 ] && SIZES="$SIZES 100000"
fi
[ -z "$SIZES_ARG" ] || SIZES="$SIZES_ARG"

GIT=(git -c user.name=bench -c user.email=bench@example.invalid -c commit.gpgsign=false)
mkdir -p "$WORK"
label() { # 1000 -> 1k
	case "$1" in 1000) echo 1k ;; 10000) echo 10k ;; 100000) echo 100k ;; *) echo "$1" ;; esac
}
SAMPLES="$WORK/samples.tsv"
NOTES="$WORK/notes.txt"
if [ "$ONLY_FOLIO" = 1 ] && [ -f "$SAMPLES" ]; then
	keep="$SAMPLES"
	for n in $SIZES; do
		# folio's keys, and both daemon keys (the push runs folio's hooks)
		grep -v -e "$(printf '_%s[.]folio[a-z_]*\t' "$(label "$n")")" -e "^push_one_page_$(label "$n")[.]" \
			"$keep" >"$SAMPLES.$n" || true
		keep="$SAMPLES.$n"
	done
	cp "$keep" "$SAMPLES.tmp"; rm -f "$SAMPLES".[0-9]*
	mv "$SAMPLES.tmp" "$SAMPLES"
	grep -v -e "check" -e "folio watch" "$NOTES" >"$NOTES.tmp" 2>/dev/null || true
	mv "$NOTES.tmp" "$NOTES"
else
	: >"$SAMPLES"
	: >"$NOTES"
fi

log() { printf '%s\n' "$*" >&2; }
note() { printf '%s\n' "$*" | tee -a "$NOTES" >&2; }


# ---- tools -----------------------------------------------------------------

if [ ! -x "$FOLIO" ]; then
	log "building folio (Release) in $ROOT/build"
	cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
	make -C "$ROOT/build" -j2 >/dev/null
fi

APT_UPDATED=0
apt_install() { # try to install a Debian package when its command is missing
	command -v "$1" >/dev/null 2>&1 && return 0
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo -n"
	log "installing $2 from Debian"
	if ! $sudo apt-get install -y "$2" >/dev/null 2>&1 && [ "$APT_UPDATED" = 0 ]; then
		APT_UPDATED=1 # the package lists may be stale: update them once
		$sudo apt-get update >/dev/null 2>&1 || true
		$sudo apt-get install -y "$2" >/dev/null 2>&1 || true
	fi
	command -v "$1" >/dev/null 2>&1
}

HAVE_HUGO=1
HAVE_CMARK=1
HAVE_JEKYLL=0
HAVE_IKIWIKI=0
if [ "$ONLY_FOLIO" = 1 ]; then
	HAVE_HUGO=0; HAVE_CMARK=0
	note "folio figures measured at $(date -u +%FT%TZ) with $(git -C "$ROOT" rev-parse --short HEAD); the others are from the previous run"
else
	apt_install hugo hugo || { HAVE_HUGO=0; note "hugo could not be installed: Hugo figures are omitted"; }
	apt_install cmark-gfm cmark-gfm || { HAVE_CMARK=0; note "cmark-gfm could not be installed: the floor is omitted"; }
	# Jekyll and ikiwiki are measured at 1,000 pages only (issue 7).
	case " $SIZES " in
	*" 1000 "*)
		if [ "$QUICK" = 1 ]; then
			note "--quick: Jekyll and ikiwiki are skipped (run without --quick for full_1k.jekyll, full_1k.ikiwiki, one_page_1k.ikiwiki)"
		else
			HAVE_JEKYLL=1; HAVE_IKIWIKI=1
			apt_install jekyll jekyll || { HAVE_JEKYLL=0; note "jekyll could not be installed: Jekyll figures are omitted"; }
			apt_install ikiwiki ikiwiki || { HAVE_IKIWIKI=0; note "ikiwiki could not be installed: ikiwiki figures are omitted"; }
		fi ;;
	esac
fi
HAVE_CHECK=0
if "$FOLIO" check --help >/dev/null 2>&1; then
	HAVE_CHECK=1
else
	note "'folio check' does not exist in this build: check_one_page_* are not measured"
fi

# ---- measuring -------------------------------------------------------------

# sample KEY CMD...: run CMD once, append "KEY wall_s rss_kib cpu_s" to the
# samples (cpu = user + system, which the machine's load disturbs less).
sample() {
	local key="$1"; shift
	local t0 t1 rss usr sys
	t0=$EPOCHREALTIME
	if ! /usr/bin/time -f "%M %U %S" -o "$WORK/rss.tmp" "$@" >"$WORK/out.tmp" 2>&1; then
		log "FAILED ($key): $*"; tail -5 "$WORK/out.tmp" >&2
		return 1
	fi
	t1=$EPOCHREALTIME
	read -r rss usr sys <<<"$(tail -1 "$WORK/rss.tmp")"
	printf '%s\t%s\t%s\t%s\n' "$key" "$(elapsed "$t0" "$t1")" "$rss" \
		"$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >>"$SAMPLES"
}

elapsed() { # two $EPOCHREALTIME values -> seconds with 6 decimals
	local a=${1/./} b=${2/./}
	local us=$((10#$b - 10#$a))
	printf '%d.%06d' $((us / 1000000)) $((us % 1000000))
}

# ---- site preparation --------------------------------------------------------

FOLIO_YAML='# Added by bench/run.sh: the five collections of gen-corpus.py, no schemas
# (books name their authors rather than referencing people slugs).
title: Bench
description: Site de mesure de folio.
base_url: https://bench.example
language: fr
page_size: 20
collections:
  - name: organizations
    label: Partenaires
    title_field: name
  - name: pages
    label: Pages
  - name: events
    label: Événements
    date_field: date
  - name: people
    label: Chercheurs
    title_field: name
  - name: books
    label: Ouvrages
    date_field: date'

# prepare_repo N DIR: generated Git repo + folio.yaml commit; prints nothing.
prepare_repo() {
	local n="$1" dir="$2"
	if [ -f "$dir/.bench-base" ] && git -C "$dir" cat-file -e "$(cat "$dir/.bench-base")" 2>/dev/null; then
		"${GIT[@]}" -C "$dir" reset -q --hard "$(cat "$dir/.bench-base")"
		return
	fi
	rm -rf "$dir"
	log "generating $n pages in $dir"
	python3 "$HERE/gen-corpus.py" --pages "$n" --out "$dir" >/dev/null
	printf '%s\n' "$FOLIO_YAML" >"$dir/folio.yaml"
	"${GIT[@]}" -C "$dir" add folio.yaml
	"${GIT[@]}" -C "$dir" commit -q -m "bench: folio.yaml"
	git -C "$dir" rev-parse HEAD >"$dir/.bench-base"
	echo .bench-base >>"$dir/.git/info/exclude"
}

# prepare_hugo REPO SITE: the same pages for Hugo, equivalent minimal layouts.
prepare_hugo() {
	local repo="$1" site="$2" c
	rm -rf "$site"
	mkdir -p "$site/layouts/_default" "$site/layouts/partials" "$site/content"
	for c in organizations pages events people books; do
		cp -r "$repo/$c" "$site/content/$c"
		printf -- '---\ntitle: "%s"\n---\n' "$c" >"$site/content/$c/_index.md"
	done
	# Hugo reads a top-level "url" as the page's own URL: an organization's
	# web site is renamed "website" (the only front matter change).
	find "$site/content/organizations" -name '*.md' ! -name _index.md -print0 |
		xargs -0 sed -i '0,/^url:/s//website:/'
	cat >"$site/config.toml" <<-'EOF'
	baseURL = "https://bench.example/"
	languageCode = "fr"
	title = "Bench"
	buildFuture = true
	paginate = 20
	disableKinds = ["taxonomy", "term"]
	[markup.goldmark.renderer]
	unsafe = false
	EOF
	# The same inline style sheet folio's built-in layout carries.
	cp "$ROOT/templates/style.mustache" "$site/layouts/partials/style.html"
	cat >"$site/layouts/_default/baseof.html" <<-'EOF'
	<!doctype html>
	<html lang="fr">
	<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<title>{{ block "title" . }}{{ with .Title }}{{ . }}{{ else }}{{ .Params.name }}{{ end }} · {{ .Site.Title }}{{ end }}</title>
	<meta name="description" content="{{ .Summary | plainify | truncate 160 }}">
	<link rel="canonical" href="{{ .Permalink }}">
	{{ partial "style.html" . }}
	</head>
	<body>
	<header class="site-header">
	<p class="site-title"><a href="/">{{ .Site.Title }}</a></p>
	<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
	</header>
	<main>{{ block "main" . }}{{ end }}</main>
	<footer class="site-footer"><p>© {{ now.Year }} {{ .Site.Title }}</p></footer>
	</body>
	</html>
	EOF
	cat >"$site/layouts/_default/single.html" <<-'EOF'
	{{ define "main" }}
	<article>
	<header>
	<p class="meta"><a href="{{ .CurrentSection.RelPermalink }}">{{ .Section }}</a></p>
	<h1>{{ with .Title }}{{ . }}{{ else }}{{ .Params.name }}{{ end }}</h1>
	{{ with .Params.date }}<p class="meta"><time datetime="{{ . }}">{{ . }}</time></p>{{ end }}
	</header>
	{{ .Content }}
	</article>
	{{ end }}
	EOF
	cat >"$site/layouts/_default/list.html" <<-'EOF'
	{{ define "main" }}
	<h1>{{ .Title }}</h1>
	<ul class="items">
	{{ $p := .Paginate .Pages }}
	{{ range $p.Pages }}
	<li><h2><a href="{{ .RelPermalink }}">{{ with .Title }}{{ . }}{{ else }}{{ .Params.name }}{{ end }}</a></h2>
	{{ with .Params.date }}<p class="meta"><time datetime="{{ . }}">{{ . }}</time></p>{{ end }}
	<p>{{ .Summary | plainify | truncate 160 }}</p></li>
	{{ end }}
	</ul>
	<nav class="pagination"><ul>
	{{ with $p.Prev }}<li><a rel="prev" href="{{ .URL }}">←</a></li>{{ end }}
	{{ range $p.Pagers }}<li><a href="{{ .URL }}">{{ .PageNumber }}</a></li>{{ end }}
	{{ with $p.Next }}<li><a rel="next" href="{{ .URL }}">→</a></li>{{ end }}
	</ul></nav>
	{{ end }}
	EOF
	cp "$site/layouts/_default/list.html" "$site/layouts/index.html"
}

# The five collections as folio.yaml declares them: name, label, dated (1 when
# folio.yaml gives a date_field). Jekyll and ikiwiki get them spelled out.
COLLECTIONS="organizations:Partenaires:0:name pages:Pages:0:title events:Événements:1:title people:Chercheurs:0:name books:Ouvrages:1:title"

# list_pages COUNT: how many list pages of 20 a collection of COUNT items has.
list_pages() { echo $((($1 + 19) / 20)); }

# prepare_jekyll REPO SITE: the same pages as Jekyll collections (Jekyll
# 4.3, Debian), with layouts equivalent to Hugo's: base, single, list
# (paginated by 20 with summaries), a home page, an RSS feed per collection
# and a sitemap. Jekyll paginates only posts without a plugin, so each list
# page is a small stub page (collection, offset) written here; the layout
# does the listing. Jekyll's "pages" name is taken (site.pages), so that
# collection is called "webpages" and keeps the URL /pages/<slug>/.
prepare_jekyll() {
	local repo="$1" site="$2" spec c label dated tkey dir n np k off f
	rm -rf "$site"
	mkdir -p "$site/_layouts" "$site/_includes"
	{
		printf 'title: Bench\ndescription: Site de mesure de folio.\nurl: https://bench.example\nlang: fr\n'
		printf '# future events are built, as folio builds them; no disk cache of\n'
		printf '# converted Markdown (a full build starts from nothing)\n'
		printf 'future: true\ndisable_disk_cache: true\nmarkdown: kramdown\ncollections:\n'
		for spec in $COLLECTIONS; do
			IFS=: read -r c label dated tkey <<<"$spec"
			dir=$c; [ "$c" = pages ] && dir=webpages
			printf '  %s: {output: true, permalink: "/%s/:name/", section: %s, title: "%s", title_key: %s}\n' \
				"$dir" "$c" "$c" "$label" "$tkey"
		done
		printf 'defaults:\n'
		for spec in $COLLECTIONS; do
			IFS=: read -r c label dated tkey <<<"$spec"
			dir=$c; [ "$c" = pages ] && dir=webpages
			printf '  - scope: {path: "", type: %s}\n    values: {layout: single, section: %s, section_title: "%s", dated: %s, title_key: %s}\n' \
				"$dir" "$c" "$label" "$([ "$dated" = 1 ] && echo true || echo false)" "$tkey"
		done
	} >"$site/_config.yml"
	for spec in $COLLECTIONS; do
		IFS=: read -r c label dated tkey <<<"$spec"
		dir=$c; [ "$c" = pages ] && dir=webpages
		if [ "$dated" = 1 ]; then dated=true; else dated=false; fi # "0" is true in Liquid
		cp -r "$repo/$c" "$site/_$dir"
		n=$(find "$site/_$dir" -name '*.md' | wc -l)
		np=$(list_pages "$n")
		for k in $(seq "$np"); do
			off=$(((k - 1) * 20))
			if [ "$k" = 1 ]; then f="$site/$c/index.html"; else f="$site/$c/page/$k/index.html"; fi
			mkdir -p "$(dirname "$f")"
			printf -- '---\nlayout: list\ntitle: "%s"\ncoll: %s\nsection: %s\ndated: %s\npagenum: %s\nnpages: %s\noffset: %s\n---\n' \
				"$label" "$dir" "$c" "$dated" "$k" "$np" "$off" >"$f"
		done
		printf -- '---\nlayout: rss\ntitle: "%s"\ncoll: %s\nsection: %s\ndated: %s\n---\n' \
			"$label" "$dir" "$c" "$dated" >"$site/$c/index.xml"
	done
	# The same front matter change as for Hugo (a top-level "url").
	find "$site/_organizations" -name '*.md' -print0 | xargs -0 sed -i '0,/^url:/s//website:/'
	cp "$ROOT/templates/style.mustache" "$site/_includes/style.html"
	cat >"$site/_layouts/base.html" <<-'EOF'
	<!doctype html>
	<html lang="fr">
	<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<title>{% if page.title_key %}{{ page[page.title_key] }}{% else %}{{ page.title }}{% endif %} · {{ site.title }}</title>
	<meta name="description" content="{% if page.excerpt %}{{ page.excerpt | strip_html | truncate: 160 }}{% else %}{{ site.description }}{% endif %}">
	<link rel="canonical" href="{{ page.url | absolute_url }}">
	{% include style.html %}
	</head>
	<body>
	<header class="site-header">
	<p class="site-title"><a href="/">{{ site.title }}</a></p>
	<nav><ul>{% for c in site.collections %}{% if c.section %}<li><a href="/{{ c.section }}/">{{ c.title }}</a></li>{% endif %}{% endfor %}</ul></nav>
	</header>
	<main>{{ content }}</main>
	<footer class="site-footer"><p>© {{ site.time | date: "%Y" }} {{ site.title }}</p></footer>
	</body>
	</html>
	EOF
	cat >"$site/_layouts/single.html" <<-'EOF'
	---
	layout: base
	---
	<article>
	<header>
	<p class="meta"><a href="/{{ page.section }}/">{{ page.section_title }}</a></p>
	<h1>{{ page[page.title_key] }}</h1>
	{% if page.dated %}<p class="meta"><time datetime="{{ page.date | date: "%F" }}">{{ page.date | date: "%F" }}</time></p>{% endif %}
	</header>
	{{ content }}
	</article>
	EOF
	cat >"$site/_layouts/list.html" <<-'EOF'
	---
	layout: base
	---
	<h1>{{ page.title }}</h1>
	<ul class="items">
	{% assign items = site[page.coll] %}{% if page.dated %}{% assign items = items | reverse %}{% endif %}
	{% for item in items limit: 20 offset: page.offset %}
	<li><h2><a href="{{ item.url }}">{{ item[item.title_key] }}</a></h2>
	{% if page.dated %}<p class="meta"><time datetime="{{ item.date | date: "%F" }}">{{ item.date | date: "%F" }}</time></p>{% endif %}
	<p>{{ item.excerpt | strip_html | truncate: 160 }}</p></li>
	{% endfor %}
	</ul>
	<nav class="pagination"><ul>
	{% assign prev = page.pagenum | minus: 1 %}{% assign next = page.pagenum | plus: 1 %}
	{% if prev == 1 %}<li><a rel="prev" href="/{{ page.section }}/">←</a></li>{% elsif prev > 1 %}<li><a rel="prev" href="/{{ page.section }}/page/{{ prev }}/">←</a></li>{% endif %}
	{% for k in (1..page.npages) %}<li><a href="/{{ page.section }}/{% if k > 1 %}page/{{ k }}/{% endif %}">{{ k }}</a></li>{% endfor %}
	{% if next <= page.npages %}<li><a rel="next" href="/{{ page.section }}/page/{{ next }}/">→</a></li>{% endif %}
	</ul></nav>
	EOF
	cat >"$site/_layouts/rss.html" <<-'EOF'
	<?xml version="1.0" encoding="utf-8" standalone="yes"?>
	<rss version="2.0"><channel>
	<title>{{ page.title }} · {{ site.title }}</title>
	<link>{{ page.section | prepend: "/" | append: "/" | absolute_url }}</link>
	<language>fr</language>
	{% assign items = site[page.coll] %}{% if page.dated %}{% assign items = items | reverse %}{% endif %}
	{% for item in items %}<item><title>{{ item[item.title_key] | xml_escape }}</title><link>{{ item.url | absolute_url }}</link>{% if page.dated %}<pubDate>{{ item.date | date_to_rfc822 }}</pubDate>{% endif %}<guid>{{ item.url | absolute_url }}</guid><description>{{ item.excerpt | strip_html | xml_escape }}</description></item>
	{% endfor %}
	</channel></rss>
	EOF
	cat >"$site/index.html" <<-'EOF'
	---
	layout: base
	title: Bench
	---
	<h1>{{ site.title }}</h1>
	<p>{{ site.description }}</p>
	{% for c in site.collections %}{% if c.section %}
	<section>
	<h2><a href="/{{ c.section }}/">{{ c.title }}</a></h2>
	<ul class="items">
	{% assign items = c.docs %}{% if c.section == "events" or c.section == "books" %}{% assign items = items | reverse %}{% endif %}
	{% for item in items limit: 5 %}<li><a href="{{ item.url }}">{{ item[item.title_key] }}</a></li>
	{% endfor %}
	</ul>
	</section>
	{% endif %}{% endfor %}
	EOF
	cat >"$site/sitemap.xml" <<-'EOF'
	---
	layout: null
	---
	<?xml version="1.0" encoding="utf-8" standalone="yes"?>
	<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
	{% for c in site.collections %}{% for item in c.docs %}<url><loc>{{ item.url | absolute_url }}</loc></url>
	{% endfor %}{% endfor %}
	</urlset>
	EOF
}

# prepare_ikiwiki REPO SITE: the same pages for ikiwiki (3.2020, Debian).
# ikiwiki reads no YAML front matter: each page's front matter becomes meta
# directives ([[!meta title=...]] from title or name, [[!meta date=...]]
# from date, which ikiwiki uses as the page's creation time), the body is
# unchanged, and the file keeps its .md name (ikiwiki's mdwn plugin renders
# .md; Markdown by Discount). The page template is the minimal equivalent of
# the others (style sheet, navigation, section, title, date, content). Lists
# are inline directives, 20 per page: a stub page per list page (inline
# skip=, archive=yes: title and date; ikiwiki has no summaries), an RSS
# feed of each collection's first list page (20 items, ikiwiki's default),
# and a home page. No sitemap (ikiwiki has none), no basewiki underlay, no
# CGI plugins.
prepare_ikiwiki() {
	local repo="$1" site="$2" spec c label dated tkey n np k sort nav=""
	rm -rf "$site"
	mkdir -p "$site/src" "$site/templates" "$site/underlay"
	for spec in $COLLECTIONS; do
		IFS=: read -r c label dated tkey <<<"$spec"
		nav="$nav<li><a href=\"/$c/\">$label</a></li>"
		mkdir -p "$site/src/$c"
		(cd "$repo" && awk -v dst="$site/src" -v tkey="$tkey" '
			function unq(v) { sub(/^"/, "", v); sub(/"$/, "", v); gsub(/\\"/, "\"", v); return v }
			FNR == 1 { if (out != "") close(out); out = dst "/" FILENAME; fm = 0; title = ""; date = "" }
			fm < 2 && /^---$/ {
				if (++fm == 2) {
					printf "[[!meta title=\"\"\"%s\"\"\"]]\n", title >out
					if (date != "") printf "[[!meta date=\"%s\"]]\n", date >out
				}
				next
			}
			fm == 1 { if (index($0, tkey ": ") == 1) title = unq(substr($0, length(tkey) + 3))
				else if (index($0, "date: ") == 1) date = unq(substr($0, 7))
				next }
			{ print >out }' "$c"/*.md)
		n=$(find "$repo/$c" -name '*.md' | wc -l)
		np=$(list_pages "$n")
		if [ "$dated" = 1 ]; then sort=age; else sort=title; fi
		for k in $(seq "$np"); do
			local f pages="" j
			if [ "$k" = 1 ]; then f="$site/src/$c.mdwn"; else mkdir -p "$site/src/$c/page"; f="$site/src/$c/page/$k.mdwn"; fi
			for j in $(seq "$np"); do
				if [ "$j" = 1 ]; then pages="$pages<li><a href=\"/$c/\">1</a></li>"
				else pages="$pages<li><a href=\"/$c/page/$j/\">$j</a></li>"; fi
			done
			{
				printf '[[!meta title="%s"]]\n' "$label"
				printf '[[!inline pages="%s/* and !%s/page/*" sort="%s" show="20" skip="%s" archive="yes" feeds="%s"]]\n\n' \
					"$c" "$c" "$sort" $(((k - 1) * 20)) "$([ "$k" = 1 ] && echo yes || echo no)"
				printf '<nav class="pagination"><ul>'
				[ "$k" -gt 1 ] && printf '<li><a rel="prev" href="/%s/%s">←</a></li>' "$c" "$([ "$k" = 2 ] || echo "page/$((k - 1))/")"
				printf '%s' "$pages"
				[ "$k" -lt "$np" ] && printf '<li><a rel="next" href="/%s/page/%s/">→</a></li>' "$c" $((k + 1))
				printf '</ul></nav>\n'
			} >"$f"
		done
	done
	{
		printf '[[!meta title="Bench"]]\nSite de mesure de folio.\n\n'
		for spec in $COLLECTIONS; do
			IFS=: read -r c label dated tkey <<<"$spec"
			if [ "$dated" = 1 ]; then sort=age; else sort=title; fi
			printf '## [%s](/%s/)\n\n[[!inline pages="%s/* and !%s/page/*" sort="%s" show="5" archive="yes" feeds="no"]]\n\n' \
				"$label" "$c" "$c" "$c" "$sort"
		done
	} >"$site/src/index.mdwn"
	{
		cat <<-'EOF'
		<!doctype html>
		<html lang="fr">
		<head>
		<meta charset="utf-8">
		<meta name="viewport" content="width=device-width, initial-scale=1">
		<title><TMPL_VAR TITLE> · <TMPL_VAR WIKINAME></title>
		<TMPL_IF FEEDLINKS><TMPL_VAR FEEDLINKS></TMPL_IF>
		<TMPL_IF META><TMPL_VAR META></TMPL_IF>
		EOF
		cat "$ROOT/templates/style.mustache"
		cat <<-EOF
		</head>
		<body>
		<header class="site-header">
		<p class="site-title"><a href="/"><TMPL_VAR WIKINAME></a></p>
		<nav><ul>$nav</ul></nav>
		</header>
		<main>
		<article>
		<header>
		<TMPL_IF PARENTLINKS><p class="meta"><TMPL_LOOP PARENTLINKS><TMPL_UNLESS __FIRST__><a href="<TMPL_VAR URL>"><TMPL_VAR PAGE></a> </TMPL_UNLESS></TMPL_LOOP></p></TMPL_IF>
		<h1><TMPL_VAR TITLE></h1>
		<p class="meta"><time><TMPL_VAR CTIME></time></p>
		</header>
		<TMPL_VAR CONTENT>
		</article>
		</main>
		<footer class="site-footer"><p>© <TMPL_VAR WIKINAME></p></footer>
		</body>
		</html>
		EOF
	} >"$site/templates/page.tmpl"
	cat >"$site/ikiwiki.setup" <<-EOF
	use IkiWiki::Setup::Standard {
		wikiname => "Bench",
		srcdir => "$site/src",
		destdir => "$site/out",
		url => "https://bench.example",
		templatedir => "$site/templates",
		underlaydir => "$site/underlay",
		disable_plugins => [qw{passwordauth openid signinedit lockedit recentchanges editpage}],
		rss => 1,
		atom => 0,
		usedirs => 1,
		timeformat => "%Y-%m-%d",
		verbose => 0,
		syslog => 0,
	}
	EOF
}

# One-page change: append a sentence to the body of a fixed page, run $1.
PAGE=""
# change_page REPO HUGO_SITE I [IKIWIKI_SRC]: edit, commit in REPO, mirror
# in Hugo's content, and append the same sentence in ikiwiki's source (whose
# front matter differs).
change_page() {
	local repo="$1" site="$2" i="$3" iki="${4:-}"
	printf '\nPhrase de mesure numéro %s, ajoutée au corps de la page.\n' "$i" >>"$repo/$PAGE"
	"${GIT[@]}" -C "$repo" commit -q -m "bench: one page ($i)" -- "$PAGE"
	[ -z "$site" ] || cp "$repo/$PAGE" "$site/content/$PAGE"
	[ -z "$iki" ] || printf '\nPhrase de mesure numéro %s, ajoutée au corps de la page.\n' "$i" >>"$iki/$PAGE"
}

# add_warning REPO: commit a warning-only finding (a repeated paragraph,
# text/repeated-paragraph) in a page other than $PAGE: real sites have one
# somewhere, and the fast path must not step aside for it (issue 14).
add_warning() {
	local repo="$1" rel para
	rel="pages/$(ls "$repo/pages" | sed -n 1p)"
	para="Ce paragraphe de mesure, assez long pour que folio le compare aux autres, est écrit deux fois dans la page."
	printf '\n%s\n\n%s\n' "$para" "$para" >>"$repo/$rel"
	"${GIT[@]}" -C "$repo" commit -q -m "bench: a warning" -- "$rel"
}

# ---- figures -----------------------------------------------------------------

measure_full() { # size label
	local n="$1" l="$2" d="$WORK/$2" i
	log "full build, $n pages: folio x$FULL_RUNS"
	for i in $(seq "$FULL_RUNS"); do
		rm -rf "$d/folio-out"
		sample "full_$l.folio" "$FOLIO" build "${LIMITS[@]}" --quiet --repo "$d/repo" --rev HEAD --out "$d/folio-out"
	done
	[ "$HAVE_HUGO" = 1 ] || return 0
	log "full build, $n pages: hugo x$FULL_RUNS"
	for i in $(seq "$FULL_RUNS"); do
		rm -rf "$d/hugo-out"
		sample "full_$l.hugo" hugo --quiet -s "$d/hugo" -d "$d/hugo-out"
	done
}

measure_one_page() { # size label
	local n="$1" l="$2" d="$WORK/$2" i site=""
	[ "$HAVE_HUGO" = 1 ] && site="$d/hugo"
	PAGE="events/$(ls "$d/repo/events" | sed -n 2p)"
	add_warning "$d/repo"
	log "one-page commit, $n pages ($PAGE), a warning in the site: folio --state x$ONE_RUNS"
	rm -rf "$d/folio-state" "$d/folio-pub"
	"$FOLIO" build "${LIMITS[@]}" --quiet --repo "$d/repo" --out "$d/folio-pub" --state "$d/folio-state" 2>/dev/null >/dev/null
	for i in $(seq "$ONE_RUNS"); do
		change_page "$d/repo" "$site" "folio-$i"
		sample "one_page_$l.folio" "$FOLIO" build "${LIMITS[@]}" --quiet --repo "$d/repo" --rev HEAD \
			--out "$d/folio-pub" --state "$d/folio-state"
	done
	if [ "$HAVE_CHECK" = 1 ]; then
		# what pre-receive does with git config folio.state (judged from the
		# daemon's state), then without a state (the whole site loaded)
		log "one-page push validation, $n pages: folio check --state, folio check x$ONE_RUNS"
		for i in $(seq "$ONE_RUNS"); do
			change_page "$d/repo" "" "check-$i"
			sample "check_one_page_$l.folio" "$FOLIO" check "${LIMITS[@]}" --repo "$d/repo" \
				--state "$d/folio-state" HEAD~1..HEAD ||
				{ note "'folio check --state S A..B' failed: check_one_page_$l omitted"; sed -i "/^check_one_page_$l.folio\t/d" "$SAMPLES"; break; }
			sample "check_one_page_$l.folio_nostate" "$FOLIO" check "${LIMITS[@]}" --repo "$d/repo" HEAD~1..HEAD ||
				{ note "'folio check --repo R A..B' failed: check_one_page_$l.folio_nostate omitted"; sed -i "/^check_one_page_$l.folio_nostate/d" "$SAMPLES"; break; }
		done
		# a merge request of five body edits, checked without a state (what CI
		# runs): the first commit is validated whole, the others from it
		log "five-commit range validation, $n pages: folio check A..B x$ONE_RUNS"
		for i in $(seq "$ONE_RUNS"); do
			for k in 1 2 3 4 5; do change_page "$d/repo" "" "range-$i-$k"; done
			sample "check_range5_$l.folio_nostate" "$FOLIO" check "${LIMITS[@]}" --repo "$d/repo" HEAD~5..HEAD ||
				{ drop_key "check_range5_$l.folio_nostate" "'folio check --repo R A..B' failed on five commits"; break; }
		done
	fi
	[ "$HAVE_HUGO" = 1 ] || return 0
	log "one-page change, $n pages: hugo full rebuild x$ONE_RUNS"
	hugo --quiet -s "$site" -d "$d/hugo-out" >/dev/null
	for i in $(seq "$ONE_RUNS"); do
		change_page "$d/repo" "$site" "hugo-$i"
		sample "one_page_$l.hugo" hugo --quiet -s "$site" -d "$d/hugo-out"
	done
	measure_hugo_server "$n" "$l"
}

# newest_date I: the sed command that dates an added event after every
# other (gen-corpus.py's dates end in 2025): an announcement, as an author
# adds one, at the front of the feeds.
newest_date() { printf 's/^date: .*/date: 2030-01-%02d/' "$1"; }

# Commits that are not body edits (issue 14), each published by `folio build
# --state` after the previous one: add_page (a new event page), retitle (the
# person most linked to renamed: lists, feeds and the pages that link to it
# show the name), delete_page (an unreferenced page: one add_page added, as
# every generated page is linked to).
measure_changes() { # size label
	local n="$1" l="$2" d="$WORK/$2" i src person
	local repo="$d/repo" st="$d/folio-state" pub="$d/folio-pub"
	git -C "$repo" reset -q --hard "$(cat "$repo/.bench-base")"
	rm -rf "$st" "$pub"
	"$FOLIO" build "${LIMITS[@]}" --quiet --repo "$repo" --out "$pub" --state "$st" >/dev/null
	src="$repo/events/$(ls "$repo/events" | sed -n 3p)"
	log "add a page, $n pages: folio --state x$ONE_RUNS"
	for i in $(seq "$ONE_RUNS"); do
		sed "0,/^title: \"/s//title: \"Ajout $i, /; $(newest_date "$i")" "$src" >"$repo/events/bench-ajout-$i.md"
		"${GIT[@]}" -C "$repo" add "events/bench-ajout-$i.md"
		"${GIT[@]}" -C "$repo" commit -q -m "bench: add a page ($i)"
		sample "add_page_$l.folio" "$FOLIO" build "${LIMITS[@]}" --quiet --repo "$repo" --rev HEAD --out "$pub" --state "$st" ||
			{ drop_key "add_page_$l.folio" "folio build --state failed on an added page"; break; }
	done
	person=$(most_linked_person "$repo")
	log "rename a referenced person (people/$person.md), $n pages: folio --state x$ONE_RUNS"
	for i in $(seq "$ONE_RUNS"); do
		sed -i "0,/^name: \"\([^\"(]*\)\( ([0-9]*)\)\?\"/s//name: \"\1 ($i)\"/" "$repo/people/$person.md"
		"${GIT[@]}" -C "$repo" commit -q -m "bench: rename a person ($i)" -- "people/$person.md"
		sample "retitle_$l.folio" "$FOLIO" build "${LIMITS[@]}" --quiet --repo "$repo" --rev HEAD --out "$pub" --state "$st" ||
			{ drop_key "retitle_$l.folio" "folio build --state failed on a renamed person"; break; }
	done
	log "delete an unreferenced page, $n pages: folio --state x$ONE_RUNS"
	for i in $(seq "$ONE_RUNS"); do
		"${GIT[@]}" -C "$repo" rm -q "events/bench-ajout-$i.md"
		"${GIT[@]}" -C "$repo" commit -q -m "bench: delete a page ($i)"
		sample "delete_page_$l.folio" "$FOLIO" build "${LIMITS[@]}" --quiet --repo "$repo" --rev HEAD --out "$pub" --state "$st" ||
			{ drop_key "delete_page_$l.folio" "folio build --state failed on a deleted page"; break; }
	done
	# an image redrawn: a file of static/ rewritten in place (added once, unmeasured)
	mkdir -p "$repo/static"
	printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$repo/static/bench-logo.svg"
	"${GIT[@]}" -C "$repo" add static/bench-logo.svg
	"${GIT[@]}" -C "$repo" commit -q -m "bench: a static file"
	"$FOLIO" build "${LIMITS[@]}" --quiet --repo "$repo" --rev HEAD --out "$pub" --state "$st" >/dev/null
	log "rewrite a static file in place, $n pages: folio --state x$ONE_RUNS"
	for i in $(seq "$ONE_RUNS"); do
		printf '<svg xmlns="http://www.w3.org/2000/svg"><!-- %s --></svg>\n' "$i" >"$repo/static/bench-logo.svg"
		"${GIT[@]}" -C "$repo" commit -q -m "bench: a static file redrawn ($i)" -- static/bench-logo.svg
		sample "static_file_$l.folio" "$FOLIO" build "${LIMITS[@]}" --quiet --repo "$repo" --rev HEAD --out "$pub" --state "$st" ||
			{ drop_key "static_file_$l.folio" "folio build --state failed on a static file"; break; }
	done
	git -C "$repo" reset -q --hard "$(cat "$repo/.bench-base")"
}

# drop_key KEY MESSAGE: a tool failed: note it and forget KEY's samples, so
# that the key is absent rather than wrong.
drop_key() {
	note "$2: $1 omitted"
	awk -v k="$1" -F '\t' '$1 != k' "$SAMPLES" >"$SAMPLES.tmp" && mv "$SAMPLES.tmp" "$SAMPLES"
}

# built_pages DIR N: true when DIR holds at least N index.html files (a
# tool that exits 0 but renders nothing counts as failed).
built_pages() { [ "$(find "$1" -name index.html 2>/dev/null | wc -l)" -ge "$2" ]; }

# Jekyll and ikiwiki full builds (1,000 pages): output and state removed
# before each run (Jekyll's disk cache is off; ikiwiki --rebuild and its
# .ikiwiki index removed).
measure_full_others() { # size label
	local n="$1" l="$2" d="$WORK/$2" i
	if [ "$HAVE_JEKYLL" = 1 ]; then
		log "full build, $n pages: jekyll x$FULL_RUNS"
		for i in $(seq "$FULL_RUNS"); do
			rm -rf "$d/jekyll-out" "$d/jekyll/.jekyll-cache"
			sample "full_$l.jekyll" jekyll build --quiet -s "$d/jekyll" -d "$d/jekyll-out" ||
				{ drop_key "full_$l.jekyll" "jekyll build failed on the corpus"; break; }
			[ "$i" != 1 ] || built_pages "$d/jekyll-out" "$n" ||
				{ drop_key "full_$l.jekyll" "jekyll built fewer than $n pages"; break; }
		done
	fi
	if [ "$HAVE_IKIWIKI" = 1 ]; then
		log "full build, $n pages: ikiwiki x$FULL_RUNS"
		for i in $(seq "$FULL_RUNS"); do
			rm -rf "$d/ikiwiki/out" "$d/ikiwiki/src/.ikiwiki"
			sample "full_$l.ikiwiki" ikiwiki --setup "$d/ikiwiki/ikiwiki.setup" --rebuild ||
				{ drop_key "full_$l.ikiwiki" "ikiwiki --rebuild failed on the corpus"; HAVE_IKIWIKI=0; break; }
			[ "$i" != 1 ] || built_pages "$d/ikiwiki/out" "$n" ||
				{ drop_key "full_$l.ikiwiki" "ikiwiki built fewer than $n pages"; HAVE_IKIWIKI=0; break; }
		done
	fi
}

# ikiwiki's own incremental rebuild: `ikiwiki --refresh` after the same
# one-page change (it rebuilds the page and the list pages that inline it).
# ikiwiki compares whole-second mtimes, so each change waits for the clock
# to pass the page's previous mtime (outside the timed run).
measure_one_page_ikiwiki() { # size label
	local n="$1" l="$2" d="$WORK/$2" i site="" src="$WORK/$2/ikiwiki/src"
	[ "$HAVE_IKIWIKI" = 1 ] || return 0
	[ "$HAVE_HUGO" = 1 ] && site="$d/hugo"
	log "one-page change, $n pages: ikiwiki --refresh x$ONE_RUNS"
	ikiwiki --setup "$d/ikiwiki/ikiwiki.setup" --refresh >/dev/null 2>&1 || true
	for i in $(seq "$ONE_RUNS"); do
		while [ "$(stat -c %Y "$src/$PAGE")" -ge "$EPOCHSECONDS" ]; do sleep 0.05; done
		change_page "$d/repo" "$site" "ikiwiki-$i" "$src"
		sample "one_page_$l.ikiwiki" ikiwiki --setup "$d/ikiwiki/ikiwiki.setup" --refresh ||
			{ drop_key "one_page_$l.ikiwiki" "ikiwiki --refresh failed"; break; }
		grep -q "numéro ikiwiki-$i," "$d/ikiwiki/out/${PAGE%.md}/index.html" ||
			{ drop_key "one_page_$l.ikiwiki" "ikiwiki --refresh did not rebuild the changed page"; break; }
	done
}

# The same change kinds as folio's (measure_changes) for ikiwiki --refresh:
# a page added (its meta title changed), the most linked person renamed
# (the meta title ikiwiki shows), the added page deleted. ikiwiki's lists
# inline the pages, so it rebuilds them; it has no link from a page to a
# person's title, so the pages that link to the person are not rebuilt.
measure_changes_ikiwiki() { # size label
	local n="$1" l="$2" d="$WORK/$2" i src="$WORK/$2/ikiwiki/src" ev person setup="$WORK/$2/ikiwiki/ikiwiki.setup"
	[ "$HAVE_IKIWIKI" = 1 ] || return 0
	ev="$src/events/$(ls "$d/repo/events" | sed -n 3p)"
	person=$(most_linked_person "$d/repo")
	ikiwiki --setup "$setup" --refresh >/dev/null 2>&1 || true
	log "add a page, rename a person, delete a page, $n pages: ikiwiki --refresh x$ONE_RUNS"
	for i in $(seq "$ONE_RUNS"); do
		sed_to "$ev" "$src/events/bench-ajout-iki-$i.md" "0,/^\[\[!meta title=\"\"\"/s//[[!meta title=\"\"\"Ajout $i, /"
		sample "add_page_$l.ikiwiki" ikiwiki --setup "$setup" --refresh ||
			{ drop_key "add_page_$l.ikiwiki" "ikiwiki --refresh failed on an added page"; break; }
		[ -f "$d/ikiwiki/out/events/bench-ajout-iki-$i/index.html" ] ||
			{ drop_key "add_page_$l.ikiwiki" "ikiwiki --refresh did not render the added page"; break; }
	done
	for i in $(seq "$ONE_RUNS"); do
		while [ "$(stat -c %Y "$src/people/$person.md")" -ge "$EPOCHSECONDS" ]; do sleep 0.05; done
		sed -i "0,/^\[\[!meta title=\"\"\"\([^\"(]*\)\( ([0-9]*)\)\?\"\"\"/s//[[!meta title=\"\"\"\1 ($i)\"\"\"/" "$src/people/$person.md"
		sample "retitle_$l.ikiwiki" ikiwiki --setup "$setup" --refresh ||
			{ drop_key "retitle_$l.ikiwiki" "ikiwiki --refresh failed on a renamed person"; break; }
		grep -q " ($i)" "$d/ikiwiki/out/people/$person/index.html" ||
			{ drop_key "retitle_$l.ikiwiki" "ikiwiki --refresh did not rebuild the renamed person"; break; }
	done
	for i in $(seq "$ONE_RUNS"); do
		rm -f "$src/events/bench-ajout-iki-$i.md"
		sample "delete_page_$l.ikiwiki" ikiwiki --setup "$setup" --refresh ||
			{ drop_key "delete_page_$l.ikiwiki" "ikiwiki --refresh failed on a deleted page"; break; }
		[ ! -e "$d/ikiwiki/out/events/bench-ajout-iki-$i/index.html" ] ||
			{ drop_key "delete_page_$l.ikiwiki" "ikiwiki --refresh left the deleted page"; break; }
	done
}

# ---- the daemon: push to published -------------------------------------------

WATCH_PID=""
stop_watch() {
	[ -n "$WATCH_PID" ] || return 0
	kill "$WATCH_PID" 2>/dev/null || true
	wait "$WATCH_PID" 2>/dev/null || true
	WATCH_PID=""
}
trap stop_watch EXIT

# get_status PORT: GET /status into $STATUS with bash's /dev/tcp: no process
# is started, so a poll costs about a millisecond (curl's start alone takes
# about 15 ms here, which would be the figure's resolution).
STATUS=""
get_status() {
	STATUS=""
	{ exec 9<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1 # (not "exec ... 2>": that is for good)
	printf 'GET /status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&9 || { exec 9<&-; return 1; }
	IFS= read -r -d '' -t 5 STATUS <&9 || true
	exec 9<&-
}

# cpu_ticks PID: user + system clock ticks the process has used so far.
cpu_ticks() { local s; read -r s <"/proc/$1/stat"; s=${s##*) }; set -- $s; echo $((${12} + ${13})); }

# `folio watch` on a bare copy of the repository, wired as
# scripts/setup-server.sh does (scripts/install-daemon-hooks.sh: pre-receive
# validates the push, post-receive wakes the daemon through its socket). A
# clone pushes a one-page body change; push_one_page_<size>.git_push is the
# `git push` (hooks included: /usr/bin/time over git and its children) and
# push_one_page_<size>.folio_watch the time from `git push` returning to
# /status showing the pushed commit as published_commit (polled every 2 ms),
# with the daemon's CPU time over that push and its peak RSS during it (the
# peak is reset through /proc/PID/clear_refs after each publish, so the
# initial full build is not counted).
measure_watch() { # size label
	local n="$1" l="$2" d="$WORK/$2" w="$WORK/$2/watch" i port head t0 t1 t2 c0 c1 hz ok rss wrss usr sys
	local limit=$((120 + n / 100)) fifo
	hz=$(getconf CLK_TCK)
	log "push to published, $n pages: git push + folio watch x$ONE_RUNS"
	rm -rf "$w"; mkdir -p "$w"
	git clone -q --bare "$d/repo" "$w/site.git"
	"$ROOT/scripts/install-daemon-hooks.sh" "$w/site.git" "$w/folio.sock" "$FOLIO" >/dev/null
	git -C "$w/site.git" config folio.state "$w/state" # as setup-server.sh: pre-receive reads it
	git clone -q "$w/site.git" "$w/clone"
	fifo="$w/wait.fifo"; mkfifo "$fifo"; exec 8<>"$fifo" # read -t on it: a 2 ms sleep without a process
	port=$((20000 + RANDOM % 20000))
	local cfg=() # the budgets raised (LIMITS) through the server config, which watch reads
	if [ ${#LIMITS[@]} -gt 0 ]; then
		printf 'FOLIO_LIMIT_SITE_SIZE=20000000000\nFOLIO_LIMIT_PAGE_OUTPUT=268435456\n' >"$w/server.conf"
		cfg=(--config "$w/server.conf")
	fi
	"$FOLIO" watch "${cfg[@]}" --repo "$w/site.git" --out "$w/out" --state "$w/state" --branch main \
		--listen "127.0.0.1:$port" --socket "$w/folio.sock" 2>"$w/daemon.log" &
	WATCH_PID=$!
	head=$(git -C "$w/clone" rev-parse HEAD)
	t0=$EPOCHSECONDS
	until get_status "$port" && [[ $STATUS == *"\"published_commit\":\"$head\""* ]]; do
		if ! kill -0 "$WATCH_PID" 2>/dev/null || [ $((EPOCHSECONDS - t0)) -gt "$limit" ]; then
			note "folio watch did not publish the first commit within $limit s: push_one_page_$l omitted ($(tail -2 "$w/daemon.log" | tr '\n' ' '))"
			stop_watch; exec 8<&-; return 0
		fi
		read -r -t 0.2 -u 8 || true
	done
	for i in $(seq "$ONE_RUNS"); do
		change_page "$w/clone" "" "watch-$i"
		head=$(git -C "$w/clone" rev-parse HEAD)
		{ echo 5 >"/proc/$WATCH_PID/clear_refs"; } 2>/dev/null || true
		c0=$(cpu_ticks "$WATCH_PID")
		t0=$EPOCHREALTIME
		if ! /usr/bin/time -f "%M %U %S" -o "$WORK/rss.tmp" "${GIT[@]}" -C "$w/clone" push -q origin main >"$WORK/out.tmp" 2>&1; then
			t1=$EPOCHREALTIME
			tail -5 "$WORK/out.tmp" >&2
			drop_key "push_one_page_$l.git_push" "git push to the folio watch repository failed"
			drop_key "push_one_page_$l.folio_watch" "git push to the folio watch repository failed"
			break
		fi
		t1=$EPOCHREALTIME
		ok=0
		while :; do
			if get_status "$port" && [[ $STATUS == *"\"published_commit\":\"$head\""* ]]; then ok=1; break; fi
			[ $(( ${EPOCHREALTIME/./} - ${t1/./} )) -lt $((limit * 1000000)) ] || break
			read -r -t 0.002 -u 8 || true
		done
		t2=$EPOCHREALTIME
		c1=$(cpu_ticks "$WATCH_PID")
		if [ "$ok" != 1 ]; then
			drop_key "push_one_page_$l.folio_watch" "folio watch did not publish ${head:0:12} within $limit s of the push"
			break
		fi
		read -r rss usr sys <<<"$(tail -1 "$WORK/rss.tmp")"
		wrss=$(awk '/VmHWM/ { print $2 }' "/proc/$WATCH_PID/status")
		printf '%s\t%s\t%s\t%s\n' "push_one_page_$l.git_push" "$(elapsed "$t0" "$t1")" "$rss" \
			"$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >>"$SAMPLES"
		printf '%s\t%s\t%s\t%s\n' "push_one_page_$l.folio_watch" "$(elapsed "$t1" "$t2")" "$wrss" \
			"$(awk -v a="$c0" -v b="$c1" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz }')" >>"$SAMPLES"
	done
	stop_watch
	exec 8<&-
}

# Hugo's partial rebuild inside a running 'hugo server' (Hugo 0.111 renders
# to memory by default): its own "Total in N ms" log line after a file
# changes. Peak RSS is the server's VmHWM; CPU time is not known (0). The
# same change kinds as folio's (measure_changes) follow the one-page edit:
# a page added, the most linked person renamed, the added page deleted.
measure_hugo_server() {
	local n="$1" l="$2" d="$WORK/$2" i pid waited port=$((20000 + RANDOM % 20000))
	local slog="$d/hugo-server.log" h="$d/hugo/content" src person
	log "one-page change, $n pages: hugo server partial rebuild x$ONE_RUNS"
	hugo server -s "$d/hugo" --disableLiveReload --bind 127.0.0.1 \
		--port "$port" >"$slog" 2>&1 &
	pid=$!
	waited=0
	until grep -q "Web Server is available" "$slog"; do
		sleep 0.2; waited=$((waited + 1))
		if [ "$waited" -gt 1500 ] || ! kill -0 "$pid" 2>/dev/null; then
			note "hugo server did not start for $n pages: the hugo_server figures are omitted"
			kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
			return 0
		fi
	done
	# Fast render re-renders the pages a browser is viewing: view the page.
	curl -s -o /dev/null "http://127.0.0.1:$port/${PAGE%.md}/" 2>/dev/null || true
	for i in $(seq "$ONE_RUNS"); do
		hugo_server_sample "one_page_$l.hugo_server" "$slog" "$pid" change_page "$d/repo" "$d/hugo" "server-$i" || break
	done
	src="$h/events/$(ls "$d/repo/events" | sed -n 3p)"
	log "add a page, $n pages: hugo server x$ONE_RUNS"
	for i in $(seq "$ONE_RUNS"); do
		hugo_server_sample "add_page_$l.hugo_server" "$slog" "$pid" \
			sed_to "$src" "$h/events/bench-ajout-hs-$i.md" "0,/^title: \"/s//title: \"Ajout $i, /; $(newest_date "$i")" || break
	done
	person=$(most_linked_person "$d/repo")
	log "rename a referenced person (people/$person.md), $n pages: hugo server x$ONE_RUNS"
	for i in $(seq "$ONE_RUNS"); do
		hugo_server_sample "retitle_$l.hugo_server" "$slog" "$pid" \
			sed -i "0,/^name: \"\([^\"(]*\)\( ([0-9]*)\)\?\"/s//name: \"\1 ($i)\"/" "$h/people/$person.md" || break
	done
	log "delete an unreferenced page, $n pages: hugo server x$ONE_RUNS"
	for i in $(seq "$ONE_RUNS"); do
		hugo_server_sample "delete_page_$l.hugo_server" "$slog" "$pid" rm -f "$h/events/bench-ajout-hs-$i.md" || break
	done
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# sed_to SRC DST SCRIPT: DST is SRC edited by SCRIPT (written whole, then
# renamed, so that a watcher sees one new file).
sed_to() { sed "$3" "$1" >"$2.tmp" && mv "$2.tmp" "$2"; }

# most_linked_person REPO: the slug of the person the most pages link to.
most_linked_person() {
	grep -rhoE '\(/people/[a-z0-9-]+/\)' --include='*.md' "$1" | sort | uniq -c | sort -rn |
		awk 'NR == 1 { print $2 }' | sed 's|(/people/||; s|/)||'
}

# hugo_server_sample KEY LOG PID CMD...: run CMD (a change of the content),
# wait for the next "Total in N ms" line of hugo server's LOG and record N
# as KEY's sample; false when no rebuild is logged within 60 s.
hugo_server_sample() {
	local key="$1" slog="$2" pid="$3" before now waited=0 ms
	shift 3
	before=$(grep -c "Total in" "$slog" || true)
	sleep 0.3
	"$@"
	while now=$(grep -c "Total in" "$slog" || true); [ "$now" -le "$before" ]; do
		sleep 0.05; waited=$((waited + 1))
		if [ "$waited" -gt 1200 ]; then note "hugo server: no rebuild logged within 60 s: $key omitted"; return 1; fi
	done
	sleep 0.2
	ms=$(grep "Total in" "$slog" | tail -1 | sed -n 's/.*Total in \([0-9.]*\) ms.*/\1/p')
	[ -n "$ms" ] && printf '%s\t%s\t%s\t%s\n' "$key" \
		"$(awk -v m="$ms" 'BEGIN { printf "%.6f", m / 1000 }')" \
		"$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")" 0 >>"$SAMPLES"
	return 0
}

# The floor: read every blob of the commit, and render every page body with
# the cmark-gfm command (one process, all bodies; one core).
measure_floor() {
	local n="$1" l="$2" d="$WORK/$2" i
	[ "$HAVE_CMARK" = 1 ] || return 0
	git -C "$d/repo" reset -q --hard "$(cat "$d/repo/.bench-base")"
	git -C "$d/repo" ls-tree -r HEAD | awk '$2 == "blob" { print $3 }' >"$d/blobs.txt"
	: >"$d/bodies.md"
	find "$d/repo" -path "$d/repo/.git" -prune -o -name '*.md' -print | sort |
		xargs awk 'FNR == 1 { fm = 0 } /^---$/ && fm < 2 { fm++; next } fm >= 2 { print }' >"$d/bodies.md"
	log "floor, $n pages: git cat-file --batch + cmark-gfm x$FULL_RUNS"
	for i in $(seq "$FULL_RUNS"); do
		sample "floor_$l.read" git -C "$d/repo" cat-file --batch <"$d/blobs.txt"
		sample "floor_$l.cmark" cmark-gfm -e table -e strikethrough -e autolink "$d/bodies.md"
	done
}

# ---- main --------------------------------------------------------------------

cat /proc/loadavg >"$WORK/load-start.txt"
log "folio: $FOLIO; sizes: $SIZES; runs: full $FULL_RUNS, one-page $ONE_RUNS"
START=$EPOCHREALTIME
for n in $SIZES; do
	l=$(label "$n")
	# At 100k pages index.json (58 MB) and the site (over 1 GiB) pass the
	# default budgets, which a server raises with --limit (docs/security.md)
	LIMITS=()
	[ "$n" -lt 100000 ] || LIMITS=(--limit site-size=20000000000 --limit page-output=268435456)
	prepare_repo "$n" "$WORK/$l/repo"
	[ "$HAVE_HUGO" = 1 ] && prepare_hugo "$WORK/$l/repo" "$WORK/$l/hugo"
	others=0; [ "$n" = 1000 ] && others=1 # Jekyll and ikiwiki at 1,000 pages only
	[ "$others" = 1 ] && [ "$HAVE_JEKYLL" = 1 ] && prepare_jekyll "$WORK/$l/repo" "$WORK/$l/jekyll"
	[ "$others" = 1 ] && [ "$HAVE_IKIWIKI" = 1 ] && prepare_ikiwiki "$WORK/$l/repo" "$WORK/$l/ikiwiki"
	measure_full "$n" "$l"
	[ "$others" = 1 ] && measure_full_others "$n" "$l"
	measure_one_page "$n" "$l"
	[ "$others" = 1 ] && measure_one_page_ikiwiki "$n" "$l"
	[ "$others" = 1 ] && measure_changes_ikiwiki "$n" "$l"
	measure_changes "$n" "$l"
	git -C "$WORK/$l/repo" reset -q --hard "$(cat "$WORK/$l/repo/.bench-base")"
	measure_watch "$n" "$l"
	measure_floor "$n" "$l"
	git -C "$WORK/$l/repo" reset -q --hard "$(cat "$WORK/$l/repo/.bench-base")"
done
cat /proc/loadavg >"$WORK/load-end.txt"
log "measured in $(elapsed "$START" "$EPOCHREALTIME") s"

python3 "$HERE/report.py" --samples "$SAMPLES" --notes "$NOTES" --load "$WORK/load-start.txt" "$WORK/load-end.txt" --json "$HERE/results.json"

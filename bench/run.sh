#!/usr/bin/env bash
# Benchmark folio against Hugo on generated sites (issue 7).
#
#   bench/run.sh [--quick] [--large] [--sizes "N ..."] [--runs N] [--only-folio]
#
# --quick: 1,000 pages only, 3 runs of each figure (about a minute).
# default: 1,000 and 10,000 pages; --large adds 100,000 pages.
# --only-folio: measure folio again, keep the other tools' samples of the
# previous run (to see a change in folio without waiting for Hugo).
# --sizes "100000": only these sizes (e.g. with --only-folio).
# Each figure is the median of several runs of a fresh process (start
# included), wall time from bash's $EPOCHREALTIME, peak RSS from
# /usr/bin/time -f %M. Raw samples go to bench/work/samples.tsv, the table to
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
	-h|--help) sed -n '2,17p' "$0"; exit 0 ;;
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
		grep -v "$(printf '_%s[.]folio\t' "$(label "$n")")" "$keep" >"$SAMPLES.$n" || true
		keep="$SAMPLES.$n"
	done
	cp "$keep" "$SAMPLES.tmp"; rm -f "$SAMPLES".[0-9]*
	mv "$SAMPLES.tmp" "$SAMPLES"
	grep -v "check" "$NOTES" >"$NOTES.tmp" 2>/dev/null || true
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

apt_install() { # try to install a Debian package when its command is missing
	command -v "$1" >/dev/null 2>&1 && return 0
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo -n"
	log "installing $2 from Debian"
	$sudo apt-get install -y "$2" >/dev/null 2>&1 || true
	command -v "$1" >/dev/null 2>&1
}

HAVE_HUGO=1
HAVE_CMARK=1
if [ "$ONLY_FOLIO" = 1 ]; then
	HAVE_HUGO=0; HAVE_CMARK=0
	note "folio figures measured at $(date -u +%FT%TZ) with $(git -C "$ROOT" rev-parse --short HEAD); the others are from the previous run"
else
	apt_install hugo hugo || { HAVE_HUGO=0; note "hugo could not be installed: Hugo figures are omitted"; }
	apt_install cmark-gfm cmark-gfm || { HAVE_CMARK=0; note "cmark-gfm could not be installed: the floor is omitted"; }
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

# One-page change: append a sentence to the body of a fixed page, run $1.
PAGE=""
change_page() { # change_page REPO HUGO_SITE I: edit, commit in REPO, mirror in Hugo
	local repo="$1" site="$2" i="$3"
	printf '\nPhrase de mesure numéro %s, ajoutée au corps de la page.\n' "$i" >>"$repo/$PAGE"
	"${GIT[@]}" -C "$repo" commit -q -m "bench: one page ($i)" -- "$PAGE"
	[ -z "$site" ] || cp "$repo/$PAGE" "$site/content/$PAGE"
}

# ---- figures -----------------------------------------------------------------

measure_full() { # size label
	local n="$1" l="$2" d="$WORK/$2" i
	log "full build, $n pages: folio x$FULL_RUNS"
	for i in $(seq "$FULL_RUNS"); do
		rm -rf "$d/folio-out"
		sample "full_$l.folio" "$FOLIO" build --quiet --repo "$d/repo" --rev HEAD --out "$d/folio-out"
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
	log "one-page commit, $n pages ($PAGE): folio --state x$ONE_RUNS"
	rm -rf "$d/folio-state" "$d/folio-pub"
	"$FOLIO" build --quiet --repo "$d/repo" --out "$d/folio-pub" --state "$d/folio-state" >/dev/null
	for i in $(seq "$ONE_RUNS"); do
		change_page "$d/repo" "$site" "folio-$i"
		sample "one_page_$l.folio" "$FOLIO" build --quiet --repo "$d/repo" --rev HEAD \
			--out "$d/folio-pub" --state "$d/folio-state"
	done
	if [ "$HAVE_CHECK" = 1 ]; then
		log "one-page push validation, $n pages: folio check x$ONE_RUNS"
		for i in $(seq "$ONE_RUNS"); do
			change_page "$d/repo" "" "check-$i"
			sample "check_one_page_$l.folio" "$FOLIO" check --repo "$d/repo" HEAD~1..HEAD ||
				{ note "'folio check --repo R A..B' failed: check_one_page_$l omitted"; sed -i "/^check_one_page_$l/d" "$SAMPLES"; break; }
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

# Hugo's partial rebuild inside a running 'hugo server' (Hugo 0.111 renders
# to memory by default): its own "Total in N ms" log line after a file
# changes. Peak RSS is the server's VmHWM; CPU time is not known (0).
measure_hugo_server() {
	local n="$1" l="$2" d="$WORK/$2" i pid before now waited ms port=$((20000 + RANDOM % 20000))
	local slog="$d/hugo-server.log"
	log "one-page change, $n pages: hugo server partial rebuild x$ONE_RUNS"
	hugo server -s "$d/hugo" --disableLiveReload --bind 127.0.0.1 \
		--port "$port" >"$slog" 2>&1 &
	pid=$!
	waited=0
	until grep -q "Web Server is available" "$slog"; do
		sleep 0.2; waited=$((waited + 1))
		if [ "$waited" -gt 1500 ] || ! kill -0 "$pid" 2>/dev/null; then
			note "hugo server did not start for $n pages: one_page_$l.hugo_server omitted"
			kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
			return 0
		fi
	done
	# Fast render re-renders the pages a browser is viewing: view the page.
	curl -s -o /dev/null "http://127.0.0.1:$port/${PAGE%.md}/" 2>/dev/null || true
	for i in $(seq "$ONE_RUNS"); do
		before=$(grep -c "Total in" "$slog" || true)
		sleep 0.3
		change_page "$d/repo" "$d/hugo" "server-$i"
		waited=0
		while now=$(grep -c "Total in" "$slog" || true); [ "$now" -le "$before" ]; do
			sleep 0.05; waited=$((waited + 1))
			if [ "$waited" -gt 1200 ]; then note "hugo server: no rebuild logged within 60 s"; break 2; fi
		done
		sleep 0.2
		ms=$(grep "Total in" "$slog" | tail -1 | sed -n 's/.*Total in \([0-9.]*\) ms.*/\1/p')
		[ -n "$ms" ] && printf '%s\t%s\t%s\t%s\n' "one_page_$l.hugo_server" \
			"$(awk -v m="$ms" 'BEGIN { printf "%.6f", m / 1000 }')" \
			"$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")" 0 >>"$SAMPLES"
	done
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
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
	prepare_repo "$n" "$WORK/$l/repo"
	[ "$HAVE_HUGO" = 1 ] && prepare_hugo "$WORK/$l/repo" "$WORK/$l/hugo"
	measure_full "$n" "$l"
	measure_one_page "$n" "$l"
	measure_floor "$n" "$l"
	git -C "$WORK/$l/repo" reset -q --hard "$(cat "$WORK/$l/repo/.bench-base")"
done
cat /proc/loadavg >"$WORK/load-end.txt"
log "measured in $(elapsed "$START" "$EPOCHREALTIME") s"

python3 "$HERE/report.py" --samples "$SAMPLES" --notes "$NOTES" --load "$WORK/load-start.txt" "$WORK/load-end.txt" --json "$HERE/results.json"

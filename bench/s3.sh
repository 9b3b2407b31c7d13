#!/bin/bash
# bench/s3.sh [SIZES...]: folio publishing into S3 (a throwaway radosgw on
# 127.0.0.1, tests/helpers/rgw.sh) beside the local-directory figures, on
# bench/gen-corpus.py sites (default sizes: 1000 10000). Per size: a full
# build to a directory and to an empty bucket prefix; the same build again
# (the bucket holds everything: nothing uploaded); a first incremental
# publish with --state, then a one-page commit published to the bucket and
# to a directory. Prints wall time, peak RSS of folio and objects uploaded.
# Needs ceph-mon, ceph-osd and radosgw (scripts/install-deps.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
FOLIO=${FOLIO:-$HERE/../build/src/folio}
WORK=${BENCH_S3_WORK:-$HERE/work/s3}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
mkdir -p "$WORK"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export RGW_DIR=$WORK/rgw MON_PORT=$(free_port) RGW_PORT=$(free_port) MEMSTORE_BYTES=$((4 << 30))
mkdir -p "$RGW_DIR"
trap '"$HERE/../tests/helpers/rgw.sh" stop' EXIT
"$HERE/../tests/helpers/rgw.sh" start >/dev/null
export AWS_ENDPOINT_URL=http://127.0.0.1:$RGW_PORT AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=TESTACCESSKEY0000001 AWS_SECRET_ACCESS_KEY=testsecretkey00000000000000000000000001
S3PY=$HERE/../tests/helpers/s3.py
python3 "$S3PY" mb s3://bench

# run LABEL CMD...: one timed run: "LABEL  seconds  peak RSS  what folio printed"
run() {
	local label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" ||
		{ cat "$WORK/err.txt" >&2; exit 1; }
	read -r secs rss <"$WORK/time.txt"
	printf '%-44s %7.2f s %7d MB   %s\n' "$label" "$secs" $((rss / 1024)) \
		"$(grep -o '[0-9]* objects uploaded\|[0-9]* files written' "$WORK/out.txt" | head -1)"
}

for n in "${SIZES[@]}"; do
	repo=$WORK/site-$n
	if [ ! -d "$repo/.git" ]; then
		python3 "$HERE/gen-corpus.py" --pages "$n" --out "$repo" >/dev/null
		sed -n "/^FOLIO_YAML='/,/date_field: date'\$/p" "$HERE/run.sh" | sed "1s/^FOLIO_YAML='//; \$s/'\$//" >"$repo/folio.yaml"
		git -C "$repo" add folio.yaml
		git -C "$repo" -c user.name=bench -c user.email=bench@example commit -qm "bench: folio.yaml"
		git -C "$repo" rev-parse HEAD >"$repo.base"
	fi
	git -C "$repo" reset -q --hard "$(cat "$repo.base")"
	rm -rf "$WORK/out-$n" "$WORK/state-$n" "$WORK/lstate-$n" "$WORK/lout-$n"
	echo "== $n pages ($(date -u +%H:%M), load $(cut -d' ' -f1 /proc/loadavg))"
	run "full build, directory" "$FOLIO" build --repo "$repo" --out "$WORK/out-$n"
	run "full build, radosgw (empty prefix)" "$FOLIO" build --repo "$repo" --out "s3://bench/full-$n"
	run "full build, radosgw (same commit again)" "$FOLIO" build --repo "$repo" --out "s3://bench/full-$n"
	run "first publish --state, radosgw" "$FOLIO" build --repo "$repo" --out "s3://bench/inc-$n" --state "$WORK/state-$n"
	run "first publish --state, directory" "$FOLIO" build --repo "$repo" --out "$WORK/lout-$n" --state "$WORK/lstate-$n"
	people=("$repo"/people/*.md)
	page=${people[0]#"$repo"/}
	printf '\nUne phrase ajoutée pour la mesure.\n' >>"$repo/$page"
	git -C "$repo" -c user.name=bench -c user.email=bench@example commit -qam "bench: one page"
	run "one-page commit, radosgw" "$FOLIO" build --repo "$repo" --out "s3://bench/inc-$n" --state "$WORK/state-$n"
	run "one-page commit, directory" "$FOLIO" build --repo "$repo" --out "$WORK/lout-$n" --state "$WORK/lstate-$n"
	sed -i 's/^title: Bench$/title: Bench (every page changes)/' "$repo/folio.yaml"
	git -C "$repo" -c user.name=bench -c user.email=bench@example commit -qam "bench: site title"
	run "site title changed (every page), radosgw" "$FOLIO" build --repo "$repo" --out "s3://bench/inc-$n" --state "$WORK/state-$n"
	run "site title changed (every page), directory" "$FOLIO" build --repo "$repo" --out "$WORK/lout-$n" --state "$WORK/lstate-$n"
done

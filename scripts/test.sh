#!/bin/bash
# Build folio and run every test: once in a normal build, once under
# AddressSanitizer and UndefinedBehaviorSanitizer, then each fuzzer with a
# fixed seed and run count (see below for longer runs).
# Installs missing Debian packages first (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh --test
jobs=$(nproc)

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== build and test under ASan + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFOLIO_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
# The random publishing tests run their full length in the normal build above;
# under the sanitizers a shorter run keeps CI well within its time.
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	FOLIO_INVARIANT_STEPS=${FOLIO_ASAN_INVARIANT_STEPS:-40} FOLIO_CRASH_STEPS=${FOLIO_ASAN_CRASH_STEPS:-15} \
	ctest --output-on-failure -j"$jobs")

# Fuzzing in CI is deterministic: a fixed seed and a run count per target,
# so every machine runs the same inputs and a failure reproduces. People
# explore longer with FOLIO_FUZZ_SECONDS=N (N seconds per target, random
# seed) or more runs with FOLIO_FUZZ_RUNS=N; FOLIO_FUZZ_RUNS=0 skips fuzzing.
fuzz_runs() { # the CI run count of one target: markdown is ~100x slower per input
	if [ -n "${FOLIO_FUZZ_RUNS:-}" ]; then echo "$FOLIO_FUZZ_RUNS"; return; fi
	case $1 in
	markdown) echo 5000 ;;
	*) echo 20000 ;;
	esac
}
if [ "${FOLIO_FUZZ_RUNS:-1}" != 0 ]; then
	echo "== fuzz each parser (${FOLIO_FUZZ_SECONDS:+${FOLIO_FUZZ_SECONDS}s each, random seed}${FOLIO_FUZZ_SECONDS:-seed 1, fixed run counts})"
	CC=clang cmake -S . -B build-fuzz -DFOLIO_BUILD_FUZZERS=ON -DFOLIO_BUILD_TESTS=OFF \
		-DFOLIO_SANITIZE=ON >/dev/null
	cmake --build build-fuzz -j"$jobs"
	for f in build-fuzz/fuzz/*_fuzzer; do
		[ -x "$f" ] || continue
		name=$(basename "$f" _fuzzer)
		work=$(mktemp -d)
		cp -r "fuzz/corpora/$name/." "$work/" 2>/dev/null || true
		if [ -n "${FOLIO_FUZZ_SECONDS:-}" ]; then
			bound="-max_total_time=$FOLIO_FUZZ_SECONDS"
		else
			bound="-seed=1 -runs=$(fuzz_runs "$name") -max_len=8192"
		fi
		echo "-- $name ($bound)"
		# shellcheck disable=SC2086 # $bound is two or three flags
		"$f" $bound -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
			"$work" 2>"$work.log" || { tail -50 "$work.log"; exit 1; }
		rm -rf "$work" "$work.log"
	done
fi
echo "== all tests passed"

#!/bin/bash
# Build folio and run every test: once in a normal build, once under
# AddressSanitizer and UndefinedBehaviorSanitizer, then each fuzzer for a
# bounded time (FOLIO_FUZZ_SECONDS, default 20 per target; 0 skips them).
# Installs missing Debian packages first (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
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

seconds=${FOLIO_FUZZ_SECONDS:-20}
if [ "$seconds" -gt 0 ]; then
	echo "== fuzz each parser for ${seconds}s"
	CC=clang cmake -S . -B build-fuzz -DFOLIO_BUILD_FUZZERS=ON -DFOLIO_BUILD_TESTS=OFF \
		-DFOLIO_SANITIZE=ON >/dev/null
	cmake --build build-fuzz -j"$jobs"
	for f in build-fuzz/fuzz/*_fuzzer; do
		[ -x "$f" ] || continue
		name=$(basename "$f" _fuzzer)
		work=$(mktemp -d)
		cp -r "fuzz/corpora/$name/." "$work/" 2>/dev/null || true
		echo "-- $name"
		"$f" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
			"$work" 2>"$work.log" || { tail -50 "$work.log"; exit 1; }
		rm -rf "$work" "$work.log"
	done
fi
echo "== all tests passed"

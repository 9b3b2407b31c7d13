#!/bin/bash
# The publisher killed at counted points (FOLIO_FAULT_AT: between writes,
# renames, removals and transactions) converges to a full build on the next
# run. FOLIO_CRASH_REAL_KILL=1 adds SIGKILLs after random delays (timing-
# dependent, so not in CI); FOLIO_CRASH_SEED/STEPS vary the sequence.
. "$(dirname "$0")/lib.sh"
real=()
[ "${FOLIO_CRASH_REAL_KILL:-0}" = 1 ] && real=(--real-kill)
python3 "$FOLIO_SOURCE_DIR/tests/e2e/publish_invariant.py" --folio "$FOLIO" \
	--content "$FOLIO_SOURCE_DIR/content" --seed "${FOLIO_CRASH_SEED:-1124}" \
	--steps "${FOLIO_CRASH_STEPS:-200}" --crash "${real[@]}"

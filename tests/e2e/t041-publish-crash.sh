#!/bin/bash
# The publisher killed at random points (fault injection at the Nth write or
# transaction, and real SIGKILL) converges to a full build on the next run.
. "$(dirname "$0")/lib.sh"
python3 "$FOLIO_SOURCE_DIR/tests/e2e/publish_invariant.py" --folio "$FOLIO" \
	--content "$FOLIO_SOURCE_DIR/content" --seed "${FOLIO_CRASH_SEED:-1124}" \
	--steps "${FOLIO_CRASH_STEPS:-60}" --crash

#!/bin/bash
# Incremental output equals a full build after every step of a random
# commit sequence (200 steps, fixed seed; FOLIO_INVARIANT_STEPS/SEED to vary).
. "$(dirname "$0")/lib.sh"
python3 "$FOLIO_SOURCE_DIR/tests/e2e/publish_invariant.py" --folio "$FOLIO" \
	--content "$FOLIO_SOURCE_DIR/content" --seed "${FOLIO_INVARIANT_SEED:-20261124}" \
	--steps "${FOLIO_INVARIANT_STEPS:-200}"

#!/bin/bash
# The random invariant test (t040) on a translated site: languages: [en],
# English versions added, edited and deleted beside the other changes, and
# body edits of translated pages (the fast path, their hreflang links from
# the state): incremental output equals a full build after every step
# (60 steps, fixed seed, one whose 60 steps hold a translation the site
# model publishes; FOLIO_INVARIANT_STEPS/SEED to vary).
. "$(dirname "$0")/lib.sh"
python3 "$FOLIO_SOURCE_DIR/tests/e2e/publish_invariant.py" --folio "$FOLIO" --languages \
	--content "$FOLIO_SOURCE_DIR/content" --seed "${FOLIO_INVARIANT_SEED:-20261206}" \
	--steps "${FOLIO_INVARIANT_STEPS:-60}"

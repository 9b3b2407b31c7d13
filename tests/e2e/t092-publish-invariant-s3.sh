#!/bin/bash
# The incremental publishing invariant with the output in S3 (radosgw):
# after every step of a random commit sequence, the bucket holds exactly a
# full build of the commit, bytes and headers (15 steps, fixed seed;
# FOLIO_S3_INVARIANT_STEPS/SEED to vary).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3lib.sh"
s3_test
s3 mb s3://inv || fail "cannot make the bucket"
python3 "$FOLIO_SOURCE_DIR/tests/e2e/publish_invariant.py" --folio "$FOLIO" \
	--content "$FOLIO_SOURCE_DIR/content" --seed "${FOLIO_S3_INVARIANT_SEED:-20261203}" \
	--steps "${FOLIO_S3_INVARIANT_STEPS:-15}" --s3 s3://inv/site

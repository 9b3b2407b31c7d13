#!/bin/bash
# The publisher into S3 (radosgw) killed at random points (fault injection
# at the Nth upload phase, deletion or transaction, and real SIGKILL)
# converges on the next run: the bucket then holds a full build (12 steps,
# fixed seed; FOLIO_S3_CRASH_STEPS/SEED to vary).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3lib.sh"
s3_test
s3 mb s3://crash || fail "cannot make the bucket"
TMPDIR=$TEST_DIR python3 "$FOLIO_SOURCE_DIR/tests/e2e/publish_invariant.py" --folio "$FOLIO" \
	--content "$FOLIO_SOURCE_DIR/content" --seed "${FOLIO_S3_CRASH_SEED:-1203}" \
	--steps "${FOLIO_S3_CRASH_STEPS:-12}" --crash --s3 s3://crash/site

#!/usr/bin/env bash
# Issue 17: index-side bias remedies (centering, LIR, SHIFT) against and on top of the choice of α, on the standing
# zero-shot protocol (train MLQA-R, evaluate XQuAD-R, sentence candidates).
#
#   bash experiments/remedies.sh                    # run (or continue) everything, then write the report
#   bash experiments/remedies.sh --only-seeds 1     # only seed 1's points now
#
# The published sweep's models are gone (archives keep results, not models), so α = 0, 0.5, 1 x 3 seeds are
# retrained here with budget-s300's pinned settings: training is deterministic, so they are the published points
# (their plain evaluation is compared with the archive's in the report). State: $HBL_WORKSPACE/sweeps/remedies-s300.
set -eu
cd "$(dirname "$0")/.."
D="${HBL_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
RESULTS="${HBL_RESULTS_DIR:-docs/results}"
PY="${PYTHON:-.venv/bin/python}"
export OMP_WAIT_POLICY=PASSIVE
$PY -m hybrid_core sweep run remedies-s300 --data "$D/mlqa-r" --eval "$D/xquad-r" \
  --alphas 0 0.5 1 --seeds 1 2 3 --max-steps 300 --batch-size 32 --learning-rate 2e-5 --save-steps 25 \
  --archive "$RESULTS/remedies/archive" "$@" || true
$PY -m hybrid_core sweep report "$RESULTS/remedies/archive" --out "$RESULTS/remedies"

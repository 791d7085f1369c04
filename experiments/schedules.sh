#!/usr/bin/env bash
# Issue 18: does the *order* of monolingual and cross-lingual batches matter? α schedules against the published
# constant-α curve, on the standing zero-shot protocol (train MLQA-R, evaluate XQuAD-R, sentence candidates), with the
# main grid's pinned settings (300 steps, batch 32, lr 2e-5), 3 seeds.
#
#   bash experiments/schedules.sh                    # run (or continue) everything, then write the report
#   bash experiments/schedules.sh --only-seeds 1     # only seed 1's points now (the queue interleaves seeds)
#
# The constant points α = 0, 0.5, 1 and the untuned model are the published ones: --reuse copies them from the
# budget-s300 archive (same pinned settings, same questions, so the paired tests against α = 0, 0.5 and 1 hold) and
# only the schedules are trained. State: $HBL_WORKSPACE/sweeps/schedules-s300 (outside the repository); the archive
# (small, committed) lets another machine restore every point and regenerate the report without training.
set -eu
cd "$(dirname "$0")/.."
D="${HBL_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
RESULTS="${HBL_RESULTS_DIR:-docs/results}"
PY="${PYTHON:-.venv/bin/python}"
export OMP_WAIT_POLICY=PASSIVE   # spinning OpenMP threads make every step ~4x slower on a shared CPU
$PY -m hybrid_core sweep run schedules-s300 --data "$D/mlqa-r" --eval "$D/xquad-r" \
  --alphas 0 0.5 1 linear:0-1 linear:1-0 step:0-1@0.5 step:1-0@0.5 --seeds 1 2 3 --max-steps 300 \
  --batch-size 32 --learning-rate 2e-5 --save-steps 25 \
  --reuse "$RESULTS/budget-s300/archive" --archive "$RESULTS/schedules/archive" "$@" || true
$PY -m hybrid_core sweep report "$RESULTS/schedules/archive" --out "$RESULTS/schedules"

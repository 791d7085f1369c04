#!/usr/bin/env bash
# The experiments of issues 17 (bias remedies) and 18 (α schedules), seed by seed, so that both have whole first
# results early on one shared machine. Every step skips what is finished: stop it anywhere and run it again.
#
#   nohup setsid bash experiments/queue.sh > ~/hybrid-batch-lab/queue.log 2>&1 &
set -u
cd "$(dirname "$0")/.."
for seed in 1 2 3; do
  echo "== $(date -Is) seed $seed: remedies (retrained α = 0, 0.5, 1)"
  bash experiments/remedies.sh --only-seeds "$seed"
  echo "== $(date -Is) seed $seed: remedy evaluations of every trained model"
  bash experiments/remedies.sh --evaluate-only
  echo "== $(date -Is) seed $seed: schedules"
  bash experiments/schedules.sh --only-seeds "$seed"
done
echo "== $(date -Is) queue done"

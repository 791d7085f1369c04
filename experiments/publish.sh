#!/usr/bin/env bash
# Publish the experiment's finished points as they come (run beside experiments/alpha_sweep.sh):
#   for every sweep of the queue that exists here, add its finished points to docs/results/<name>/archive,
#   and when the archive changed, regenerate docs/results/<name>/ from it and commit docs/results/<name>.
#
#   nohup setsid bash experiments/publish.sh > ~/hybrid-batch-lab/publish.log 2>&1 &     # every 5 minutes
#   bash experiments/publish.sh --once [--html]                                            # once
#
# Each report's figures.html (4.8 MB: plotly.js inlined, so it opens offline) is committed only with --html, at
# milestones, so that history does not grow by megabytes per point; the PNGs and tables go in every time.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
ONCE="" HTML=""
for arg in "$@"; do
  case "$arg" in
    --once) ONCE=1 ;;
    --html) HTML=1 ;;
    *) echo "unknown argument $arg (use --once, --html)" >&2; exit 2 ;;
  esac
done
SWEEPS=(budget-s300 xquad2mlqa-s300 budget-s100)
WORKSPACE="${HBL_WORKSPACE:-$HOME/hybrid-batch-lab}"

publish() {
  local name="$1" out="docs/results/$1"
  [ -f "$WORKSPACE/sweeps/$name/sweep.json" ] || return 0
  $PY -m hybrid_core sweep archive "$name" --out "$out/archive" >/dev/null || return 1
  local archived shown changed=""
  archived=$(find "$out/archive/results" -mindepth 1 -maxdepth 1 -type d | grep -vc /untuned)
  git add -- "$out/archive"
  if ! git diff --cached --quiet -- "$out/archive"; then
    changed=1
    git commit -q -m "Archive: $name, $archived trained point(s)" -- "$out/archive" \
      && echo "$(date -Is) committed the archive of $name ($archived trained points)"
  fi
  [ -z "$changed" ] && [ -z "$HTML" ] && return 0
  # never shrink a published report: wait until the archive holds at least the points the report shows
  shown=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['points'] - 1)" "$out/report.json" \
    2>/dev/null || echo 0)   # the report's runs, less the untuned reference
  if [ "$archived" -lt "$shown" ]; then
    echo "$(date -Is) $name: $archived trained point(s) archived, the published report shows $shown; report later"
    return 0
  fi
  $PY -m hybrid_core sweep report "$out/archive" --out "$out" >/dev/null || return 1
  local paths=("$out")
  [ -z "$HTML" ] && paths+=(":(exclude)$out/*/figures.html")
  git add -- "${paths[@]}"
  if ! git diff --cached --quiet -- "${paths[@]}"; then
    git commit -q -m "Results: $name, report of $archived trained point(s)" -- "${paths[@]}" \
      && echo "$(date -Is) committed the report of $name ($archived trained points)"
  fi
}

while true; do
  for name in "${SWEEPS[@]}"; do
    publish "$name" || echo "$(date -Is) publishing $name failed" >&2
  done
  [ -n "$ONCE" ] && break
  sleep 300
done

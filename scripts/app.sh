#!/usr/bin/env bash
# One command: install what is missing, then start the dashboard on the embedded defaults.
#   bash scripts/app.sh                      the full lab on http://localhost:8501
#   bash scripts/app.sh --viewer [ARGS...]   the read-only viewer (HBL_MODE=viewer), e.g. served to a team with
#                                            --server.address 0.0.0.0 --server.port 8501 (see docs/dashboard.md)
# Other arguments go to `streamlit run app.py`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARGS=()
for arg in "$@"; do
    if [[ "$arg" == "--viewer" ]]; then
        export HBL_MODE=viewer
    else
        ARGS+=("$arg")
    fi
done
bash "$ROOT/scripts/bootstrap.sh" requirements.txt
bash "$ROOT/scripts/system-packages.sh"   # chromium for PNG export, Noto fonts for every script
cd "$ROOT"
exec .venv/bin/streamlit run app.py "${ARGS[@]}"

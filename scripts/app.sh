#!/usr/bin/env bash
# One command: install what is missing, then start the dashboard on the embedded defaults.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" requirements.txt
bash "$ROOT/scripts/system-packages.sh"   # chromium for PNG export, Noto fonts for every script
cd "$ROOT"
exec .venv/bin/streamlit run app.py "$@"

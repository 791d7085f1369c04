#!/usr/bin/env bash
# One command: install what is missing (Python packages, Debian chromium and fonts), then run the tests.
# Extra arguments go to pytest (e.g. `-m slow`, `-m "slow or not slow"`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" requirements-dev.txt
bash "$ROOT/scripts/system-packages.sh"   # chromium (browser tests, PNG export), Noto fonts
cd "$ROOT"
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"

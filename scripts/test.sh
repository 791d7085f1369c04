#!/usr/bin/env bash
# One command: install what is missing (Python packages, Debian chromium for browser tests), then run the tests.
# Extra arguments go to pytest (e.g. `-m slow`, `-m "slow or not slow"`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing Debian chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "[setup] chromium could not be installed; browser tests will skip"
  else
    echo "[setup] chromium missing and not root: browser tests will skip"
  fi
fi
cd "$ROOT"
.venv/bin/ruff check . 
exec .venv/bin/python -m pytest "$@"

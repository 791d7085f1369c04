#!/usr/bin/env bash
# Create .venv (once) and install requirements when they changed. Sourced by app.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQ="${1:-requirements.txt}"
PY="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  echo "[setup] creating virtual environment in $ROOT/.venv"
  "$PY" -m venv "$ROOT/.venv"
  "$ROOT/.venv/bin/pip" install -q --upgrade pip setuptools
fi
STAMP="$ROOT/.venv/.installed-$(basename "$REQ")"
HASH="$(cat "$ROOT"/requirements*.txt "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$HASH" ]; then
  echo "[setup] installing $REQ (torch==2.13.0 CPU wheel where it lies on disk)"
  "$ROOT/.venv/bin/pip" install -q -r "$ROOT/$REQ"
  "$ROOT/.venv/bin/pip" install -q --no-deps --no-build-isolation -e "$ROOT"
  echo "$HASH" > "$STAMP"
fi

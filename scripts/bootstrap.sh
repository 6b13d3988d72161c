#!/usr/bin/env bash
# Create .venv (if missing) and install detente with its test dependencies into it.
# Used by ./demo.sh and .ci/run, so the README's two commands need nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
# Build detente's gazetteer cache now (~1 s, once), so that the first real command starts as fast
# as every later one (see DETENTE_CACHE_DIR in the README).
.venv/bin/python -c "from detente.nlp.places import load_gazetteer; load_gazetteer()" || true

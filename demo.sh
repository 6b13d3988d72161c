#!/usr/bin/env bash
# The main job on the embedded default: set up, then ingest the bundled demo document into
# ./detente.duckdb and show what was extracted.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/bootstrap.sh
exec .venv/bin/detente demo "$@"

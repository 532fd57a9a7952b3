#!/usr/bin/env bash
# The main job: ingest the bundled sample records into the embedded store and serve them.
#   scripts/demo.sh            -> http://127.0.0.1:5000/
# Environment: LODPUB_STORE (default ./lodpub-data), LODPUB_BASE_URI, PORT (default 5000), HOST (127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh runtime
export LODPUB_STORE="${LODPUB_STORE:-./lodpub-data}"
port="${PORT:-5000}"
host="${HOST:-127.0.0.1}"
export LODPUB_BASE_URI="${LODPUB_BASE_URI:-http://$host:$port/}"
status=0
.venv/bin/lodpub ingest samples/ --report lodpub-data-rejected.tsv || status=$?
if [ "$status" -gt 1 ]; then
  echo "ingest failed (exit $status)" >&2
  exit "$status"
fi
.venv/bin/lodpub stats
exec .venv/bin/lodpub serve --host "$host" --port "$port"

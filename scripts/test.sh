#!/usr/bin/env bash
# The whole test suite, with all set-up: Python packages, Chromium and Virtuoso (apt-get), then pytest.
#   scripts/test.sh [pytest arguments]
# With CI=true a test whose component (browser, Virtuoso) is missing fails instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/ruff check mappings publisher tests bench
.venv/bin/mypy mappings publisher
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"

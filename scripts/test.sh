#!/usr/bin/env bash
# The test suite: ruff, mypy, then pytest.
#   scripts/test.sh [pytest arguments]         everything, with all set-up (Python packages; Chromium, Virtuoso and
#                                              wrk via apt-get): what CI runs (.ci/run), about 8 minutes
#   scripts/test.sh --fast [pytest arguments]  the inner loop, under two minutes: no system packages, no browser,
#                                              no Virtuoso, no slow suites
# With CI=true a test whose component (browser, Virtuoso) is missing fails instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
if [ "${1:-}" = --fast ]; then
  fast=1
  shift
fi
if [ "$fast" = 1 ]; then scripts/setup.sh dev; else scripts/setup.sh test; fi
.venv/bin/ruff check mappings publisher tests bench
.venv/bin/mypy
if [ "$fast" = 1 ]; then
  export LODPUB_TEST_VIRTUOSO=0
  exec .venv/bin/python -m pytest -q -p no:cacheprovider -m "not browser and not virtuoso and not slow" "$@"
fi
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"

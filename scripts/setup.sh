#!/usr/bin/env bash
# Set-up shared by scripts/demo.sh and scripts/test.sh: a virtual environment with lodpub installed.
# Usage: scripts/setup.sh [runtime|dev|test]   (dev adds the test and bench tools; test adds system packages too)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-runtime}"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "lodpub needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.lodpub-installed-$what"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  export PIP_CONSTRAINT=constraints.txt  # exactly the versions the test suite passed with
  .venv/bin/python -m pip install --quiet --upgrade pip
  if [ "$what" != runtime ]; then
    .venv/bin/python -m pip install --quiet -e '.[test,bench]'
  else
    .venv/bin/python -m pip install --quiet -e .
  fi
  touch "$stamp"
fi

if [ "$what" = test ]; then
  # System packages the tests drive: a real browser, a real Virtuoso server, the OAI-PMH validator's Perl modules.
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
  # the OAI-PMH validator (tests/test_oai_validator.py) is Perl: its modules from Debian
  perl -MXML::DOM -MDate::Manip -MClass::Accessor -MData::UUID -MLWP::UserAgent -MJSON -MTry::Tiny -MCGI \
    -e 1 >/dev/null 2>&1 || need+=(libclass-accessor-perl libdate-manip-perl libdata-uuid-perl libwww-perl \
    libjson-perl libtry-tiny-perl liburi-perl libxml-dom-perl libcgi-pm-perl liblwp-protocol-https-perl)
  if [ ${#need[@]} -gt 0 ]; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    echo "installing Debian packages: ${need[*]}" >&2
    if ! { "${sudo_cmd[@]}" apt-get update -q && \
           DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${need[@]}"; } >&2; then
      echo "could not install ${need[*]}; tests that need them will be skipped (or fail when CI=true)" >&2
    fi
  fi
  # Debian starts Virtuoso's own service on install; the tests start their own server on free ports.
  if command -v service >/dev/null 2>&1; then
    service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
  fi
fi

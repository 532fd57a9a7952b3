"""lodpub's tests (run them with scripts/test.sh; helpers in tests/helpers.py, processes in tests/servers.py)."""

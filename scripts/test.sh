#!/usr/bin/env bash
# Runs every check and test: ruff, missing migrations, the suite on SQLite (with the
# browser tests), then the suite again on a throwaway PostgreSQL cluster on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/.venv/bin:$PATH"
export SAMORDNA_SECRET_KEY=test-only-secret

echo "== ruff"
ruff check .
ruff format --check . >/dev/null || { ruff format --check .; exit 1; }
echo "== migrations"
samordna makemigrations --check --dry-run -v 1

echo "== tests on SQLite"
pytest -q -p no:cacheprovider "$@"

echo "== tests on PostgreSQL"
bash scripts/with-postgres.sh pytest -q -p no:cacheprovider -m "not browser" "$@"

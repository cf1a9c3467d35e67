#!/usr/bin/env bash
# Sets up and serves Samordna with an embedded SQLite database and the demo plans.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port=${PORT:-8000}
.venv/bin/samordna migrate -v 0
.venv/bin/samordna load_demo --if-empty
.venv/bin/samordna collectstatic --noinput -v 0
echo "Samordna is at http://127.0.0.1:${port}/"
exec .venv/bin/samordna runserver "127.0.0.1:${port}"

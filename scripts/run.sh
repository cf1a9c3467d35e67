#!/usr/bin/env bash
# Sets up and serves Samordna with an embedded SQLite database and the demo plans.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port=${PORT:-8000}
.venv/bin/samordna migrate -v 0
.venv/bin/samordna load_demo --if-empty
.venv/bin/samordna collectstatic --noinput -v 0
# The worker sends the rounds' e-mail (to the console here) and makes large PDFs.
.venv/bin/samordna worker --no-reload -v 0 &
worker=$!
trap 'kill "$worker" 2>/dev/null' EXIT
echo "Samordna is at http://127.0.0.1:${port}/"
.venv/bin/samordna runserver "127.0.0.1:${port}"

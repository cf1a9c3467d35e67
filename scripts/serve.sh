#!/usr/bin/env bash
# The production server (`make serve`): checks the settings, migrates, collects static
# files and runs gunicorn with WhiteNoise. Settings come from the environment (see
# docs/settings.md, "Production settings", and docs/deploy.md).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ "${SAMORDNA_DEBUG:-}" = false ] || missing+=("SAMORDNA_DEBUG=false")
[ -n "${SAMORDNA_SECRET_KEY:-}" ] || missing+=("SAMORDNA_SECRET_KEY")
[ -n "${SAMORDNA_ALLOWED_HOSTS:-}" ] || missing+=("SAMORDNA_ALLOWED_HOSTS")
[ -n "${SAMORDNA_SITE_URL:-}" ] || missing+=("SAMORDNA_SITE_URL")
if [ ${#missing[@]} -gt 0 ]; then
  echo "make serve is the production server and needs production settings; missing: ${missing[*]}." >&2
  echo "See docs/settings.md (\"Production settings\") and docs/deploy.md. For the demo, use: make run" >&2
  exit 2
fi

[ -x .venv/bin/samordna ] || bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
# Every warning of Django's deployment check stops the start, with its explanation.
samordna check --deploy --fail-level WARNING
samordna migrate --noinput -v 0
samordna createcachetable
samordna compilemessages --ignore=.venv -v 0
samordna collectstatic --noinput -v 0
echo "Samordna serves on ${SAMORDNA_BIND:-127.0.0.1:8000} with ${SAMORDNA_WEB_WORKERS:-$((2 * $(nproc) + 1))} workers"
exec gunicorn -c python:samordna.gunicorn_conf

#!/usr/bin/env bash
# Installs everything Samordna needs on a fresh Debian machine: the Debian packages,
# a virtual environment in .venv/ with the `samordna` command, and compiled translations.
#   scripts/setup.sh          what the app needs to run
#   scripts/setup.sh --test   also what the test suite needs (Chromium, PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Debian packages, installed only when missing so that a second run is fast and offline.
debs=()
# A fresh Debian may have no Python, or one without its venv module.
python3 -c "import ensurepip" 2>/dev/null || debs+=(python3-venv)
command -v msgfmt >/dev/null || debs+=(gettext)
# WeasyPrint draws PDFs with Pango; the charts and PDFs use the DejaVu fonts.
# By full path: /sbin is not on an ordinary user's PATH on Debian.
/sbin/ldconfig -p | grep -q libpango-1.0 || debs+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || debs+=(fonts-dejavu-core)
if [ "$want_test" = 1 ]; then
  [ -x /usr/bin/chromium ] || debs+=(chromium)
  command -v pdftoppm >/dev/null || debs+=(poppler-utils)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || debs+=(postgresql)
fi
if [ ${#debs[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${debs[*]}"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
fi

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# Reinstall only when pyproject.toml changed since the last install.
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)-$want_test
if [ ! -e "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  if [ "$want_test" = 1 ]; then
    .venv/bin/pip install -q -e ".[test]"
  else
    .venv/bin/pip install -q -e .
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi

.venv/bin/samordna compilemessages --ignore=.venv -v 0

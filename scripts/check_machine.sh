#!/usr/bin/env bash
# What a fresh machine needs before `make run` / `make test`, checked up front so that
# a missing piece is named with the command that installs it (instead of a traceback
# half-way through pip or the first PDF).
#   scripts/check_machine.sh run    Python, venv, WeasyPrint's system libraries
#   scripts/check_machine.sh test   the same, plus what the test suite drives
set -u
PYTHON=${PYTHON:-python3}
purpose=${1:-run}
problems=()

if ! command -v "$PYTHON" >/dev/null; then
    problems+=("$PYTHON not found: install Python 3.11, 3.12 or 3.13 (Debian: apt-get install python3 python3-venv)")
else
    version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    case "$version" in
        3.11|3.12|3.13) ;;
        *) problems+=("$PYTHON is Python $version; the project supports Python 3.11 to 3.13. Run: make PYTHON=/path/to/python3.11 ...") ;;
    esac
    if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
        problems+=("$PYTHON cannot create virtual environments: apt-get install python3-venv")
    fi
fi
# WeasyPrint loads Pango through cffi at import time.
LDCONFIG=$(command -v ldconfig || echo /sbin/ldconfig)
if ! "$LDCONFIG" -p 2>/dev/null | grep -q 'libpango-1.0.so'; then
    problems+=("Pango (needed by WeasyPrint for the PDF certificates) is missing: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core")
fi

if [ "$purpose" = test ]; then
    [ -x /usr/lib/postgresql/15/bin/initdb ] || [ -n "${PG_BIN:-}" ] || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null \
        || problems+=("PostgreSQL server binaries are missing: apt-get install postgresql-15")
    command -v chromium >/dev/null || [ -n "${CHROMIUM_PATH:-}" ] \
        || problems+=("Chromium is missing (browser journeys): apt-get install chromium")
    command -v npm >/dev/null \
        || problems+=("Node.js and npm are missing (independent credential verifier): apt-get install nodejs npm")
    command -v pdftoppm >/dev/null \
        || problems+=("poppler-utils is missing (PDF pages rendered for checks): apt-get install poppler-utils")
    command -v redis-server >/dev/null \
        || problems+=("redis-server is missing (job queue, shared rate limits and session revocations are tested on a real one): apt-get install redis-server")
fi

if [ "${#problems[@]}" -gt 0 ]; then
    echo "This machine is missing what the project needs:" >&2
    printf '  - %s\n' "${problems[@]}" >&2
    # Missing test tools only skip their tests locally; on CI they are failures anyway.
    case "$purpose:${CI:-}" in run:*|*:true|*:1|*:yes) exit 1 ;; esac
    echo "(their tests will be skipped on this machine)" >&2
fi
exit 0

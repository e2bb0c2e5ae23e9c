#!/usr/bin/env bash
# Until the first release the schema is a single initial migration: regenerate it
# from the models after a model change. (After release: `flask db migrate` adds one.)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
initial=migrations/versions/0001_initial_schema.py
cp "$initial" "$tmp/previous.py"
trap 'rm -rf "$tmp"' EXIT
rm -f "$initial"
if ! VAE_INSTANCE_DIR=$tmp FLASK_APP=wsgi.py .venv/bin/flask db migrate -m "initial schema" --rev-id 0001; then
    cp "$tmp/previous.py" "$initial"
    echo "regeneration failed: the previous migration is restored" >&2
    exit 1
fi

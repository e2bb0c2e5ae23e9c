#!/usr/bin/env bash
# Until the first release the schema is a single initial migration: regenerate it
# from the models after a model change. Hand-written migrations that follow it
# (triggers, data) are set aside during the regeneration and put back.
# (After release: `flask db migrate` adds a new migration instead.)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
versions=migrations/versions
initial=$versions/0001_initial_schema.py
trap 'mv "$tmp"/later/*.py "$versions"/ 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/later"
cp "$initial" "$tmp/previous.py"
find "$versions" -maxdepth 1 -name '*.py' ! -name '0001_*' -exec mv {} "$tmp/later/" \;
rm -f "$initial"
if ! VAE_INSTANCE_DIR=$tmp/instance FLASK_APP=wsgi.py .venv/bin/flask db migrate -m "initial schema" --rev-id 0001; then
    cp "$tmp/previous.py" "$initial"
    echo "regeneration failed: the previous migration is restored" >&2
    exit 1
fi

"""The WSGI app the load bench serves with gunicorn: the bench database and secret, no rate limit."""
import os
from pathlib import Path

from bench.dataset import app_for

app = app_for(os.environ["BENCH_DATABASE_URL"], Path(os.environ["BENCH_INSTANCE_DIR"]))

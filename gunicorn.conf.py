"""Production app server: `make serve` (gunicorn -c gunicorn.conf.py).

Every value can be overridden from the environment so that one file serves one app
server or several behind a proxy (docs/deployment.md).
"""
import multiprocessing
import os

wsgi_app = "wsgi:app"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads overlap the waits on PostgreSQL and SMTP; processes use the cores.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never takes a server down.
max_requests = 5000
max_requests_jitter = 500
# The app already writes one JSON line per request with its request id
# (vae/security/request_log.py): gunicorn's own access log would log it twice.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the reverse proxy in front of us.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

"""gunicorn's settings for `cairn serve` (which sets the CAIRN_SERVE_* variables read here; see docs/operations.md).

Chosen so that overload slows Cairn down rather than knocking it over: a fixed number of worker processes, each with
a fixed number of threads (and so at most workers × threads database connections), a bounded queue of waiting
connections beyond which new ones are refused at once, a time limit on every query (CAIRN_DB_STATEMENT_TIMEOUT), and
workers replaced after some ten thousand requests so that memory cannot creep.
"""

import gc
import os

from cairn.service.logs import gunicorn_logging

bind = os.environ.get("CAIRN_SERVE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CAIRN_SERVE_WORKERS", "2"))
threads = int(os.environ.get("CAIRN_SERVE_THREADS", "4"))
worker_class = "gthread"
# Connections a worker holds at once (being answered, or kept alive between requests); more wait in the backlog,
# and past the backlog the operating system refuses them, so a flood is turned away instead of queued for minutes.
worker_connections = threads * 8
backlog = 256
keepalive = 5
timeout = int(os.environ.get("CAIRN_SERVE_TIMEOUT", "60"))
graceful_timeout = 30
# Not sooner: a new worker starts cold (Django, templates compiled, no kept pages), which under a steady load of
# ~100 requests a second cost every worker a restart a minute; a worker's memory stays flat (under 170 MB at county
# scale after the page benchmark), so this only guards against a slow creep.
max_requests = 10000
max_requests_jitter = 1000
# The addresses of reverse proxies whose X-Forwarded-* headers are believed (comma-separated; "*" for any).
forwarded_allow_ips = os.environ.get("CAIRN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Cairn logs each request itself (method, path, status, time, request id; never a query string), so gunicorn's own
# access log is off; its error log goes to standard error, as JSON when CAIRN_LOG_FORMAT=json.
accesslog = None
errorlog = "-"
logconfig_dict = gunicorn_logging()
proc_name = "cairn"
control_socket_disable = True  # gunicorn's run-time control socket is not used

# Python's cycle collector walks every object a worker holds now and then. After its first requests a worker holds
# some 190,000 that live as long as it does (Django, the URL patterns, compiled templates): a full collection took
# 100 ms of processor, 70-700 ms of a loaded server's time in which none of the worker's threads answered, a dozen times
# a minute under load. Once warmed they are moved out of the collector's sight (`gc.freeze`), leaving it a few thousand.
# Objects frozen are still freed when nothing refers to them; only cycles among them wait for the worker's replacement.
# Only the young generations are collected first: a full collection then would be the very pause this avoids.
FREEZE_AFTER = (100, 1000)


def post_request(worker, req, environ, resp):
    worker.cairn_requests = getattr(worker, "cairn_requests", 0) + 1
    if worker.cairn_requests in FREEZE_AFTER:
        gc.collect(1)
        gc.freeze()

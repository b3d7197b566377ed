"""gunicorn settings of the portal: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi:application`.

Every value can be changed by an environment variable (README, "Deployment").
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one per core: measured best on a 2-core machine (more workers only
# add switching; pages are short and the database connection stays open).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Load Django once in the master; workers fork from it (faster start, shared memory).
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle a worker now and then so a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "city-innovation-portal"
# gunicorn 25+ opens a control socket at one fixed path per user: several app servers
# on one host would fight over it, and systemd (or a signal) does the controlling here.
control_socket_disable = True

# gunicorn's own lines as JSON, like the portal's. The portal logs each request
# itself (with its request id); GUNICORN_ACCESS_LOG=1 adds gunicorn's access line.
_access_handlers = ["stdout"] if os.environ.get("GUNICORN_ACCESS_LOG", "0") == "1" else []
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)s %({x-request-id}o)s'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.ops.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "root": {"level": "INFO", "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False, "qualname": "gunicorn.error"},
        "gunicorn.access": {
            "level": "INFO",
            "handlers": _access_handlers,
            "propagate": False,
            "qualname": "gunicorn.access",
        },
    },
}


def post_fork(server, worker):
    # Nothing opened in the master (preload) may be shared by two workers.
    from django.db import connections

    connections.close_all()

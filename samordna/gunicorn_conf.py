"""Gunicorn's settings for `make serve` and the systemd unit (`gunicorn -c python:…`).

Sync workers, one per request at a time: each closes its connection after the answer, so
the TLS proxy's connections spread over all workers (with keep-alive threads, one worker
was seen taking every connection while the others idled). The proxy keeps the
keep-alive to browsers; slow clients are its job, not the workers'.
"""

import multiprocessing
import os

bind = os.environ.get("SAMORDNA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SAMORDNA_WEB_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
# Large reports are made by the worker; a request taking this long is stuck.
timeout = 60
graceful_timeout = 30
# The application is loaded once, before the workers are forked: a replaced worker starts
# in milliseconds instead of importing Django again (about half a second of a core). Code
# changes therefore take a restart (`systemctl restart`), not a HUP.
preload_app = True
# Bounded memory over months: each worker is replaced after this many requests (at a
# busy few hundred a second, a replacement every minute or so per worker).
max_requests = 20000
max_requests_jitter = 2000
# One line per request comes from Samordna's own request log (without link tokens);
# gunicorn's access log would repeat the path with the token in it.
accesslog = None
errorlog = "-"
# The proxy on this machine may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("SAMORDNA_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
wsgi_app = "samordna.wsgi:application"
# The runtime control socket is shared by every gunicorn of a user: two instances on one
# machine would fight over it, and nothing here uses it.
control_socket_disable = True

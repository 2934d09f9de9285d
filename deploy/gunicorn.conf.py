"""gunicorn behind nginx (deploy/nginx/site.conf.in). The bind address (a unix socket, or
127.0.0.1:PORT) comes from the command line; nginx buffers whole requests and responses, so
sync workers never wait on a slow client."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # a worker stuck longer is restarted
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # recycle workers now and then (memory)
max_requests_jitter = 200
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
forwarded_allow_ips = ""  # the app reads nginx's headers itself (BEHIND_PROXY)
proxy_allow_ips = ""
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

"""`make serve`: the site the production way on one machine, in the foreground.

PostgreSQL (DATABASE_URL; the local cluster is started when it is down), Redis (REDIS_URL; a
private redis-server is started when nothing answers there), production settings with the
secrets from the environment or `.env` (made once with a generated secret key when there is
neither), migrations, the demo content when the database has no site yet, collectstatic, then
gunicorn on a unix socket, Varnish on 127.0.0.1:$VARNISH_PORT (default 6081) in front of it,
the task worker (`manage.py db_worker`) and nginx on 127.0.0.1:$PORT (default 8080) in front
of Varnish (nginx -> Varnish -> gunicorn), with their own runtime directory `.run/`.
Ctrl-C or SIGTERM stops everything it started, in reverse order.

`python deploy/serve.py render DIR` only writes the rendered nginx configuration and Varnish's
VCL to DIR (what the systemd units of deploy/systemd/ and deploy/varnish/ use); with
APP_SERVERS=host:port,host:port the VCL spreads requests over those app servers instead of the
local socket. deploy/cluster.py (`make cluster`) imports the pieces below."""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]

LOCAL_HOSTS = {"", "127.0.0.1", "localhost", "::1"}


# What the messages start with; deploy/cluster.py sets its own.
LABEL = "serve"


def say(message):
    print(f"[{LABEL}] {message}", flush=True)


# -- environment -------------------------------------------------------------------------------


def read_env_file(path):
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip("'\"")
    return values


# Production settings served over plain http on 127.0.0.1: the HTTPS-only settings off (the
# local .env below, `make cluster`'s test and the HTTP bench).
PLAIN_HTTP = {"SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false", "SECURE_HSTS_SECONDS": "0"}


def local_env_text(port):
    """The .env of a machine that serves the site to itself over http on 127.0.0.1."""
    key = secrets.token_urlsafe(50)
    return f"""# Made by `make serve` on first run: production settings for THIS machine, served over
# plain http on 127.0.0.1 (so the HTTPS-only settings are off). Not in git. A real deployment
# starts from .env.example instead (see README, "Deploying").
SECRET_KEY={key}
DATABASE_URL=postgres://postgres@127.0.0.1:5432/guoping_site
REDIS_URL=redis://127.0.0.1:6379/1
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=http://127.0.0.1:{port},http://localhost:{port}
SITE_URL=http://127.0.0.1:{port}
WAGTAILADMIN_BASE_URL=http://127.0.0.1:{port}
BEHIND_PROXY=true
""" + "".join(f"{name}={value}\n" for name, value in PLAIN_HTTP.items())


def load_environment(create=True):
    """os.environ wins over .env; .env is made once (``create``) when neither has a secret
    key."""
    port = os.environ.get("PORT", "8080")
    env_file = ROOT / ".env"
    if create and not env_file.exists() and not os.environ.get("SECRET_KEY"):
        env_file.write_text(local_env_text(port), encoding="utf-8")
        env_file.chmod(0o600)
        say(f"Made {env_file} with a newly generated SECRET_KEY (keep it; it is not in git).")
    if env_file.exists():
        for key, value in read_env_file(env_file).items():
            os.environ.setdefault(key, value)
    os.environ.setdefault("PORT", port)
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get(
        "DJANGO_SETTINGS_MODULE", "corporate.settings.production"
    )
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/guoping_site")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
    os.environ.setdefault("BEHIND_PROXY", "true")
    # Varnish between nginx and gunicorn; the site purges it on publish (WAGTAILFRONTENDCACHE).
    os.environ.setdefault("VARNISH_PORT", "6081")
    os.environ.setdefault("VARNISH_URL", f"http://127.0.0.1:{os.environ['VARNISH_PORT']}")
    os.environ.setdefault("STATIC_ROOT", str(ROOT / "static_collected"))
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "media"))
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # production code never needs it


# -- config files ------------------------------------------------------------------------------


def render(template, out, values):
    text = (DEPLOY / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", str(value))
    out.write_text(text, encoding="utf-8")
    return out


def worker_user():
    import pwd

    for name in (os.environ.get("NGINX_USER"), "www-data"):
        try:
            return pwd.getpwnam(name).pw_name
        except (KeyError, TypeError):
            continue
    return "nobody"


def nginx_values(run_dir, log_dir, listen, upstream):
    return {
        "RUN_DIR": run_dir,
        "LOG_DIR": log_dir,
        "LISTEN": listen,
        "UPSTREAM": upstream,
        "STATIC_ROOT": os.environ["STATIC_ROOT"].rstrip("/"),
        "MEDIA_ROOT": os.environ["MEDIA_ROOT"].rstrip("/"),
        "DEPLOY_DIR": DEPLOY,
        # Started as root, nginx's workers drop to www-data (Debian's web user); otherwise they
        # run as whoever started it.
        "USER_DIRECTIVE": f"user {worker_user()};" if os.geteuid() == 0 else "",
        "ADMIN_MAX_BODY": os.environ.get("ADMIN_MAX_BODY", "12m"),
        "PUBLIC_MAX_BODY": os.environ.get("PUBLIC_MAX_BODY", "1m"),
    }


def render_nginx(conf_dir, run_dir, log_dir, listen, upstream):
    values = {**nginx_values(run_dir, log_dir, listen, upstream), "CONF_DIR": conf_dir}
    render("nginx/proxy_params.conf.in", conf_dir / "proxy_params.conf", values)
    render("nginx/site.conf.in", conf_dir / "site.conf", values)
    return render("nginx/nginx.conf.in", conf_dir / "nginx.conf", values)


def vcl_backend(address):
    """A VCL back end's address: a unix socket (a path) or "host:port"."""
    address = str(address)
    if "/" in address or not re.fullmatch(r"[^/]+:\d+", address):
        return f'.path = "{address}";'
    host, port = address.rsplit(":", 1)
    return f'.host = "{host.strip("[]")}"; .port = "{port}";'


# Several app servers: the template's `backend app { … }` block once per server, each watched
# by a probe, behind a round-robin director named `app` (deploy/varnish/default.vcl.in).
CLUSTER_VCL = """import directors;

# Each app server is asked for /robots.txt (cheap) every 5 s; one that fails 3 of the last 5
# gets no requests until it answers again. Servers start healthy.
probe app_alive {
    @PROBE_REQUEST@
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

@BACKENDS@
sub vcl_init {
    new app = directors.round_robin();
@ADD_BACKENDS@
}

sub vcl_recv {
    set req.backend_hint = app.backend();
}

sub vcl_backend_error {
    # An app server that stopped since its last probe: a GET goes once to the next one.
    if (bereq.retries == 0 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}
"""
BACKEND_BLOCK = re.compile(r"^backend app \{\n(?P<body>.*?)^\}\n", re.M | re.S)


def probe_request(site_url):
    """The probe's request: with the site's address, its Host and X-Forwarded-Proto (as nginx
    sends them; so ALLOWED_HOSTS accepts it and SECURE_SSL_REDIRECT does not redirect it)."""
    parts = urlsplit(site_url or "")
    if not parts.hostname:
        return '.url = "/robots.txt";'
    lines = ["GET /robots.txt HTTP/1.1", f"Host: {parts.netloc}"]
    lines += [f"X-Forwarded-Proto: {parts.scheme}", "Connection: close"]
    return ".request =\n" + "\n".join(f'        "{line}"' for line in lines) + ";"


def varnish_vcl(backends, ttl, site_url=None):
    """The text of deploy/varnish/default.vcl.in for these app servers (socket paths or
    "host:port"): one is the template's own back end; several get a round-robin director,
    whose probes ask as a visitor of ``site_url`` would (probe_request)."""
    text = (DEPLOY / "varnish" / "default.vcl.in").read_text(encoding="utf-8")
    text = text.replace("@TTL@", str(ttl))
    if len(backends) == 1:
        return text.replace("@BACKEND@", vcl_backend(backends[0]))
    body = BACKEND_BLOCK.search(text).group("body")
    blocks = "".join(
        f"backend app_{number} {{\n"
        + body.replace("@BACKEND@", vcl_backend(address))
        + "    .probe = app_alive;\n}\n\n"
        for number, address in enumerate(backends, 1)
    )
    adds = "\n".join(f"    app.add_backend(app_{n});" for n in range(1, len(backends) + 1))
    cluster = CLUSTER_VCL.replace("@BACKENDS@", blocks).replace("@ADD_BACKENDS@", adds)
    cluster = cluster.replace("@PROBE_REQUEST@", probe_request(site_url))
    return BACKEND_BLOCK.sub(lambda _match: cluster, text, count=1)


def render_varnish(conf_dir, *backends, site_url=None):
    """default.vcl in conf_dir: deploy/varnish/default.vcl.in with gunicorn's unix socket as
    the back end, or several app servers ("host:port") behind a round-robin director (whose
    probes ask for ``site_url``, default SITE_URL)."""
    if not backends:
        raise ValueError("render_varnish needs at least one back end")
    out = Path(conf_dir) / "default.vcl"
    ttl = os.environ.get("VARNISH_TTL", "3600")
    site_url = site_url or os.environ.get("SITE_URL")
    out.write_text(varnish_vcl(backends, ttl, site_url), encoding="utf-8")
    return out


def varnish_command(vcl, listen, work_dir):
    command = [shutil.which("varnishd") or "/usr/sbin/varnishd", "-F", "-a", listen]
    command += ["-f", str(vcl), "-n", str(work_dir), "-T", "none", "-S", "none"]
    command += ["-s", f"malloc,{os.environ.get('VARNISH_MEMORY', '256m')}"]
    if os.geteuid() == 0:  # root's varnishd would run as vcache, which cannot open the socket
        command += ["-j", "none"]
    return command


# -- services ----------------------------------------------------------------------------------


def port_open(host, port, timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for(check, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise SystemExit(f"[{LABEL}] {what} did not come up within {seconds} s")


class Supervisor:
    def __init__(self, log_dir):
        self.log_dir = log_dir
        self.children = []  # (name, Popen)
        self.logs = []  # the children's log files, closed once they stopped
        self.cleanups = []  # callables run after the children stop, last first
        self.stopping = False

    def start(self, name, command, log_name=None, **kwargs):
        log_path = self.log_dir / (log_name or f"{name}.log")
        log = open(log_path, "ab")  # noqa: SIM115 - lives as long as the child
        self.logs.append(log)
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,
            **kwargs,
        )
        self.children.append((name, process))
        say(f"{name} started (pid {process.pid}); log: {log_path}")
        return process

    def stop(self, *_args):
        if self.stopping:
            return
        self.stopping = True
        for name, process in reversed(self.children):
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
        deadline = time.monotonic() + 20
        for name, process in reversed(self.children):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            say(f"{name} stopped")
        for log in self.logs:
            log.close()
        for cleanup in reversed(self.cleanups):
            cleanup()

    def watch(self):
        while not self.stopping:
            for name, process in self.children:
                if process.poll() is not None:
                    say(f"{name} exited with code {process.returncode}; stopping everything")
                    self.stop()
                    return 1
            time.sleep(0.5)
        return 0


def ensure_postgres(supervisor):
    url = urlsplit(os.environ["DATABASE_URL"])
    host, port = url.hostname or "", url.port or 5432
    if url.scheme.startswith("sqlite"):
        raise SystemExit("[serve] DATABASE_URL must be PostgreSQL for `make serve`")
    if not port_open(host or "127.0.0.1", port):
        if host not in LOCAL_HOSTS:
            raise SystemExit(f"[serve] PostgreSQL at {host}:{port} does not answer")
        versions = sorted(Path("/etc/postgresql").glob("*/main"))
        if not versions:
            raise SystemExit("[serve] no local PostgreSQL cluster (/etc/postgresql/*/main)")
        version = versions[-1].parent.name
        say(f"starting the local PostgreSQL {version} cluster (stopped again on exit)")
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=True
        )

        def stop_cluster():
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop"],
                check=False,
            )
            say("PostgreSQL stopped")

        supervisor.cleanups.append(stop_cluster)
        wait_for(lambda: port_open(host or "127.0.0.1", port), "PostgreSQL")
    # The database itself, on first run.
    name = url.path.lstrip("/")
    admin_url = url._replace(path="/postgres").geturl()
    exists = subprocess.run(
        ["psql", admin_url, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        say(f"created the database {name}")


def redis_ping(host, port):
    try:
        with socket.create_connection((host, port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_redis(supervisor, run_dir):
    url = urlsplit(os.environ["REDIS_URL"])
    host, port = url.hostname or "127.0.0.1", url.port or 6379
    if redis_ping(host, port):
        say(f"Redis answers at {host}:{port}")
        return
    if host not in LOCAL_HOSTS:
        raise SystemExit(f"[serve] Redis at {host}:{port} does not answer")
    if not shutil.which("redis-server"):
        raise SystemExit("[serve] redis-server is missing: run `make serve-deps`")
    data_dir = run_dir / "redis"
    data_dir.mkdir(exist_ok=True)
    supervisor.start(
        "redis",
        [
            "redis-server",
            str(DEPLOY / "redis.conf"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(data_dir),
            "--daemonize",
            "no",
            "--logfile",
            "",
        ],
    )
    wait_for(lambda: redis_ping("127.0.0.1", port), "Redis")


def gunicorn_command(bind, access_log):
    """gunicorn with deploy/gunicorn.conf.py on ``bind`` (``unix:PATH`` or ``HOST:PORT``)."""
    return [
        str(Path(PYTHON).parent / "gunicorn"),
        "--config",
        str(DEPLOY / "gunicorn.conf.py"),
        "--bind",
        bind,
        "--no-control-socket",
        "--access-logfile",
        str(access_log),
        "corporate.wsgi:application",
    ]


def worker_command(*options):
    """The task worker (django-tasks-db's db_worker)."""
    return [*MANAGE, "db_worker", "--no-reload", "-v", "1", *options]


def manage(*args, check=True, capture=False):
    return subprocess.run(
        [*MANAGE, *args], cwd=ROOT, check=check, text=True, capture_output=capture
    )


def ask(expression):
    """The value a Python expression prints in `manage.py shell` (its last line)."""
    output = manage("shell", "-v", "0", "-c", f"print({expression})", capture=True).stdout
    return (output.strip().splitlines() or [""])[-1]


def prepare_site():
    say("migrating the database")
    manage("migrate", "--noinput", "-v", "0")
    # Wagtail's own migrations leave a "Welcome to your new Wagtail site!" page: a site of
    # ours is there when a home page of ours is.
    has_site = ask("__import__('home.models').models.HomePage.objects.exists()")
    if has_site != "True":
        say("the database has no site yet: building the demo content (about a minute)")
        manage("build_demo_site")
        # The demo's Site is new: point it at SITE_URL (migrate's post_migrate did so for the
        # Site that existed then), so that no absolute URL says localhost.
        manage("set_site_url")
    has_admin = ask(
        "__import__('django.contrib.auth').contrib.auth.get_user_model()"
        ".objects.filter(is_superuser=True).exists()"
    )
    if has_admin != "True":
        username = os.environ.get("DEMO_ADMIN_USERNAME", "admin")
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        subprocess.run(
            [
                *MANAGE,
                "createsuperuser",
                "--noinput",
                "--username",
                username,
                "--email",
                f"{username}@guoping-testing.example",
            ],
            cwd=ROOT,
            check=True,
            env={**os.environ, "DJANGO_SUPERUSER_PASSWORD": password},
        )
        say(
            f"created the administrator: user {username}, password {password} "
            "(shown this once; change it in the admin)"
        )
    say("collecting static files")
    manage("collectstatic", "--noinput", "-v", "0")


def serve():
    load_environment()
    port = os.environ["PORT"]
    run_dir = ROOT / ".run"
    log_dir = run_dir / "log"
    for directory in (run_dir, log_dir, run_dir / "nginx"):
        directory.mkdir(parents=True, exist_ok=True)
    run_dir.chmod(0o755)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("[serve] nginx is missing: run `make serve-deps`")
    if not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
        raise SystemExit("[serve] varnishd is missing: run `make serve-deps`")
    varnish_port = int(os.environ["VARNISH_PORT"])
    if port_open("127.0.0.1", varnish_port):
        raise SystemExit(f"[serve] something already listens on 127.0.0.1:{varnish_port}")
    if port_open("127.0.0.1", int(port)):
        raise SystemExit(f"[serve] something already listens on 127.0.0.1:{port} (PORT= to change)")

    supervisor = Supervisor(log_dir)
    signal.signal(signal.SIGTERM, lambda *a: supervisor.stop())
    signal.signal(signal.SIGINT, lambda *a: supervisor.stop())
    try:
        ensure_postgres(supervisor)
        ensure_redis(supervisor, run_dir)
        prepare_site()
        socket_path = run_dir / "gunicorn.sock"
        socket_path.unlink(missing_ok=True)
        supervisor.start(
            "gunicorn",
            gunicorn_command(f"unix:{socket_path}", log_dir / "gunicorn-access.log"),
        )
        supervisor.start("worker", worker_command())
        wait_for(socket_path.exists, "gunicorn")
        (run_dir / "varnish").mkdir(exist_ok=True)
        vcl = render_varnish(run_dir / "varnish", socket_path)
        supervisor.start(
            "varnish",
            varnish_command(vcl, f"127.0.0.1:{varnish_port}", run_dir / "varnish" / "work"),
        )
        wait_for(lambda: port_open("127.0.0.1", varnish_port), "Varnish")
        conf = render_nginx(
            run_dir / "nginx", run_dir, log_dir, f"127.0.0.1:{port}", f"127.0.0.1:{varnish_port}"
        )
        subprocess.run(
            [nginx, "-t", "-q", "-p", str(run_dir / "nginx"), "-c", str(conf), "-e", "stderr"],
            check=True,
        )
        supervisor.start(
            "nginx",
            [
                nginx,
                "-p",
                str(run_dir / "nginx"),
                "-c",
                str(conf),
                "-e",
                str(log_dir / "nginx-error.log"),
                "-g",
                "daemon off;",
            ],
            log_name="nginx-error.log",
        )
        wait_for(lambda: port_open("127.0.0.1", int(port)), "nginx")
        say(
            f"serving http://127.0.0.1:{port}/ (admin: /admin/); nginx access log: "
            f"{log_dir / 'nginx-access.log'}. Ctrl-C stops everything."
        )
        return supervisor.watch()
    except BaseException:
        supervisor.stop()
        raise


def main(argv):
    if len(argv) == 3 and argv[1] == "render":
        load_environment()
        out = Path(argv[2])
        out.mkdir(parents=True, exist_ok=True)
        socket_path = os.environ.get("GUNICORN_SOCKET", "/run/guoping/gunicorn.sock")
        app_servers = [s.strip() for s in os.environ.get("APP_SERVERS", "").split(",")]
        conf = render_nginx(
            out,
            Path(os.environ.get("RUN_DIR", "/run/guoping")),
            Path(os.environ.get("LOG_DIR", "/var/log/guoping")),
            os.environ.get("LISTEN", f"127.0.0.1:{os.environ['PORT']}"),
            f"127.0.0.1:{os.environ['VARNISH_PORT']}",
        )
        print(conf)
        print(render_varnish(out, *([s for s in app_servers if s] or [socket_path])))
        return 0
    return serve()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

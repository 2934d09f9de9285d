"""`make cluster`: several app servers on one machine, arranged the way several machines run them.

What `make serve` (deploy/serve.py) does, with the same `.env`, PostgreSQL, Redis, migrations,
demo content and collectstatic, but with two gunicorn servers on TCP ports instead of one on a
unix socket:

    nginx 127.0.0.1:$PORT (8080) ─▶ Varnish 127.0.0.1:$VARNISH_PORT (6081) ─┬▶ gunicorn A 127.0.0.1:$CLUSTER_PORT_A (8101)
                                    round robin, probe /robots.txt          └▶ gunicorn B 127.0.0.1:$CLUSTER_PORT_B (8102)
    task worker (manage.py db_worker) beside them; all on one PostgreSQL, one Redis (cache,
    sessions, rate-limit counters) and one MEDIA_ROOT.

Each server runs WEB_CONCURRENCY (default here 1) sync workers. nginx serves the static and
media files and sets X-Real-IP as in `make serve`; CLUSTER_NGINX=false leaves it out (then
Varnish is the front door, without static files). A publish on either server purges Varnish
(VARNISH_URL) through the task worker. tests/test_cluster.py starts the same arrangement on
free ports and checks publishing, sessions, the rate limit and the sign-in lock-out across the
two servers. Ctrl-C or SIGTERM stops everything it started, in reverse order; the runtime
directory is `.run/cluster/` (logs in `.run/cluster/log/`)."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serve  # noqa: E402 - deploy/serve.py, beside this file

ROOT = serve.ROOT
serve.LABEL = "cluster"
say = serve.say


def app_ports():
    return {
        "A": int(os.environ.get("CLUSTER_PORT_A", "8101")),
        "B": int(os.environ.get("CLUSTER_PORT_B", "8102")),
    }


def with_nginx():
    return os.environ.get("CLUSTER_NGINX", "true").strip().lower() in {"1", "true", "yes", "on"}


def start_nginx(supervisor, run_dir, log_dir, port, varnish_port):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    conf_dir = run_dir / "nginx"
    conf_dir.mkdir(exist_ok=True)
    conf = serve.render_nginx(
        conf_dir, run_dir, log_dir, f"127.0.0.1:{port}", f"127.0.0.1:{varnish_port}"
    )
    subprocess.run(
        [nginx, "-t", "-q", "-p", str(conf_dir), "-c", str(conf), "-e", "stderr"], check=True
    )
    supervisor.start(
        "nginx",
        [nginx, "-p", str(conf_dir), "-c", str(conf), "-e", str(log_dir / "nginx-error.log")]
        + ["-g", "daemon off;"],
        log_name="nginx-error.log",
    )
    serve.wait_for(lambda: serve.port_open("127.0.0.1", port), "nginx")


def cluster():
    serve.load_environment()
    os.environ.setdefault("WEB_CONCURRENCY", "1")  # per server: as many workers as `make serve`
    port = int(os.environ["PORT"])
    varnish_port = int(os.environ["VARNISH_PORT"])
    ports = app_ports()
    nginx = with_nginx()
    run_dir = ROOT / ".run" / "cluster"
    log_dir = run_dir / "log"
    for directory in (run_dir, log_dir, run_dir / "varnish"):
        directory.mkdir(parents=True, exist_ok=True)
    (ROOT / ".run").chmod(0o755)
    run_dir.chmod(0o755)
    if not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
        raise SystemExit("[cluster] varnishd is missing: run `make serve-deps`")
    if nginx and not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        raise SystemExit(
            "[cluster] nginx is missing: run `make serve-deps` (or CLUSTER_NGINX=false)"
        )
    wanted = {f"app server {name}": number for name, number in ports.items()}
    wanted["Varnish (VARNISH_PORT)"] = varnish_port
    if nginx:
        wanted["nginx (PORT)"] = port
    if len(set(wanted.values())) != len(wanted):
        raise SystemExit(f"[cluster] the ports must differ: {wanted}")
    for what, number in wanted.items():
        if serve.port_open("127.0.0.1", number):
            raise SystemExit(f"[cluster] something already listens on 127.0.0.1:{number} ({what})")

    supervisor = serve.Supervisor(log_dir)
    signal.signal(signal.SIGTERM, lambda *a: supervisor.stop())
    signal.signal(signal.SIGINT, lambda *a: supervisor.stop())
    try:
        serve.ensure_postgres(supervisor)
        serve.ensure_redis(supervisor, run_dir)
        serve.prepare_site()
        for name, number in ports.items():
            supervisor.start(
                f"gunicorn-{name}",
                serve.gunicorn_command(
                    f"127.0.0.1:{number}", log_dir / f"gunicorn-{name}-access.log"
                ),
            )
        supervisor.start("worker", serve.worker_command())
        for name, number in ports.items():
            serve.wait_for(
                lambda number=number: serve.port_open("127.0.0.1", number), f"gunicorn {name}"
            )
        vcl = serve.render_varnish(
            run_dir / "varnish", *(f"127.0.0.1:{number}" for number in ports.values())
        )
        supervisor.start(
            "varnish",
            serve.varnish_command(vcl, f"127.0.0.1:{varnish_port}", run_dir / "varnish" / "work"),
        )
        serve.wait_for(lambda: serve.port_open("127.0.0.1", varnish_port), "Varnish")
        if nginx:
            start_nginx(supervisor, run_dir, log_dir, port, varnish_port)
        workers = os.environ["WEB_CONCURRENCY"]
        for name, number in ports.items():
            say(
                f"app server {name}: http://127.0.0.1:{number}/ (gunicorn, {workers} worker(s); "
                f"access log {log_dir / f'gunicorn-{name}-access.log'})"
            )
        say(
            f"Varnish: http://127.0.0.1:{varnish_port}/ in front of "
            + " and ".join(ports)
            + " (round robin; publishing purges it through the task worker)"
        )
        say("task worker: manage.py db_worker (log " + str(log_dir / "worker.log") + ")")
        say(
            f"shared: PostgreSQL {serve.urlsplit(os.environ['DATABASE_URL']).path.lstrip('/')}, "
            f"Redis {os.environ['REDIS_URL']}, media {os.environ['MEDIA_ROOT']}"
        )
        front = f"http://127.0.0.1:{port}/" if nginx else f"http://127.0.0.1:{varnish_port}/"
        if nginx:
            say(f"nginx: {front} in front of Varnish (static and media files from disk)")
        say(f"the site: {front} (admin: {front}admin/). Ctrl-C stops everything.")
        return supervisor.watch()
    except BaseException:
        supervisor.stop()
        raise


if __name__ == "__main__":
    sys.exit(cluster())

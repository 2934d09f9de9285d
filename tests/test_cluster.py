"""Several app servers, proven on one machine: what `make cluster` (deploy/cluster.py) runs,
started on free ports for this module. Two gunicorn servers, A and B, with production settings,
behind one Varnish (deploy/varnish's VCL with a round-robin director over both, as
deploy/serve.py renders it), and one task worker (`manage.py db_worker`), all on this test's
PostgreSQL database, one Redis (a key prefix of their own) and one media folder.

Requests to the servers carry X-Real-IP as nginx would set it (BEHIND_PROXY=true), so each test
chooses the visitor's address. What it shows:

- Varnish sends requests to both servers;
- a session made by signing in on A works on B, and signing out on B ends it on A;
- an edit published through A's admin shows through Varnish within a second (the purge goes
  from the task worker to Varnish) and on B straight away;
- a document uploaded through A's admin is served by B (the shared media folder);
- the inquiry rate limit counts the posts of one address on both servers together;
- the admin sign-in lock-out (django-axes) counts wrong passwords on both servers together,
  and then refuses even the right password on both;
- with one server stopped, Varnish sends every request to the other."""

import importlib.util
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils.crypto import get_random_string
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from corporate.inquiries.models import InquirySubmission
from tests.admin_forms import edit_form_data
from tests.helpers import valid_data

ROOT = Path(__file__).resolve().parents[1]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The servers' INQUIRY_RATE_LIMIT_COUNT and AXES_FAILURE_LIMIT (production's defaults).
LIMIT = 5
PASSWORD = "cluster-password-1"
# The settings a test process may have that the servers must not inherit.
NOT_INHERITED = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "PYTEST_XDIST_WORKER",
    "PYTEST_XDIST_WORKER_COUNT",
    "PYTEST_CURRENT_TEST",
    "DEBUG",
    "INQUIRY_CLIENT_IP_HEADER",
    "SEARCH_BACKEND",
}


def redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL)


def redis_up():
    try:
        return redis_client().ping()
    except Exception:
        return False


pytestmark = [
    pytest.mark.skipif(not Path(VARNISHD).exists(), reason="varnishd is not installed"),
    pytest.mark.skipif(not redis_up(), reason="needs Redis at " + REDIS_URL),
]


def load_serve():
    spec = importlib.util.spec_from_file_location("deploy_serve", ROOT / "deploy" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_ports(count):
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def database_url():
    db = connection.settings_dict
    credentials = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Cluster:
    def __init__(self, serve, supervisor, env, ports, varnish_port, log_dir, prefix):
        self.serve, self.supervisor, self.env = serve, supervisor, env
        self.ports = ports  # {"a": port, "b": port}
        self.a, self.b = (f"http://127.0.0.1:{ports[name]}" for name in ("a", "b"))
        self.servers = (self.a, self.b)
        self.varnish = f"http://127.0.0.1:{varnish_port}"
        self.log_dir = log_dir
        self.prefix = prefix
        self.site = None  # the test's inquiry site (tests/helpers.build_inquiry_site)

    def start_server(self, name):
        self.supervisor.start(
            f"gunicorn-{name}",
            self.serve.gunicorn_command(
                f"127.0.0.1:{self.ports[name]}", self.log_dir / f"access-{name}.log"
            ),
            env=self.env,
        )

    def stop_server(self, name):
        for entry in list(self.supervisor.children):
            if entry[0] == f"gunicorn-{name}":
                entry[1].terminate()
                entry[1].wait(timeout=30)
                self.supervisor.children.remove(entry)

    def logs(self):
        """The end of each server's log (Django's errors go there), for failure messages."""
        return "\n".join(
            f"--- {path.name}\n" + path.read_text(errors="replace")[-2500:]
            for path in sorted(self.log_dir.glob("gunicorn-*.log"))
        )

    def check_alive(self):
        for name, process in self.supervisor.children:
            if process.poll() is not None:
                log = (self.log_dir / f"{name}.log").read_text(errors="replace")
                pytest.fail(f"{name} exited with {process.returncode}:\n{log[-3000:]}")

    def drain_tasks(self, seconds=30):
        """Wait until the worker has run every task the test queued: the next test's database
        state replaces the task table, and a worker whose running task's row vanished stops."""
        deadline = time.monotonic() + seconds
        while True:
            queued = DBTaskResult.objects.ready() | DBTaskResult.objects.running()
            if not queued.exists():
                return
            assert time.monotonic() < deadline, list(queued.values_list("task_path", "status"))
            time.sleep(0.1)

    def wait_until_up(self, *urls):
        for url in urls:
            wait_until_up(url + "/robots.txt", self.supervisor.children, self.log_dir)

    def forget(self):
        """Empty the servers' Redis keys (cache, sessions, counters) and Varnish's cache: each
        test starts from its own database state (tests/conftest.py), which the cached values
        of the last test do not describe."""
        client = redis_client()
        keys = list(client.scan_iter(match=f"{self.prefix}:*", count=500))
        if keys:
            client.delete(*keys)
        response = requests.request(
            "BAN", self.varnish + "/", headers={"X-Ban-Url": "^/"}, timeout=5
        )
        assert response.status_code == 200, response.text


def wait_until_up(url, processes, log_dir, seconds=90):
    deadline = time.monotonic() + seconds
    while True:
        for name, process in processes:
            if process.poll() is not None:
                log = (log_dir / f"{name}.log").read_text(errors="replace")
                pytest.fail(f"{name} exited with {process.returncode}:\n{log[-3000:]}")
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{url} did not answer within {seconds} s")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def _cluster(django_db_setup):
    serve = load_serve()
    serve.LABEL = "test_cluster"
    tmp = Path(tempfile.mkdtemp(prefix="guoping-cluster-"))
    log_dir = tmp / "log"
    for directory in (log_dir, tmp / "media", tmp / "private", tmp / "varnish"):
        directory.mkdir()
    port_a, port_b, varnish_port = free_ports(3)
    a, b, varnish = (f"http://127.0.0.1:{port}" for port in (port_a, port_b, varnish_port))
    prefix = f"cluster-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(
        {
            # The production settings over plain http on 127.0.0.1 (`make serve`'s local .env).
            "DJANGO_SETTINGS_MODULE": "corporate.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": prefix,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"{a},{b},{varnish}",
            "SITE_URL": varnish,
            "WAGTAILADMIN_BASE_URL": varnish,
            "BEHIND_PROXY": "true",
            **serve.PLAIN_HTTP,
            "VARNISH_URL": varnish,
            "TASKS_BACKEND": "database",
            "MEDIA_ROOT": str(tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
            "STATIC_ROOT": str(tmp / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "WEB_CONCURRENCY": "1",
            "INQUIRY_RATE_LIMIT_COUNT": str(LIMIT),
            "INQUIRY_RATE_LIMIT_WINDOW": "600",
            "AXES_FAILURE_LIMIT": str(LIMIT),
            "AXES_COOLOFF_HOURS": "1",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_LOG_LEVEL": "warning",
        }
    )
    supervisor = serve.Supervisor(log_dir)
    try:
        # The production settings' static storage needs collectstatic's manifest.
        collect = subprocess.Popen(
            [*serve.MANAGE, "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        supervisor.start(
            "worker", serve.worker_command("--interval", "0.1", "--no-startup-delay"), env=env
        )
        output = collect.communicate(timeout=120)[0]
        assert collect.returncode == 0, output.decode(errors="replace")[-3000:]
        cluster = Cluster(
            serve, supervisor, env, {"a": port_a, "b": port_b}, varnish_port, log_dir, prefix
        )
        cluster.start_server("a")
        cluster.start_server("b")
        cluster.wait_until_up(cluster.a, cluster.b)
        # Varnish once both answer (as `make cluster` does), so no probe finds a server down.
        vcl = serve.render_varnish(
            tmp / "varnish", f"127.0.0.1:{port_a}", f"127.0.0.1:{port_b}", site_url=varnish
        )
        command = serve.varnish_command(vcl, f"127.0.0.1:{varnish_port}", tmp / "varnish" / "n")
        supervisor.start("varnish", [*command, "-p", "ban_lurker_sleep=0.01"])
        cluster.wait_until_up(cluster.varnish)
        yield cluster
    finally:
        supervisor.stop()
        try:
            keys = list(redis_client().scan_iter(match=f"{prefix}:*", count=500))
            if keys:
                redis_client().delete(*keys)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def cluster(_cluster, inquiry_site_zh, transactional_db):
    """The running cluster, on the committed inquiry site (one database state for the whole
    module, so the cluster starts once), with empty caches."""
    _cluster.check_alive()
    _cluster.forget()
    _cluster.site = inquiry_site_zh
    yield _cluster
    _cluster.drain_tasks()


# -- visitors and editors -----------------------------------------------------------------------


def visitor(address):
    """A browser behind nginx at ``address`` (nginx's X-Real-IP), reading the admin in English."""
    session = requests.Session()
    session.headers.update({"X-Real-IP": address, "Accept-Language": "en"})
    return session


def csrf_token(session, url):
    response = session.get(url, timeout=30)
    assert response.status_code == 200, (url, response.status_code)
    return CSRF.search(response.text).group(1)


def sign_in(session, server, username, password):
    token = csrf_token(session, server + "/admin/login/")
    return session.post(
        server + "/admin/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": server + "/admin/login/"},
        allow_redirects=False,
        timeout=30,
    )


def make_editor(username, **extra):
    """A superuser whose password the servers' hashers (production's: PBKDF2 first) read; a
    cheap iteration count, upgraded by Django at the first sign-in."""
    salt = get_random_string(22)
    return get_user_model().objects.create(
        username=username,
        email=f"{username}@guoping-testing.example",
        password=PBKDF2PasswordHasher().encode(PASSWORD, salt, iterations=1000),
        is_staff=True,
        is_superuser=True,
        **extra,
    )


def signed_in_editor(server, username, address="198.51.100.10"):
    make_editor(username)
    session = visitor(address)
    response = sign_in(session, server, username, PASSWORD)
    assert response.status_code == 302, cluster.logs()
    return session


def signed_in(response):
    return response.status_code == 200 and "/admin/logout/" in response.text


class Remote:
    """What tests/admin_forms.py's edit_form_data needs of a client, over HTTP to one server."""

    def __init__(self, session, server):
        self.session, self.server = session, server

    def get(self, path):
        return self.session.get(self.server + path, timeout=30)


def anonymous_get(url):
    response = requests.get(url, timeout=30, allow_redirects=False)
    assert response.status_code == 200, (url, response.status_code)
    return response


# -- the tests ----------------------------------------------------------------------------------


def test_varnish_sends_requests_to_both_app_servers(cluster):
    for number in range(6):  # the admin is never cached: every request reaches a server
        response = requests.get(f"{cluster.varnish}/admin/login/?via=varnish-{number}", timeout=30)
        assert response.status_code == 200
        assert response.headers["X-Cache"] == "PASS"
    for name in ("a", "b"):
        log = (cluster.log_dir / f"access-{name}.log").read_text()
        assert "via=varnish-" in log, f"server {name.upper()} got nothing from Varnish"
    # Varnish's health probe (no User-Agent) finds both answering, every 5 s.
    probe = re.compile(r'"GET /robots\.txt HTTP/1\.1" 200 \d+ "-" "-"')
    deadline = time.monotonic() + 6
    for name in ("a", "b"):
        path = cluster.log_dir / f"access-{name}.log"
        while not probe.search(path.read_text()):
            assert time.monotonic() < deadline, f"no probe reached server {name.upper()}"
            time.sleep(0.2)


def test_a_session_made_on_one_server_works_on_the_other(cluster):
    session = signed_in_editor(cluster.a, "cluster-session")
    assert signed_in(session.get(cluster.b + "/admin/", timeout=30))
    assert signed_in(session.get(cluster.varnish + "/admin/", timeout=30))
    # Signing out on B ends the session on A too (one session store, in Redis).
    token = session.cookies["csrftoken"]
    response = session.post(
        cluster.b + "/admin/logout/",
        data={"csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    response = session.get(cluster.a + "/admin/", allow_redirects=False, timeout=30)
    assert response.status_code == 302 and "/admin/login/" in response.headers["Location"]


def test_a_page_published_on_one_server_shows_through_varnish_and_on_the_other(cluster, capsys):
    about = Page.objects.get(pk=cluster.site["about"].pk).specific
    page_url = about.url
    through_varnish = cluster.varnish + page_url
    anonymous_get(through_varnish)
    assert anonymous_get(through_varnish).headers["X-Cache"] == "HIT"
    old_title = about.title
    assert old_title in anonymous_get(cluster.b + page_url).text

    session = signed_in_editor(cluster.a, "cluster-editor")
    edit = f"/admin/pages/{about.pk}/edit/"
    data = edit_form_data(Remote(session, cluster.a), edit, about, form_id="page-edit-form")
    new_title = "公司简介（经由 A 发布）"
    data.update(
        {
            "title": new_title,
            "action-publish": "action-publish",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        }
    )
    response = session.post(cluster.a + edit, data=data, allow_redirects=False, timeout=60)
    assert response.status_code == 302, cluster.logs()
    published = time.monotonic()
    assert Page.objects.get(pk=about.pk).title == new_title

    # B reads the database and the shared cache: the new title at once.
    assert new_title in anonymous_get(cluster.b + page_url).text
    # Varnish: purged by the task worker, within a second.
    while new_title not in (response := anonymous_get(through_varnish)).text:
        assert time.monotonic() - published < 1.0, "the old page still comes from Varnish"
        time.sleep(0.05)
    seconds = time.monotonic() - published
    assert new_title in anonymous_get(cluster.a + page_url).text
    with capsys.disabled():
        print(
            f"\n[figure] published through server A: new text through Varnish after {seconds:.2f} s"
        )


def test_a_document_uploaded_on_one_server_is_served_by_the_other(cluster):
    session = signed_in_editor(cluster.a, "cluster-uploader")
    token = csrf_token(session, cluster.a + "/admin/documents/add/")
    body = b"shared media folder: written by A, read by B\n"
    response = session.post(
        cluster.a + "/admin/documents/add/",
        data={
            "title": "集群共享文件",
            "collection": str(Collection.get_first_root_node().pk),
            "csrfmiddlewaretoken": token,
        },
        files={"file": ("cluster-shared.txt", body, "text/plain")},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, cluster.logs()
    document = get_document_model().objects.get(title="集群共享文件")
    response = requests.get(cluster.b + document.url, timeout=30)
    assert response.status_code == 200
    assert response.content == body


def test_the_inquiry_rate_limit_counts_one_address_on_both_servers(cluster):
    contact_url = cluster.site["contact"].url
    session = visitor("203.0.113.40")
    token = csrf_token(session, cluster.a + contact_url)
    statuses = []
    for attempt in range(LIMIT + 1):
        server = cluster.servers[attempt % 2]
        response = session.post(
            server + contact_url,
            data={**valid_data(), "csrfmiddlewaretoken": token},
            headers={"Referer": server + contact_url},
            allow_redirects=False,
            timeout=30,
        )
        statuses.append(response.status_code)
    assert statuses == [303] * LIMIT + [429], statuses
    assert InquirySubmission.objects.count() == LIMIT
    # Another address is not affected, on either server.
    other = visitor("203.0.113.41")
    token = csrf_token(other, cluster.b + contact_url)
    response = other.post(
        cluster.b + contact_url,
        data={**valid_data(), "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 303


def test_the_sign_in_lock_out_counts_wrong_passwords_on_both_servers(cluster):
    make_editor("cluster-locked")
    session = visitor("203.0.113.60")
    statuses = [
        sign_in(session, cluster.servers[attempt % 2], "cluster-locked", "wrong").status_code
        for attempt in range(LIMIT)
    ]
    # The form again with an error LIMIT - 1 times, then locked: three on one, two on the other.
    assert statuses == [200] * (LIMIT - 1) + [429], statuses
    for server in cluster.servers:
        response = sign_in(session, server, "cluster-locked", PASSWORD)
        assert response.status_code == 429, server
        assert not signed_in(session.get(server + "/admin/", timeout=30))
    attempt = AccessAttempt.objects.get(username="cluster-locked", ip_address="203.0.113.60")
    assert attempt.failures_since_start >= LIMIT  # the refused attempts count on


def test_when_one_server_stops_varnish_sends_everything_to_the_other(cluster):
    cluster.stop_server("b")
    try:
        # Round robin would give every second request to B: Varnish tries A instead (a GET
        # whose server fails goes once to the next; the probe then takes B out).
        for number in range(4):
            response = requests.get(f"{cluster.varnish}/admin/login/?alone={number}", timeout=30)
            assert response.status_code == 200, response.status_code
        assert anonymous_get(cluster.varnish + cluster.site["about"].url).status_code == 200
    finally:
        cluster.start_server("b")
        cluster.wait_until_up(cluster.b)
    log = (cluster.log_dir / "access-a.log").read_text()
    assert all(f"alone={number}" in log for number in range(4))

"""The inquiry rate limit is shared and atomic: two gunicorn processes (threads in each) on one
Redis, 40 posts from one address at once, and exactly the limit (5) gets through."""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.db import connection

from corporate.inquiries.models import InquirySubmission
from tests.helpers import build_inquiry_site, valid_data

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_up():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL).ping()
    except Exception:
        return False


@pytest.fixture
def app_servers():
    """Start gunicorn processes on the test database, sharing one Redis (a fresh key prefix)."""
    processes, urls = [], []
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "corporate.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
    }

    def start(count):
        for _ in range(count):
            port = free_port()
            processes.append(
                subprocess.Popen(
                    [
                        str(Path(sys.executable).parent / "gunicorn"),
                        "--no-control-socket",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--threads",
                        "8",
                        "--log-level",
                        "warning",
                        "corporate.wsgi:application",
                    ],
                    cwd=ROOT,
                    env=env,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        for url in urls:
            while True:
                try:
                    requests.get(url + "/", timeout=20)
                    break
                except (requests.ConnectionError, requests.Timeout):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
        return urls

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=15)


@pytest.mark.skipif(not redis_up(), reason="needs Redis at " + REDIS_URL)
@pytest.mark.django_db(transaction=True)
def test_two_server_processes_admit_exactly_the_limit_of_40_concurrent_posts(app_servers, capsys):
    tree = build_inquiry_site(english=False)
    path = tree["contact"].url
    urls = app_servers(2)

    # Each visitor first loads the form (session and CSRF token), then all post at once.
    sessions = []
    for i in range(40):
        session = requests.Session()
        base = urls[i % 2]
        # Connection: close, so the post opens a new connection rather than reusing one that
        # gunicorn's keep-alive timeout (2 s) may have closed while the other forms loaded.
        form = session.get(base + path, timeout=10, headers={"Connection": "close"})
        token = CSRF.search(form.text).group(1)
        sessions.append((session, base, token))

    def post(args):
        session, base, token = args
        response = session.post(
            base + path,
            data={**valid_data(), "csrfmiddlewaretoken": token},
            headers={"Referer": base + path},
            timeout=30,
        )
        return response.status_code

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(post, sessions))

    assert statuses.count(200) == 5, statuses
    assert statuses.count(429) == 35, statuses
    assert InquirySubmission.objects.count() == 5
    with capsys.disabled():
        print(
            f"\n[figure] 40 concurrent inquiry posts over 2 gunicorn processes x 8 threads: "
            f"{statuses.count(200)} admitted, {statuses.count(429)} refused (limit 5)"
        )

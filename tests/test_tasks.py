"""Background tasks with a real worker process (`manage.py db_worker`, production settings) and
a real SMTP server on 127.0.0.1: a slow mail server no longer delays the inquiry's thank-you
page, and a send that keeps failing is tried again with back-off, then flagged on the
dashboard, where an editor can send it again."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, Page

from corporate.inquiries.models import InquirySubmission
from search.models import SearchQueryLog
from search.tasks import prune_search_log
from tests.helpers import build_inquiry_site, valid_data

ROOT = Path(__file__).resolve().parents[1]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SMTP_DELAY = 5.0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    """An SMTP server's DATA handler: waits ``delay`` seconds, then accepts or refuses."""

    def __init__(self, delay=0.0, refuse=False):
        self.delay = delay
        self.refuse = refuse
        self.attempts = []
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        self.attempts.append(time.monotonic())
        await asyncio.sleep(self.delay)
        if self.refuse:
            return "451 4.3.0 Mail server busy, try again later"
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


@pytest.fixture
def smtp():
    servers = []

    def start(**kwargs):
        handler = RecordingHandler(**kwargs)
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        return handler, controller.port

    yield start
    for controller in servers:
        controller.stop()


def mail_settings(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 20


def database_url_for_processes():
    """The URL of the database the tests run on (test_<name>), for processes they start."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker():
    """Start ``manage.py db_worker`` on the test database with production settings."""
    processes = []

    def start(smtp_port, attempts=3, delay=0.5):
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "corporate.settings.production",
            "SECRET_KEY": "worker-test-key-" + "x" * 40,
            "DATABASE_URL": database_url_for_processes(),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "TASK_MAX_ATTEMPTS": str(attempts),
            "TASK_RETRY_DELAY": str(delay),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("REDIS_URL", None)
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def post_inquiry(url, **overrides):
    started = time.monotonic()
    response = Client(REMOTE_ADDR=f"198.51.100.{int(started * 1000) % 250 + 1}").post(
        url,
        valid_data(**overrides),
        follow=True,  # the 303 to the thank-you page, followed
    )
    return response, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_slow_mail_server_no_longer_delays_the_thank_you_page(settings, smtp, worker, capsys):
    tree = build_inquiry_site(english=False)
    url = tree["contact"].url
    handler, port = smtp(delay=SMTP_DELAY)
    mail_settings(settings, port)

    # Before: the e-mail sent inside the request (the immediate backend, as `make run` does).
    response, inline_seconds = post_inquiry(url, name="王五")
    assert response.status_code == 200
    assert inline_seconds >= SMTP_DELAY

    # After: queued on the database; the worker process sends it.
    settings.TASKS = DATABASE_TASKS
    worker(port)
    response, queued_seconds = post_inquiry(url)
    assert response.status_code == 200
    assert queued_seconds < SMTP_DELAY / 2, queued_seconds  # no SMTP in the request
    submission = InquirySubmission.objects.latest("submit_time")
    assert submission.reference in response.content.decode()  # the visitor's reference number
    assert submission.mail_sent_at is None  # not sent yet: the page did not wait
    assert wait_until(lambda: InquirySubmission.objects.get(pk=submission.pk).mail_sent_at)
    assert any(submission.reference in message for message in handler.messages)
    with capsys.disabled():
        print(
            f"\n[figure] inquiry POST with a {SMTP_DELAY:.0f} s SMTP server: "
            f"{inline_seconds * 1000:.0f} ms in the request, {queued_seconds * 1000:.0f} ms queued"
        )


@pytest.mark.django_db(transaction=True)
def test_failed_send_is_retried_with_back_off_then_flagged_and_can_be_resent(
    settings, smtp, worker
):
    tree = build_inquiry_site(english=False)
    handler, port = smtp(refuse=True)
    settings.TASKS = DATABASE_TASKS
    worker(port, attempts=3, delay=0.5)
    response, _seconds = post_inquiry(tree["contact"].url)
    assert response.status_code == 200
    submission = InquirySubmission.objects.latest("submit_time")

    assert wait_until(lambda: InquirySubmission.objects.get(pk=submission.pk).mail_error, 40)
    submission.refresh_from_db()
    assert submission.mail_sent_at is None
    assert "451" in submission.mail_error
    assert len(handler.attempts) == 3  # tried three times ...
    gaps = [b - a for a, b in zip(handler.attempts, handler.attempts[1:], strict=False)]
    assert gaps[0] >= 0.5 and gaps[1] >= 1.0  # ... waiting 0.5 s, then 1 s (back-off)
    results = DBTaskResult.objects.filter(task_path__endswith="send_inquiry_notification")
    assert results.count() == 3
    assert results.filter(status="FAILED").count() == 1  # the last one, with the traceback

    # The dashboard flags it, in the editor's language.
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client = Client()
    client.force_login(admin)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with translation.override("en"):
        assert "was not e-mailed to the recipients" in html
        resend_label = gettext("Send the e-mail again")
    assert resend_label in html

    # An editor sends it again once the mail server is back.
    handler.refuse = False
    response = client.post(
        f"/admin/inquiries/{submission.pk}/resend/", HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert response.status_code == 200
    assert wait_until(lambda: InquirySubmission.objects.get(pk=submission.pk).mail_sent_at, 20)
    submission.refresh_from_db()
    assert submission.mail_error == ""
    assert any(submission.reference in message for message in handler.messages)


@pytest.mark.django_db(transaction=True)
def test_publishing_queues_the_index_update_for_the_worker(settings):
    tree = build_inquiry_site(english=False)
    settings.TASKS = DATABASE_TASKS
    page = tree["about"]
    page.title = "关于国评检测"
    page.save_revision().publish()
    queued = DBTaskResult.objects.filter(task_path="search.tasks.update_search_index")
    assert queued.filter(status="READY").exists()
    assert [str(page.pk)] in [r.args_kwargs["args"][2:] for r in queued]


def test_search_log_is_pruned_after_the_retention(db, settings, zh):
    import datetime

    from django.utils import timezone

    settings.SEARCH_LOG_RETENTION_DAYS = 180
    today = timezone.localdate()
    for days in (0, 179, 181, 400):
        SearchQueryLog.objects.create(
            locale=zh, query_string=f"q{days}", date=today - datetime.timedelta(days=days)
        )
    assert prune_search_log.call() == 2
    assert sorted(SearchQueryLog.objects.values_list("query_string", flat=True)) == [
        "q0",
        "q179",
    ]


@pytest.mark.django_db(transaction=True)
def test_the_traditional_copy_waits_for_the_quick_tasks_of_a_publish(settings):
    """The worker claims the search-index update (and the cache purge, the pushes: default
    priority) before the seconds-long Traditional copy, whatever order they were queued in."""
    tree = build_inquiry_site(english=False)
    settings.TASKS = DATABASE_TASKS
    page = tree["about"]
    page.title = "关于国评检测"
    page.save_revision().publish()
    claim_order = [
        result.task_path.rsplit(".", 1)[1]
        for result in DBTaskResult.objects.ready().filter(backend_name="default")
    ]
    assert {"update_search_index", "generate_traditional"} <= set(claim_order)
    first_traditional = claim_order.index("generate_traditional")
    assert set(claim_order[first_traditional:]) == {"generate_traditional"}, claim_order


@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_the_traditional_copy_of_a_published_page(settings, worker):
    tree = build_inquiry_site(english=False)
    settings.TASKS = DATABASE_TASKS
    page = tree["about"]
    page.title = "关于国评检测"
    page.save_revision().publish()
    queued = DBTaskResult.objects.filter(
        task_path="corporate.translations.tasks.generate_traditional"
    )
    assert queued.filter(status="READY").exists()  # nothing written in the request

    worker(free_port())  # no mail is sent: any closed port will do
    traditional = Locale.objects.get_or_create(language_code="zh-hant")[0]

    def copied():
        copy = Page.objects.filter(translation_key=page.translation_key, locale=traditional)
        return copy.filter(title="關於國評檢測", live=True).exists()

    assert wait_until(copied, 60), list(queued.values_list("status", "exception_class_path"))
    assert not queued.exclude(status="SUCCESSFUL").exists()
    copy = page.get_translation(traditional)
    # Under the Traditional copy of the Chinese page's parent, written first.
    assert copy.get_parent().translation_key == page.get_parent().translation_key
    assert copy.get_parent().locale == traditional

"""New addresses pushed to Baidu (普通收录) and IndexNow on publish, against a local HTTP server
standing in for both: what arrives (URLs, token, content type, key), retries of a failing
endpoint, publishing never held up or failed by them, the status editors see."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from wagtail.models import PageLogEntry

from corporate.core.models import SearchEnginePush
from corporate.translations import traditional
from tests import factories

pytestmark = pytest.mark.django_db

KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
TOKEN = "baidu-token-123"
SITE = "http://localhost"


class Recorder(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("utf-8")
        server = self.server
        path = urlsplit(self.path).path
        server.requests.append(
            {
                "path": path,
                "query": parse_qs(urlsplit(self.path).query),
                "content_type": self.headers.get("Content-Type"),
                "body": body,
            }
        )
        statuses = server.statuses.get(path, [])
        status = statuses.pop(0) if statuses else 200
        if path == "/urls":
            answer = (
                {"remain": 4999, "success": len(body.splitlines())}
                if status == 200
                else {
                    "error": status,
                    "message": "server error",
                }
            )
        else:
            answer = {}
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoints():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.requests = []
    server.statuses = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def push_to(settings, endpoints):
    base = f"http://127.0.0.1:{endpoints.server_port}"
    settings.BAIDU_PUSH_SITE = SITE
    settings.BAIDU_PUSH_TOKEN = TOKEN
    settings.BAIDU_PUSH_ENDPOINT = f"{base}/urls"
    settings.INDEXNOW_KEY = KEY
    settings.INDEXNOW_ENDPOINT = f"{base}/indexnow"
    settings.TASK_MAX_ATTEMPTS = 3
    settings.SEARCH_PUSH_TIMEOUT = 5
    return endpoints


@pytest.fixture
def pushing(settings, endpoints):
    """Pushes of the pages a test publishes. Their Traditional copies (written at commit, and
    pushed in turn) are left out here: test_the_traditional_copies_are_pushed_too has them."""
    with traditional.paused():
        yield push_to(settings, endpoints)


@pytest.fixture
def pushing_every_language(settings, endpoints):
    return push_to(settings, endpoints)


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def requests_to(server, path):
    return [r for r in server.requests if r["path"] == path]


def test_first_publication_is_pushed_to_both(
    site_tree, pushing, django_capture_on_commit_callbacks
):
    page = factories.StandardPageFactory(
        parent=site_tree["home"], title="新页面", slug="new-page", live=False
    )
    publish(page, django_capture_on_commit_callbacks)
    url = "http://localhost/new-page/"
    [baidu] = requests_to(pushing, "/urls")
    assert baidu["query"] == {"site": [SITE], "token": [TOKEN]}
    assert baidu["content_type"] == "text/plain"
    assert baidu["body"] == url
    [indexnow] = requests_to(pushing, "/indexnow")
    assert indexnow["content_type"] == "application/json; charset=utf-8"
    assert json.loads(indexnow["body"]) == {
        "host": "localhost",
        "key": KEY,
        "keyLocation": f"http://localhost/{KEY}.txt",
        "urlList": [url],
    }
    pushes = SearchEnginePush.objects.filter(page=page)
    assert {(p.engine, p.status, p.url, p.attempts) for p in pushes} == {
        ("baidu", "pushed", url, 1),
        ("indexnow", "pushed", url, 1),
    }
    assert (
        PageLogEntry.objects.filter(page=page, action="corporate.search_push.pushed").count() == 2
    )

    # Published again at the same address: nothing new is pushed.
    publish(page, django_capture_on_commit_callbacks)
    assert len(pushing.requests) == 2


def test_the_traditional_copies_are_pushed_too(
    site_tree, pushing_every_language, django_capture_on_commit_callbacks
):
    page = factories.StandardPageFactory(
        parent=site_tree["home"], title="新页面", slug="new-page", live=False
    )
    publish(page, django_capture_on_commit_callbacks)
    pushed = sorted(r["body"] for r in requests_to(pushing_every_language, "/urls"))
    # The Chinese page, then its Traditional copy and the Traditional home written before it.
    assert pushed == [
        "http://localhost/new-page/",
        "http://localhost/zh-hant/",
        "http://localhost/zh-hant/new-page/",
    ]
    copy = page.get_translation(traditional.traditional_locale())
    assert SearchEnginePush.objects.filter(page=copy, status="pushed").count() == 2

    # Published again at the same address: nothing new is pushed, in either script.
    count = len(pushing_every_language.requests)
    publish(page, django_capture_on_commit_callbacks)
    assert len(pushing_every_language.requests) == count


def test_a_changed_address_is_pushed_with_the_pages_below(
    site_tree, pushing, django_capture_on_commit_callbacks
):
    parent = factories.StandardPageFactory(parent=site_tree["home"], slug="parent", live=False)
    publish(parent, django_capture_on_commit_callbacks)
    child = factories.StandardPageFactory(parent=parent, slug="child", live=False)
    publish(child, django_capture_on_commit_callbacks)
    pushing.requests.clear()
    parent.slug = "renamed"
    publish(parent, django_capture_on_commit_callbacks)
    pushed = sorted(r["body"] for r in requests_to(pushing, "/urls"))
    assert pushed == ["http://localhost/renamed/", "http://localhost/renamed/child/"]


def test_english_pages_are_pushed_and_hidden_pages_are_not(
    site_tree, pushing, django_capture_on_commit_callbacks, en
):
    home = site_tree["home"].copy_for_translation(en)
    home.title = "Home"
    home.hero_headline = "Environmental testing"
    home.hero_intro = "Water, air and soil."
    home.save()
    publish(home, django_capture_on_commit_callbacks)
    pushing.requests.clear()
    english = site_tree["about"].copy_for_translation(en)
    english.title = "About Us"
    english.intro = "Introduction."
    english.body = factories.paragraph("English text.")
    english.save()
    publish(english, django_capture_on_commit_callbacks)
    assert [r["body"] for r in requests_to(pushing, "/urls")] == ["http://localhost/en/about/"]
    hidden = factories.StandardPageFactory(
        parent=site_tree["home"], slug="hidden", noindex=True, live=False
    )
    publish(hidden, django_capture_on_commit_callbacks)
    assert len(requests_to(pushing, "/urls")) == 1
    assert not SearchEnginePush.objects.filter(page=hidden).exists()


def test_a_failing_endpoint_is_retried_and_never_blocks_publishing(
    site_tree, pushing, django_capture_on_commit_callbacks
):
    pushing.statuses = {"/urls": [500, 502], "/indexnow": [503, 503, 503, 503]}
    page = factories.StandardPageFactory(parent=site_tree["home"], slug="retried", live=False)
    publish(page, django_capture_on_commit_callbacks)
    assert page.live
    assert Client().get("/retried/").status_code == 200
    assert len(requests_to(pushing, "/urls")) == 3  # two failures, then success
    assert len(requests_to(pushing, "/indexnow")) == 3  # TASK_MAX_ATTEMPTS
    baidu = SearchEnginePush.objects.get(page=page, engine="baidu")
    indexnow = SearchEnginePush.objects.get(page=page, engine="indexnow")
    assert (baidu.status, baidu.attempts) == ("pushed", 3)
    assert (indexnow.status, indexnow.attempts) == ("failed", 3)
    assert "503" in indexnow.detail
    assert PageLogEntry.objects.filter(page=page, action="corporate.search_push.failed").exists()


def test_an_unreachable_endpoint_and_a_refusal_fail_without_harm(
    site_tree, pushing, settings, django_capture_on_commit_callbacks
):
    settings.INDEXNOW_ENDPOINT = "http://127.0.0.1:9/indexnow"  # discard port: refused
    pushing.statuses = {"/urls": [401]}  # a wrong token: final, no retry
    page = factories.StandardPageFactory(parent=site_tree["home"], slug="refused", live=False)
    publish(page, django_capture_on_commit_callbacks)
    assert page.live
    assert len(requests_to(pushing, "/urls")) == 1
    statuses = dict(SearchEnginePush.objects.filter(page=page).values_list("engine", "status"))
    assert statuses == {"baidu": "failed", "indexnow": "failed"}


def test_off_without_credentials(
    site_tree, endpoints, settings, django_capture_on_commit_callbacks
):
    settings.BAIDU_PUSH_ENDPOINT = f"http://127.0.0.1:{endpoints.server_port}/urls"
    settings.BAIDU_PUSH_SITE = settings.BAIDU_PUSH_TOKEN = settings.INDEXNOW_KEY = ""
    page = factories.StandardPageFactory(parent=site_tree["home"], slug="quiet", live=False)
    publish(page, django_capture_on_commit_callbacks)
    assert endpoints.requests == []
    assert not SearchEnginePush.objects.exists()
    assert Client().get(f"/{KEY}.txt").status_code == 404


def test_the_indexnow_key_file_is_served(site_tree, pushing):
    response = Client().get(f"/{KEY}.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == KEY
    assert Client().get("/0000000000000000.txt").status_code == 404


def test_editors_see_pushed_or_failed_on_the_page(
    site_tree, pushing, django_capture_on_commit_callbacks, client, django_user_model
):
    pushing.statuses = {"/indexnow": [400]}
    page = factories.StandardPageFactory(parent=site_tree["home"], slug="shown", live=False)
    publish(page, django_capture_on_commit_callbacks)
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    panel = html.split("data-search-push", 1)[1].split("</table>", 1)[0]
    assert 'data-engine="baidu" data-status="pushed"' in panel
    assert 'data-engine="indexnow" data-status="failed"' in panel
    assert "http://localhost/shown/" in panel
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "http://localhost/shown/" in history or "baidu" in history.lower()

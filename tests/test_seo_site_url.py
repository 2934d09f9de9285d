"""Absolute URLs come from the site's real address: the demo site served by a WSGI server on
127.0.0.1 on a port the test chooses, after `set_site_url` (what `make run` does through
ensure_demo_admin --site-url, and production through SITE_URL on migrate). Every absolute URL
of our own in the pages, feeds, sitemaps, robots.txt, share links, QR codes and the inquiry
e-mail must be that address: none says localhost, testserver or another port."""

import re
import threading
import urllib.request
from html import unescape
from urllib.parse import unquote, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import Client
from wagtail.models import Locale, Site

from corporate.core.seo.site_url import apply_site_url, parse_site_url
from corporate.inquiries.models import ContactPage
from news.models import NewsArticlePage
from news.sharing import qr_code_svg
from tests.helpers import make_site_tree, translated

pytestmark = pytest.mark.django_db(transaction=True)

ABSOLUTE = re.compile(r"(?:https?:)?//[A-Za-z0-9.\-]+(?::\d+)?[^\s\"'<>)]*")
OURS = {"localhost", "127.0.0.1", "testserver", "[::1]"}


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadedServer(WSGIServer):
    daemon_threads = True


@pytest.fixture
def served_site(demo_site):
    """The demo site (the session's snapshot) behind a WSGI server on 127.0.0.1:<free port>, in
    its own thread."""
    server = make_server(
        "127.0.0.1", 0, WSGIHandler(), server_class=ThreadedServer, handler_class=QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    call_command("set_site_url", base, verbosity=0)
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        connections.close_all()


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
        return response.status, response.read().decode("utf-8")


def our_urls(text):
    """Absolute URLs in ``text`` (also inside share links' query strings) whose host is this
    site's, any other port or name it might wrongly carry included."""
    text = unquote(unescape(text))
    found = []
    for url in ABSOLUTE.findall(text):
        host = urlsplit(url if "://" in url else "http:" + url).hostname or ""
        if host in OURS or host.endswith(".localhost"):
            found.append(url)
    return found


def test_every_absolute_url_is_the_served_address(served_site):
    base = served_site
    en = Locale.objects.get(language_code="en")
    article = NewsArticlePage.objects.get(
        slug="shandong-improves-eco-environmental-law-enforcement", locale__language_code="zh-hans"
    )
    english_article = article.get_translation(en)
    paths = [
        "/",
        "/en/",
        "/about/",
        "/en/about/",
        article.url,
        english_article.url,
        "/news/",
        "/news/feed/",
        "/en/news/feed/",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-zh-hans.xml",
        "/sitemap-en.xml",
        "/contact/",
    ]
    wrong = []
    seen = 0
    for path in paths:
        status, body = fetch(base + path)
        assert status == 200, path
        urls = our_urls(body)
        seen += len(urls)
        wrong += [(path, url) for url in urls if not url.startswith(base + "/")]
    assert wrong == []
    assert seen > 500  # canonical, hreflang, og:*, JSON-LD, sitemap entries, feed items ...

    # The article's share links and its WeChat QR code carry the served address.
    _status, html = fetch(base + article.url)
    assert f'value="{base}{article.url}"' in html
    weibo = re.search(r'class="share__weibo" href="([^"]+)"', html).group(1)
    assert f"url={base}{article.url}" in unquote(unescape(weibo))
    drawn = re.search(r'<svg class="share__qr".*?</svg>', html, re.S).group(0)
    expected = qr_code_svg(f"{base}{article.url}", "x")
    path_data = re.compile(r'<path[^>]* d="([^"]+)"')
    assert path_data.search(drawn).group(1) == path_data.search(expected).group(1)

    # The inquiry e-mail links to the contact page at the served address.
    contact = ContactPage.objects.get(locale__language_code="zh-hans")
    data = {
        "name": "张三",
        "company": "济南示例环保科技有限公司",
        "phone": "138 1234 5678",
        "email": "zhang.san@example.com",
        "service": "soil-testing",
        "sample_type": "土壤和沉积物",
        "location": "山东省济南市历城区",
        "message": "建设用地土壤检测，约 20 个样品。",
        "consent": "on",
    }
    response = Client().post(contact.url, data, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert f"{base}{contact.url}" in body
    assert [url for url in our_urls(body) if not url.startswith(base + "/")] == []


def test_site_url_is_checked_and_applied():
    assert parse_site_url("https://www.example.com") == ("www.example.com", 443)
    assert parse_site_url("http://127.0.0.1:8123/") == ("127.0.0.1", 8123)
    for bad in (
        "www.example.com",
        "ftp://x.example.com",
        "https://x.example.com/path",
        "https://x.example.com:8443",
        "",
    ):
        with pytest.raises(ValidationError):
            parse_site_url(bad)
    make_site_tree()
    site = apply_site_url("https://www.guoping-testing.example")
    assert Site.objects.get(is_default_site=True).root_url == "https://www.guoping-testing.example"
    assert site.root_page.full_url == "https://www.guoping-testing.example/"
    refusal = translated(
        "%(url)s is not a site address such as https://www.example.com",
        url="guoping-testing.example",
    )
    with pytest.raises(CommandError, match=re.escape(refusal)):
        call_command("set_site_url", "guoping-testing.example")

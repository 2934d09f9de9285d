"""Varnish (Debian's varnishd) with deploy/varnish's VCL in front of the live test server:
anonymous pages come from the cache, forms, the admin and signed-in visitors never do, and
publishing (through Wagtail's frontend_cache and corporate/operations/frontend_cache.py)
drops every address that shows a page, so the change shows at once in every language, on the
news list, the home page and the feed."""

import gzip
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from corporate.core.models import SeoSettings
from corporate.operations import frontend_cache
from tests import factories
from tests.helpers import valid_data

ROOT = Path(__file__).resolve().parents[1]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_vcl(path, backend):
    text = (ROOT / "deploy" / "varnish" / "default.vcl.in").read_text(encoding="utf-8")
    path.write_text(text.replace("@BACKEND@", backend).replace("@TTL@", "3600"), "utf-8")
    return path


@pytest.fixture(scope="module")
def varnish(live_server):
    if not Path(VARNISHD).exists():
        pytest.fail(
            "varnishd is missing: install Debian's varnish (`make system-deps` does), "
            "e.g. `apt-get install varnish`"
        )
    tmp = Path(tempfile.mkdtemp(prefix="guoping-varnish-"))
    host, port = live_server.url.rsplit("//", 1)[1].split(":")
    vcl = render_vcl(tmp / "default.vcl", f'.host = "{host}"; .port = "{port}";')
    listen = free_port()
    command = [VARNISHD, "-F", "-a", f"127.0.0.1:{listen}", "-f", str(vcl), "-n", str(tmp / "n")]
    command += ["-s", "malloc,64m", "-T", "none", "-S", "none", "-p", "ban_lurker_sleep=0.01"]
    if os.geteuid() == 0:
        command += ["-j", "none"]
    process = subprocess.Popen(
        command,
        stdout=open(tmp / "varnish.log", "wb"),  # noqa: SIM115, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{listen}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", listen), timeout=0.5).close()
            break
        except OSError:
            assert process.poll() is None, (tmp / "varnish.log").read_text()
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=20)
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def cache_on(varnish, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "corporate.operations.frontend_cache.VarnishBackend",
            "LOCATION": varnish,
        }
    }
    # Every test starts from an empty cache (the database is reset between tests).
    requests.request("BAN", varnish + "/", headers={"X-Ban-Url": "^/"}, timeout=5)
    return varnish


def get(url, **kwargs):
    response = requests.get(url, timeout=30, allow_redirects=False, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return response


def cached_twice(url):
    first, second = get(url), get(url)
    assert first.headers["X-Cache"] == "MISS", url
    assert second.headers["X-Cache"] == "HIT", url
    assert "Age" in second.headers
    return second


def shows_within_a_second(url, text):
    deadline = time.monotonic() + 1.0
    while True:
        response = get(url)
        if text in response.text:
            return response
        assert time.monotonic() < deadline, f"{text!r} not on {url} after a second"
        time.sleep(0.05)


def publish_title(page, title):
    page = Page.objects.get(pk=page.pk).specific
    page.title = title
    page.save_revision().publish()


# -- what is cached and what never is ---------------------------------------------------------


def test_pages_feed_sitemap_and_static_files_come_from_the_cache(translated_tree, cache_on):
    for path in ("/", "/en/", "/news/", "/en/news/", "/news/feed/", "/sitemap.xml"):
        cached_twice(cache_on + path)
    static = sorted((ROOT / "corporate" / "core" / "static").rglob("*.css"))[0]
    relative = static.relative_to(ROOT / "corporate" / "core" / "static").as_posix()
    # The live server's static handler here; in production nginx serves them before Varnish.
    response = get(f"{cache_on}/static/{relative}")
    assert response.headers["X-Cache"] == "MISS"
    assert get(f"{cache_on}/static/{relative}").headers["X-Cache"] == "HIT"


def test_a_visitors_first_view_writes_nothing_and_keeps_the_cache(translated_tree, cache_on):
    # The site's SEO settings have never been saved: a view reads their defaults and must not
    # create the row, whose save would purge every cached page (Wagtail's for_site did).
    assert not SeoSettings.objects.exists()
    cached_twice(cache_on + "/en/")
    for path in ("/", "/news/", "/robots.txt", "/sitemap.xml"):
        get(cache_on + path)
    assert not SeoSettings.objects.exists()
    assert get(cache_on + "/en/").headers["X-Cache"] == "HIT"


def test_pages_are_stored_compressed_and_unpacked_for_a_client_without_gzip(
    translated_tree, cache_on
):
    cached_twice(cache_on + "/news/")
    packed = get(cache_on + "/news/", headers={"Accept-Encoding": "gzip"}, stream=True)
    assert packed.headers["X-Cache"] == "HIT"
    assert packed.headers["Content-Encoding"] == "gzip"
    raw = packed.raw.read(decode_content=False)
    plain = get(cache_on + "/news/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.headers["X-Cache"] == "HIT"  # the same stored copy, unpacked by Varnish
    assert gzip.decompress(raw).decode() == plain.text
    assert len(raw) < len(plain.content) / 3


def test_chinese_pages_do_not_vary_on_the_browser_language(translated_tree, cache_on):
    home = get(cache_on + "/", headers={"Accept-Language": "en"})
    assert "accept-language" not in home.headers.get("Vary", "").lower()
    again = get(cache_on + "/", headers={"Accept-Language": "de"})
    assert again.headers["X-Cache"] == "HIT"
    assert 'lang="zh-hans"' in again.text or 'lang="zh-Hans"' in again.text
    admin = requests.get(cache_on + "/admin/login/", timeout=30)
    assert "accept-language" in admin.headers.get("Vary", "").lower()


def test_admin_and_signed_in_visitors_never_come_from_the_cache(translated_tree, cache_on):
    for _ in range(2):
        assert requests.get(cache_on + "/admin/login/", timeout=30).headers["X-Cache"] != "HIT"
    user = get_user_model().objects.create_superuser("varnish", "v@example.com", "pw-123456")
    client = Client()
    client.force_login(user)
    session = {"sessionid": client.cookies["sessionid"].value}
    cached_twice(cache_on + "/")  # the anonymous copy is in the cache ...
    for _ in range(2):  # ... yet a signed-in editor always gets the app's own page
        assert get(cache_on + "/", cookies=session).headers["X-Cache"] != "HIT"


def test_purge_and_ban_only_from_this_machine_directly(cache_on):
    through_nginx = {"X-Real-IP": "203.0.113.9"}
    assert requests.request("PURGE", cache_on + "/", headers=through_nginx).status_code == 405
    assert requests.request("BAN", cache_on + "/", headers=through_nginx).status_code == 405


def test_a_visitor_can_send_the_contact_form_through_the_cache(inquiry_site_zh, cache_on):
    url = cache_on + inquiry_site_zh["contact"].url
    first, second = get(url), get(url)
    for response in (first, second):  # a page with a form: never stored, own token each time
        assert response.headers["X-Cache"] != "HIT"
        assert "csrftoken" in response.cookies
    assert first.cookies["csrftoken"] != second.cookies["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second.text).group(1)
    response = requests.post(
        url,
        data={**valid_data(), "csrfmiddlewaretoken": token},
        cookies={"csrftoken": second.cookies["csrftoken"]},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 303, response.text[:500]
    thanks = requests.get(cache_on + response.headers["Location"], timeout=30)
    assert thanks.status_code == 200


# -- publishing keeps it true ------------------------------------------------------------------


def test_an_edited_article_shows_at_once_in_both_languages(translated_tree, cache_on):
    tree, english = translated_tree
    article, article_en = tree["article"], english["article"]
    zh_url, en_url = cache_on + article.url, cache_on + article_en.url
    for url in (zh_url, en_url, cache_on + "/news/", cache_on + "/", cache_on + "/news/feed/"):
        cached_twice(url)
    publish_title(article, "执法效能新标题")
    shows_within_a_second(zh_url, "执法效能新标题")
    shows_within_a_second(cache_on + "/news/", "执法效能新标题")
    shows_within_a_second(cache_on + "/news/feed/", "执法效能新标题")
    publish_title(article_en, "A new headline on enforcement")
    shows_within_a_second(en_url, "A new headline on enforcement")
    shows_within_a_second(cache_on + "/en/news/", "A new headline on enforcement")
    assert "执法效能新标题" not in get(en_url).text


def test_a_new_article_shows_on_the_news_list_home_page_and_feed(translated_tree, cache_on):
    tree, _english = translated_tree
    year = timezone.localdate().year
    urls = ["/news/", "/", "/news/feed/", f"/news/year/{year}/", "/sitemap-zh-hans.xml"]
    for path in urls:
        cached_twice(cache_on + path)
    article = factories.NewsArticlePageFactory(
        parent=tree["news"], title="新发布的检测新闻", slug="fresh-news", live=False
    )
    article.save_revision().publish()
    for path in urls[:4]:
        shows_within_a_second(cache_on + path, "新发布的检测新闻")
    shows_within_a_second(cache_on + "/sitemap-zh-hans.xml", "/news/fresh-news/")


def test_unpublished_and_deleted_articles_leave_the_cache(translated_tree, cache_on):
    tree, _english = translated_tree
    article = Page.objects.get(pk=tree["article"].pk).specific
    url = cache_on + article.url
    cached_twice(url)
    cached_twice(cache_on + "/news/")
    article.unpublish()
    deadline = time.monotonic() + 1.0
    while requests.get(url, timeout=30).status_code != 404:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    about_url = cache_on + tree["about"].url
    cached_twice(about_url)
    Page.objects.get(pk=tree["about"].pk).delete()
    deadline = time.monotonic() + 1.0
    while requests.get(about_url, timeout=30).status_code != 404:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_purge_addresses_name_translations_lists_and_site_wide_pages(translated_tree, settings):
    tree, english = translated_tree
    urls = frontend_cache.urls_for_page(tree["article"])
    assert "http://localhost/news/enforcement/" in urls
    assert "http://localhost" + english["article"].url in urls
    assert {"http://localhost/news/*", "http://localhost/en/news/*"} <= urls
    assert {"http://localhost/", "http://localhost/en/"} <= urls
    assert {"http://localhost/search/*", "http://localhost/en/search/*"} <= urls
    assert "http://localhost/sitemap*" in urls
    # A page in the menu shows on every page: everything goes.
    assert frontend_cache.urls_for_page(tree["about"]) == {"http://localhost/*"}


def test_a_moved_page_leaves_its_old_address_and_its_old_list(translated_tree, cache_on):
    tree, _english = translated_tree
    service = Page.objects.get(pk=tree["service"].pk)
    old_url, old_list = cache_on + service.url, cache_on + tree["services"].url
    cached_twice(old_url)
    cached_twice(old_list)
    service.move(Page.objects.get(pk=tree["accreditation"].pk), pos="last-child")
    service.refresh_from_db()
    deadline = time.monotonic() + 1.0
    # Gone from there: a 404, or the redirect Wagtail makes to the new address.
    while requests.get(old_url, timeout=30, allow_redirects=False).status_code == 200:
        assert time.monotonic() < deadline, "the old address still answers from the cache"
        time.sleep(0.05)
    assert get(cache_on + service.url).headers["X-Cache"] == "MISS"
    assert service.title not in get(old_list).text

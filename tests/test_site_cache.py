"""The site cache (corporate/core/site_cache.py) and the Wagtail gaps it closes
(corporate/core/localize_gaps/locale_lookups.py, view_restrictions.py, routing.py): a change
is seen on the next request, a preview never reads or writes it, and each workaround answers
what upstream answers. The ``upstream`` tests fail when Wagtail stops doing what the
workaround works around."""

import os

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from corporate.core import site_cache
from corporate.core.localize_gaps import locale_lookups, routing, site_lookup, view_restrictions
from news.models import NewsArticlePage
from search import query_log
from search.models import SearchQueryLog
from tests.admin_forms import edit_form_data
from tests.helpers import edit_and_publish, make_article

pytestmark = pytest.mark.django_db


def test_cached_values_follow_every_change(site_tree):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    # Each step names its language: the value is keyed by the active one.
    with translation.override("zh-hans"):
        assert site_cache.cached("t", compute) == 1
        assert site_cache.cached("t", compute) == 1  # from the cache
    edit_and_publish(site_tree["about"], title="关于我们（新）")
    with translation.override("zh-hans"):
        assert site_cache.cached("t", compute) == 2  # a publish moved the generation on
    with translation.override("en"):
        assert site_cache.cached("t", compute) == 3  # each language its own value
        assert site_cache.cached("t", compute) == 3
    with translation.override("zh-hans"):
        assert site_cache.cached("t", compute) == 2
        assert site_cache.cached("t", compute, per_language=False) == 4
    with translation.override("en"):
        assert site_cache.cached("t", compute, per_language=False) == 4


def test_the_menu_and_the_breadcrumbs_show_a_new_title_at_once(site_tree, client):
    assert "关于我们" in client.get("/").content.decode()
    edit_and_publish(site_tree["about"], title="公司简介")
    assert "公司简介" in client.get("/").content.decode()
    page = client.get(site_tree["service"].url).content.decode()
    edit_and_publish(site_tree["services"], title="业务板块")
    assert "业务板块" not in page
    assert "业务板块" in client.get(site_tree["service"].url).content.decode()


def test_a_preview_shows_the_draft_not_the_cached_page(site_tree, admin_client):
    article = site_tree["article"]
    live_title = article.title
    assert live_title in admin_client.get(article.url).content.decode()  # fills the cache
    edit_url = f"/admin/pages/{article.pk}/edit/"
    data = edit_form_data(admin_client, edit_url, article, form_id="page-edit-form")
    data["title"] = "预览标题"
    preview_url = f"/admin/pages/{article.pk}/edit/preview/"
    assert admin_client.post(preview_url, data).json()["is_valid"]
    html = admin_client.get(preview_url, {"mode": ""}).content.decode()
    assert '<meta property="og:title" content="预览标题">' in html  # not the cached live card
    # Nothing the preview read was kept: the live page still has its own title.
    html = admin_client.get(article.url).content.decode()
    assert "预览标题" not in html
    assert f'<meta property="og:title" content="{live_title}">' in html


# -- locale lookups ----------------------------------------------------------------------------


def test_upstream_reads_the_locale_table_on_every_lookup(zh, django_assert_num_queries):
    manager = Locale.objects
    with django_assert_num_queries(2):
        locale_lookups.upstream_get_for_language(manager, "zh-hans")
        locale_lookups.upstream_get_for_language(manager, "zh-hans")


def test_a_request_reads_each_locale_once(zh, django_assert_num_queries):
    found = []

    def view(request):
        found.extend([Locale.get_active(), Locale.get_active(), Locale.get_active()])

    with translation.override("zh-hans"), django_assert_num_queries(1):
        site_cache.RequestMemoMiddleware(view)(RequestFactory().get("/"))
    assert found == [zh, zh, zh]
    with translation.override("zh-hans"), django_assert_num_queries(2):
        # Outside a request: read every time, as upstream.
        Locale.get_active(), Locale.get_active()


# -- view restrictions -------------------------------------------------------------------------


def test_upstream_reads_every_view_restriction_on_every_public_filter(
    site_tree, django_assert_num_queries
):
    with django_assert_num_queries(2):
        view_restrictions.upstream_private_q(Page.objects.all())
        view_restrictions.upstream_private_q(Page.objects.all())


def test_public_pages_are_those_upstream_finds_and_follow_a_new_restriction(site_tree):
    def public_ids():
        return set(Page.objects.public().values_list("pk", flat=True))

    def upstream_public_ids():
        queryset = Page.objects.all()
        return set(
            queryset.exclude(view_restrictions.upstream_private_q(queryset)).values_list(
                "pk", flat=True
            )
        )

    assert public_ids() == upstream_public_ids()
    PageViewRestriction.objects.create(
        page=site_tree["services"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert public_ids() == upstream_public_ids()
    assert site_tree["service"].pk not in public_ids()


# -- routing -----------------------------------------------------------------------------------


PATHS = [
    "/",
    "/about/",
    "/services/",
    "/services/soil-testing/",
    "/news/",
    "/news/enforcement/",
    "/news/feed/",
    "/news/year/2024/",
    "/news/no-such-article/",
    "/no-such-page/",
    "/services/soil-testing/deeper/",
]


def _route(function, path):
    request = RequestFactory().get(path)
    with translation.override("zh-hans"):
        result = function(request, path)
    if result is None:
        return None
    page, args, kwargs = result
    view = args[0].__name__ if args else None
    return page.pk, type(page).__name__, view, args[1:] if args else (), kwargs


def test_upstream_walks_the_tree_with_queries_per_path_component(site_tree):
    request = RequestFactory().get("/services/soil-testing/")
    with translation.override("zh-hans"), CaptureQueriesContext(connection) as queries:
        routing.upstream_route_for_request(request, "/services/soil-testing/")
    assert len(queries) >= 5  # root, then child and its type for each of the two components


def test_routes_are_those_upstream_finds_and_follow_a_move_and_an_unpublish(
    site_tree, django_assert_max_num_queries
):
    for path in PATHS:
        assert _route(routing.route_for_request, path) == _route(
            routing.upstream_route_for_request, path
        ), path
    # Warm: the Site, then one query for the page (and none for the walk).
    _route(routing.route_for_request, "/services/soil-testing/")
    with django_assert_max_num_queries(2):
        _route(routing.route_for_request, "/services/soil-testing/")
    site_tree["service"].specific.unpublish()
    assert _route(routing.route_for_request, "/services/soil-testing/") is None
    edit_and_publish(site_tree["service"], slug="soil")
    assert _route(routing.route_for_request, "/services/soil/")[0] == site_tree["service"].pk
    assert _route(routing.route_for_request, "/services/soil-testing/") is None


# -- site lookup --------------------------------------------------------------------------------


def test_upstream_reads_the_site_table_for_every_request(site_tree, django_assert_num_queries):
    with django_assert_num_queries(2):
        site_lookup.upstream_get_site_for_hostname("localhost", 80)
        site_lookup.upstream_get_site_for_hostname("localhost", 80)


def test_the_site_is_read_once_per_change_and_follows_a_new_site(
    site_tree, django_assert_num_queries
):
    assert site_lookup.get_site_for_hostname("localhost", 80).root_page_id == site_tree["home"].pk
    with django_assert_num_queries(0):
        site = site_lookup.get_site_for_hostname("localhost", 80)
        assert site.root_page.pk == site_tree["home"].pk  # carried with the cached Site
    Site.objects.create(hostname="example.org", port=80, root_page=site_tree["about"])
    assert site_lookup.get_site_for_hostname("example.org", 80).root_page_id == (
        site_tree["about"].pk
    )
    Site.objects.filter(hostname="localhost").update(is_default_site=False)
    Site.objects.get(hostname="localhost").save()  # a save (not an update) is what editors do
    with pytest.raises(Site.DoesNotExist):
        site_lookup.get_site_for_hostname("nowhere.example", 80)


# -- the news archive ---------------------------------------------------------------------------


def test_list_pages_and_neighbours_by_key_match_the_offset_order(site_tree, client):
    news = site_tree["news"]
    for number in range(23):
        # Three articles a day: the order within a day comes from first publication and id.
        make_article(news, f"第{number}条", f"2024-0{1 + number // 3 % 9}-1{number // 3}")
    expected = [a.title for a in NewsArticlePage.objects.child_of(news).listable()]
    shown = []
    for number in (1, 2, 3):
        response = client.get(news.url, {"page": number})
        shown += [article.title for article in response.context["articles"]]
    assert shown == expected
    assert client.get(news.url, {"page": 4}).status_code == 404
    articles = list(NewsArticlePage.objects.child_of(news).listable())
    middle = articles[5]
    newer, older = middle.neighbours()
    assert (newer.pk, older.pk) == (articles[4].pk, articles[6].pk)
    assert articles[0].neighbours()[0] is None
    assert articles[-1].neighbours()[1] is None


# -- the search log ------------------------------------------------------------------------------


@pytest.fixture
def redis_cache(settings):
    worker_id = os.environ.get("PYTEST_XDIST_WORKER", "main")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
            "KEY_PREFIX": f"test-search-log-{worker_id}",
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_searches_are_counted_in_redis_and_written_by_the_task(
    site_tree, client, redis_cache, settings
):
    # A queue that keeps what is enqueued (the task worker would run it a minute later).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for query in ("土壤", " 土壤 ", "噪声"):
        assert client.get("/search/", {"q": query}).status_code == 200
    # No row written by the requests; the counts wait in Redis for the task, queued once.
    assert not SearchQueryLog.objects.exists()
    assert sum(query_log.pending().values()) == 3
    queued = query_log.flush_search_log.get_backend().results
    assert [result.task.name for result in queued] == ["flush_search_log"]
    assert queued[0].task.run_after is not None  # deferred by FLUSH_DELAY
    assert query_log.flush_search_log.call() == 2
    logs = {log.query_string: log.hits for log in SearchQueryLog.objects.all()}
    assert logs == {"土壤": 2, "噪声": 1}
    assert query_log.pending() == {}
    assert client.get("/search/", {"q": "土壤"}).status_code == 200
    query_log.flush()
    assert SearchQueryLog.objects.get(query_string="土壤").hits == 3

"""At most 15 SQL queries on every page type in both languages, on the demo and on the demo with
ten times its items (articles, case studies, services, accreditation areas, downloads,
certificates, catalogue entries and the blocks of a page): what a page reads does not grow with
what the site holds.

Served by the app as a visitor meets it behind no front-end cache: the site cache (menu,
profile, translations, routes, list counts; corporate/core/site_cache.py) is warm from an
earlier request, as on a running server, and a fresh one is read after a publish."""

import uuid
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.utils.timezone import now
from modelcluster.models import get_all_child_relations
from modelsearch import index
from wagtail.models import Locale, Page, Revision
from wagtail.search.models import IndexEntry

from corporate.capabilities.models import CapabilityEntry, Certificate
from corporate.cases.models import CasePage
from corporate.core.models import AccreditationAreaPage, ServicePage, StandardPage
from corporate.demo.management.commands.build_demo_site import search_index_updates_paused
from corporate.downloads.models import Download
from corporate.operations import references
from corporate.translations import traditional
from news.models import NewsArticlePage
from tests.helpers import edit_and_publish, project_page_models, shared_state

# Minutes in the suite: scheduled first, so that both processes end together (conftest).
pytestmark = pytest.mark.heavy(minutes=4)

MAX_QUERIES = 15
LANGUAGES = ["zh-hans", "en"]
TIMES = 10


def sample_urls():
    """{(page type or view, language): address} for one live page of every project page type in
    every language, plus the list's second page, a year list, a category list and search."""
    urls = {}
    models = {model._meta.label for model in project_page_models()}
    for page in Page.objects.live().filter(depth__gte=2).specific().order_by("path"):
        if page._meta.label in models:
            urls.setdefault((page._meta.label, page.locale.language_code), page.url)
    for language, prefix, query in [("zh-hans", "", "土壤"), ("en", "/en", "soil")]:
        news = urls[("news.NewsIndexPage", language)]
        year = NewsArticlePage.objects.live().filter(locale__language_code=language).first().date
        urls[("news list, page 2", language)] = f"{news}?page=2"
        urls[("news year list", language)] = f"{news}year/{year.year}/"
        urls[("search", language)] = f"{prefix}/search/?q={query}"
    return urls


def _copy_pages(model, times):
    """Copies every live page of ``model`` ``times - 1`` times beside it, live, as
    ``Page.copy(keep_live=True)`` would (the page's rows, its child relations, a revision of its
    own, a new translation key), but written in bulk: a few statements per model instead of
    about a hundred per copy, whose signals and checks this test does not need. Returns the
    copies."""
    originals = list(model.objects.live().select_related("latest_revision").order_by("path"))
    step = Page.steplen
    next_position = {}  # parent path -> the position of the next new child
    rows, mapping = [], []
    for page in originals:
        parent = page.path[:-step]
        if parent not in next_position:
            last = (
                Page.objects.filter(path__startswith=parent, depth=page.depth)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            next_position[parent] = Page._str2int(last[-step:]) + 1
        for _ in range(times - 1):
            suffix = uuid.uuid4().hex[:8]
            fields = {
                field.attname: getattr(page, field.attname)
                for field in Page._meta.concrete_fields
                if not field.primary_key
            }
            slug, title = f"{page.slug}-{suffix}", f"{page.title} {suffix}"
            fields.update(
                path=Page._get_path(parent, page.depth, next_position[parent]),
                numchild=0,
                slug=slug,
                title=title,
                draft_title=title,
                url_path=page.url_path[: -len(page.slug) - 1] + slug + "/",
                translation_key=uuid.uuid4(),
                alias_of_id=None,
                latest_revision_id=None,
                live_revision_id=None,
            )
            next_position[parent] += 1
            rows.append(Page(**fields))
            mapping.append(page)
    Page.objects.bulk_create(rows)
    pairs = [(page.pk, row.pk) for page, row in zip(mapping, rows, strict=True)]
    _copy_related_rows(model, model._meta.pk.column, pairs)
    for relation in get_all_child_relations(model):
        _copy_related_rows(relation.related_model, relation.field.column, pairs)
    added = Counter(row.path[:-step] for row in rows)
    for parent, count in added.items():
        Page.objects.filter(path=parent).update(numchild=F("numchild") + count)
    _give_each_copy_a_revision(model, mapping, rows)
    return list(model.objects.filter(pk__in=[row.pk for row in rows]))


def _copy_related_rows(model, key, pairs):
    """Copy the rows of ``model``'s own table whose ``key`` column holds an original's id to
    rows holding its copy's id; a new id, and a new translation key where the rows have one."""
    quote = connection.ops.quote_name
    table = model._meta.db_table
    columns, values = [], []
    for field in model._meta.local_concrete_fields:
        if field.primary_key and field.column != key:
            continue
        columns.append(quote(field.column))
        if field.column == key:
            values.append("m.new")
        elif field.attname == "translation_key":
            values.append("gen_random_uuid()")
        else:
            values.append(f"t.{quote(field.column)}")
    placeholders = ", ".join(["(%s, %s)"] * len(pairs))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(table)} ({', '.join(columns)}) SELECT {', '.join(values)}"
            f" FROM {quote(table)} AS t JOIN (VALUES {placeholders}) AS m(old, new)"
            f" ON t.{quote(key)} = m.old",
            [value for pair in pairs for value in pair],
        )


def _give_each_copy_a_revision(model, originals, rows):
    """The original's latest revision, pointing at the copy (as Page.copy's new revision),
    made the copy's latest and live revision."""
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)  # as Page.get_base_content_type
    revisions = []
    for page, row in zip(originals, rows, strict=True):
        latest = page.latest_revision
        content = dict(latest.content if latest else {})
        content.update(
            pk=row.pk,
            path=row.path,
            slug=row.slug,
            title=row.title,
            draft_title=row.draft_title,
            url_path=row.url_path,
            translation_key=str(row.translation_key),
        )
        revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(row.pk),
                created_at=latest.created_at if latest else now(),
                object_str=row.title,
                content=content,
            )
        )
    Revision.objects.bulk_create(revisions)
    for row, revision in zip(rows, revisions, strict=True):
        row.latest_revision_id = row.live_revision_id = revision.pk
    Page.objects.bulk_update(rows, ["latest_revision", "live_revision"])


def _copy_rows(model, times, **changes):
    rows = list(model.objects.all())
    copies = []
    for row in rows:
        for _ in range(times - 1):
            copy = model.objects.get(pk=row.pk)
            copy.pk = copy.id = None
            copy.translation_key = uuid.uuid4()
            for field, make in changes.items():
                setattr(copy, field, make(copy))
            copies.append(copy)
    model.objects.bulk_create(copies)


def build_demo_ten_times():
    """The demo with TIMES times its items (built on the demo's snapshot)."""
    # The copies are made in every language at once (the Traditional ones too), so nothing
    # is queued to write Traditional copies of the new Chinese pages one by one; each copy is
    # saved three times (page, revision, publish): it is indexed for search once, in bulk, at
    # the end, and its references once each (as the demo builder does).
    with traditional.paused(), search_index_updates_paused(), references.indexed_once():
        copied = copy_items()
    for _name, backend in index.get_search_backends_with_name(with_auto_update=True):
        for model, pages in copied.items():
            backend.add_bulk(model, pages)


def copy_items():
    """Returns {page model: [its new pages]}."""
    copied = {}
    for model in (NewsArticlePage, CasePage, ServicePage, AccreditationAreaPage):
        copied[model] = _copy_pages(model, TIMES)
    _copy_rows(Download, TIMES)
    _copy_rows(Certificate, TIMES, number=lambda row: f"{row.number}-{uuid.uuid4().hex[:6]}")
    _copy_rows(CapabilityEntry, TIMES)
    # Ten times the blocks of every standard page.
    copied[StandardPage] = []
    for page in StandardPage.objects.live():
        blocks = list(page.body.raw_data)
        for block in blocks:
            block.pop("id", None)
        copied[StandardPage].append(edit_and_publish(page, body=blocks * TIMES))
    return copied


_state_demo_ten_times = shared_state("demo_ten_times", build_demo_ten_times, base="demo")


def assert_within_budget(client, django_assert_max_num_queries, urls):
    for key, url in sorted(urls.items()):
        assert client.get(url).status_code == 200, (key, url)  # warms the site cache
        with django_assert_max_num_queries(MAX_QUERIES, info=f"{key} {url}"):
            response = client.get(url)
        assert response.status_code == 200, (key, url)


def test_every_page_type_is_sampled_in_both_languages(demo_site):
    urls = sample_urls()
    for model in project_page_models():
        for language in LANGUAGES:
            assert (model._meta.label, language) in urls, (model._meta.label, language)


@pytest.mark.django_db
def test_every_page_type_reads_at_most_15_queries_on_the_demo(
    demo_site, client, django_assert_max_num_queries
):
    assert_within_budget(client, django_assert_max_num_queries, sample_urls())


@pytest.mark.django_db
def test_ten_times_the_items_read_no_more_queries(
    _state_demo_ten_times, db, client, django_assert_max_num_queries
):
    assert NewsArticlePage.objects.live().count() >= TIMES * 10
    # Every copy is in the search index (written in bulk after the copies), so the search
    # pages below read ten times the matches too.
    live = {str(pk) for pk in NewsArticlePage.objects.live().values_list("pk", flat=True)}
    indexed = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(NewsArticlePage), object_id__in=live
    )
    assert indexed.count() == len(live)
    assert_within_budget(client, django_assert_max_num_queries, sample_urls())


@pytest.mark.django_db
def test_a_publish_is_shown_at_once_and_the_budget_holds_after_it(
    demo_site, client, django_assert_max_num_queries
):
    """The cached menu, list and neighbours follow a publish: the next request reads afresh
    (and stays within the budget once warm)."""
    zh = Locale.objects.get(language_code="zh-hans")
    article = NewsArticlePage.objects.listable(zh).first()  # the newest: on the list and home
    news_url = article.get_parent().url
    assert client.get(news_url).status_code == 200
    edit_and_publish(article, title="新标题：缓存随发布更新")
    assert "新标题：缓存随发布更新" in client.get(news_url).content.decode()
    assert "新标题：缓存随发布更新" in client.get("/").content.decode()
    assert client.get(article.url).status_code == 200  # the first request after the publish
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(article.url).status_code == 200
    cache.clear()  # a cold cache (a new Redis) is rebuilt on the next request
    assert "新标题：缓存随发布更新" in client.get(news_url).content.decode()

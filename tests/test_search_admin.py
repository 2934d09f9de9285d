"""What editors get: synonyms as a snippet per language, and the report of searches that found
nothing."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from search.models import SearchQueryLog, SearchSynonym

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def log(query, locale, hits, results, days_ago=0):
    return SearchQueryLog.objects.create(
        query_string=query,
        locale=locale,
        hits=hits,
        result_count=results,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def test_report_lists_the_most_frequent_searches_that_found_nothing(admin_client, zh, en):
    log("危废处置", zh, 3, 0)
    log("危废处置", zh, 4, 0, days_ago=1)
    log("环保管家", zh, 2, 0)
    log("土壤", zh, 50, 12)  # found something: not listed
    log("heavy metal sludge", en, 5, 0)
    log("旧查询", zh, 99, 0, days_ago=200)  # outside the default 30 days
    response = admin_client.get(reverse("search_zero_results"))
    assert response.status_code == 200
    html = response.content.decode()
    assert any(
        title in html
        for title in ["Searches that found nothing", str(response.context["page_title"])]
    )
    rows = [(row["query_string"], row["searches"]) for row in response.context["object_list"]]
    assert rows == [("危废处置", 7), ("heavy metal sludge", 5), ("环保管家", 2)]
    assert "旧查询" not in html and "土壤" not in [r[0] for r in rows]


def test_report_filters_by_language_and_period(admin_client, zh, en):
    log("环保管家", zh, 2, 0)
    log("heavy metal sludge", en, 5, 0)
    log("旧查询", zh, 9, 0, days_ago=200)
    url = reverse("search_zero_results")
    english = admin_client.get(url, {"locale": en.pk})
    assert [r["query_string"] for r in english.context["object_list"]] == ["heavy metal sludge"]
    year = admin_client.get(url, {"period": "365", "locale": zh.pk})
    assert [r["query_string"] for r in year.context["object_list"]] == ["旧查询", "环保管家"]
    assert admin_client.get(url, {"period": "abc"}).status_code == 200


def test_a_query_that_later_finds_something_leaves_the_report(admin_client, zh):
    log("危废处置", zh, 3, 0, days_ago=2)
    log("危废处置", zh, 1, 4)
    response = admin_client.get(reverse("search_zero_results"))
    assert list(response.context["object_list"]) == []


def test_report_can_be_exported(admin_client, zh):
    log("环保管家", zh, 2, 0)
    response = admin_client.get(reverse("search_zero_results"), {"export": "csv"})
    assert response.status_code == 200
    assert "环保管家" in b"".join(response.streaming_content).decode("utf-8")


def test_report_is_in_the_reports_menu_for_editors_only(client, django_user_model, zh):
    editor = django_user_model.objects.create_user("editor", "e@example.com", "pw")
    group = Group.objects.create(name="Search editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_searchsynonym"),
    )
    editor.groups.add(group)
    client.force_login(editor)
    assert client.get(reverse("search_zero_results")).status_code == 200
    outsider = django_user_model.objects.create_user("outsider", "o@example.com", "pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(reverse("search_zero_results")).status_code in (302, 403)


def test_editors_manage_synonyms_per_language_in_the_admin(admin_client, zh, en):
    assert SearchSynonym.objects.filter(locale=zh, term="危废").exists()  # seeded
    add_url = reverse("wagtailsnippets_search_searchsynonym:add")
    response = admin_client.post(
        add_url, {"locale": zh.pk, "term": "环保管家", "synonyms": "环境管家，环保顾问"}
    )
    assert response.status_code == 302
    synonym = SearchSynonym.objects.get(locale=zh, term="环保管家")
    assert synonym.synonym_list() == ["环境管家", "环保顾问"]
    # The same term may exist once per language, not twice in one.
    duplicate = admin_client.post(add_url, {"locale": zh.pk, "term": "环保管家", "synonyms": "x"})
    assert duplicate.status_code == 200
    assert SearchSynonym.objects.filter(term="环保管家").count() == 1
    empty = admin_client.post(add_url, {"locale": en.pk, "term": "EHS", "synonyms": " , "})
    assert empty.status_code == 200
    assert not SearchSynonym.objects.filter(term="EHS").exists()
    listing = admin_client.get(reverse("wagtailsnippets_search_searchsynonym:list"))
    assert "环保管家" in listing.content.decode()

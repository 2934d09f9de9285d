"""Publishing rules for news: scheduled publishing works, and drafts, scheduled, expired,
future-dated, unpublished and private articles appear in no list, feed, related list or home
page. The clock is frozen with time_machine."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from news.models import NewsArticlePage
from tests import factories
from tests.helpers import make_category, make_site_tree, soup

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def visible_titles(client, related_to=None):
    """Titles the reader can find: the list, the feed, the home page and related articles."""
    found = {
        "list": [a.get_text() for a in soup(client.get("/news/")).select(".news-item__title a")],
        "feed": [
            item.findtext("title")
            for item in ET.fromstring(client.get("/news/feed/").content).iter("item")
        ],
        "home": [a.get_text() for a in soup(client.get("/")).select(".latest-news .news-item a")],
    }
    if related_to is not None:
        page = soup(client.get(related_to.url))
        found["related"] = [a.get_text() for a in page.select(".related a")]
        found["pager"] = [
            a.select_one(".article-pager__title").get_text()
            for a in page.select(".article-pager a")
        ]
    return found


def appears_anywhere(title, found):
    return [where for where, titles in found.items() if title in titles]


@pytest.fixture
def frozen_tree(zh):
    with time_machine.travel(at(2024, 5, 1, 10, 0), tick=False) as traveller:
        tree = make_site_tree()
        tree["category"], _ = make_category("company", "公司新闻")
        tree["article"].category = tree["category"]
        tree["article"].save_revision().publish()
        tree["traveller"] = traveller
        yield tree


def new_article(tree, title, **fields):
    article = factories.NewsArticlePageFactory.build(
        title=title, category=tree["category"], live=False, **fields
    )
    tree["news"].add_child(instance=article)
    return article


def test_scheduled_article_goes_live_at_its_time(client, frozen_tree):
    article = new_article(
        frozen_tree, "定时发布的新闻", slug="scheduled", date=None, go_live_at=at(2024, 5, 2, 9, 0)
    )
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live
    assert client.get("/news/scheduled/").status_code == 404
    found = visible_titles(client, related_to=frozen_tree["article"])
    assert appears_anywhere("定时发布的新闻", found) == []

    frozen_tree["traveller"].move_to(at(2024, 5, 2, 9, 30))
    call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert article.live
    # The publication date defaults to the day it went live, not the day it was written.
    assert article.date == datetime.date(2024, 5, 2)
    found = visible_titles(client, related_to=frozen_tree["article"])
    assert found["list"][0] == "定时发布的新闻"
    assert found["feed"][0] == "定时发布的新闻"
    assert found["home"][0] == "定时发布的新闻"
    assert found["related"] == ["定时发布的新闻"]
    assert found["pager"] == ["定时发布的新闻"]
    assert "2024年5月2日" in soup(client.get("/news/scheduled/")).select_one(".article-meta").text


def test_drafts_are_never_listed(client, frozen_tree):
    new_article(frozen_tree, "草稿新闻", date=datetime.date(2024, 4, 30)).save_revision()
    found = visible_titles(client, related_to=frozen_tree["article"])
    assert appears_anywhere("草稿新闻", found) == []
    assert appears_anywhere(frozen_tree["article"].title, found) == ["list", "feed", "home"]


def test_unpublished_articles_disappear_everywhere(client, frozen_tree):
    article = factories.NewsArticlePageFactory(
        parent=frozen_tree["news"], title="撤下的新闻", category=frozen_tree["category"]
    )
    found = visible_titles(client, related_to=frozen_tree["article"])
    assert appears_anywhere("撤下的新闻", found) == ["list", "feed", "home", "related", "pager"]
    article.unpublish()
    found = visible_titles(client, related_to=frozen_tree["article"])
    assert appears_anywhere("撤下的新闻", found) == []


def test_future_dated_article_waits_for_its_date(client, frozen_tree):
    factories.NewsArticlePageFactory(
        parent=frozen_tree["news"],
        title="明天的新闻",
        date=datetime.date(2024, 5, 2),
        category=frozen_tree["category"],
    )
    assert appears_anywhere("明天的新闻", visible_titles(client, frozen_tree["article"])) == []
    frozen_tree["traveller"].move_to(at(2024, 5, 2, 0, 5))
    found = visible_titles(client, related_to=frozen_tree["article"])
    assert appears_anywhere("明天的新闻", found) == ["list", "feed", "home", "related", "pager"]


def test_expired_article_is_hidden_before_the_scheduler_runs(client, frozen_tree):
    article = factories.NewsArticlePageFactory(
        parent=frozen_tree["news"], title="过期的新闻", expire_at=at(2024, 5, 1, 12, 0)
    )
    assert "过期的新闻" in visible_titles(client)["list"]
    frozen_tree["traveller"].move_to(at(2024, 5, 1, 12, 1))
    assert appears_anywhere("过期的新闻", visible_titles(client)) == []
    call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert not article.live


def test_private_articles_are_not_listed(client, frozen_tree):
    article = factories.NewsArticlePageFactory(
        parent=frozen_tree["news"], title="内部新闻", category=frozen_tree["category"]
    )
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    found = visible_titles(client, related_to=frozen_tree["article"])
    assert appears_anywhere("内部新闻", found) == []


def test_listable_is_the_rule_the_home_page_uses(frozen_tree):
    new_article(frozen_tree, "草稿", date=datetime.date(2024, 5, 1)).save_revision()
    home_titles = [a.title for a in frozen_tree["home"].latest_news()]
    assert home_titles == [
        a.title for a in NewsArticlePage.objects.listable(frozen_tree["home"].locale)[:4]
    ]
    assert "草稿" not in home_titles

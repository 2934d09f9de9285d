"""RSS 2.0 feeds per language: valid XML, the latest 20 articles, linked from the news list."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from tests import factories
from tests.helpers import has_han, make_article, soup, translate_page


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # raises on invalid XML
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    return channel


@pytest.fixture
def twenty_five(site_tree):
    news = site_tree["news"]
    site_tree["article"].delete()
    start = datetime.date(2023, 1, 1)
    return [
        make_article(news, f"第{n}条 <新闻> & “引号”", start + datetime.timedelta(days=n))
        for n in range(1, 26)
    ]


def test_chinese_feed_is_valid_rss_with_the_latest_twenty_items(client, twenty_five):
    channel = parse_feed(client.get("/news/feed/"))
    assert channel.findtext("title").startswith("新闻动态")
    assert channel.findtext("link") == "http://localhost/news/"
    assert channel.findtext("language") == "zh-cn"
    assert channel.findtext("description")
    items = channel.findall("item")
    assert len(items) == 20
    assert [item.findtext("title") for item in items[:2]] == [
        "第25条 <新闻> & “引号”",
        "第24条 <新闻> & “引号”",
    ]
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    assert dates[0].date() == datetime.date(2023, 1, 26)
    first = items[0]
    assert first.findtext("link") == twenty_five[-1].get_full_url()
    assert first.findtext("guid") == first.findtext("link")
    assert first.findtext("description") == "新闻摘要。"


def test_news_list_links_to_its_feed(client, twenty_five):
    html = soup(client.get("/news/"))
    link = html.find("link", rel="alternate", type="application/rss+xml")
    assert link["href"] == "/news/feed/"
    assert client.get(link["href"]).status_code == 200


def test_english_feed_has_only_english_items(client, site_tree, en):
    en_home = translate_page(site_tree["home"], en, title="Home", hero_headline="Hello")
    assert en_home.live
    en_news = translate_page(site_tree["news"], en, title="News")
    translate_page(
        site_tree["article"],
        en,
        title="Shandong improves enforcement",
        summary="An English summary.",
        body=factories.paragraph("English body."),
    )
    make_article(site_tree["news"], "只有中文的新闻", datetime.date.today())

    channel = parse_feed(client.get("/en/news/feed/"))
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == en_news.get_full_url()
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Shandong improves enforcement"]
    assert not has_han(ET.tostring(channel, encoding="unicode"))

    zh_titles = [i.findtext("title") for i in parse_feed(client.get("/news/feed/")).findall("item")]
    assert set(zh_titles) == {"只有中文的新闻", "山东完善制度提高生态环境执法效能"}

    html = soup(client.get("/en/news/"))
    assert html.find("link", rel="alternate", type="application/rss+xml")["href"] == (
        "/en/news/feed/"
    )


def test_feed_of_an_empty_news_section_is_still_valid(client, site_tree):
    site_tree["article"].delete()
    channel = parse_feed(client.get("/news/feed/"))
    assert channel.findall("item") == []

"""News lists and article pages, in both languages: pagination and its bad inputs, category,
year and tag filters, locale isolation, the table of contents, previous/next, related
articles and share links."""

import datetime

import pytest
from django.utils import timezone

from news.models import NewsArticlePage
from tests import factories
from tests.helpers import (
    STRUCTURED_BODY,
    han_in,
    has_han,
    make_article,
    make_category,
    soup,
    translate_page,
)

# -- building bilingual news ------------------------------------------------------------------


@pytest.fixture
def english_tree(site_tree, en):
    """The small site with an English home and news index."""
    site_tree["en_home"] = translate_page(site_tree["home"], en, title="Home", hero_headline="Hi")
    site_tree["en_news"] = translate_page(site_tree["news"], en, title="News")
    return site_tree


def listed_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".news-item__title a")]


# -- the list and its pages -------------------------------------------------------------------


@pytest.fixture
def many_articles(site_tree):
    """23 more Chinese articles, one a day from 1 March 2024 (newest last)."""
    news = site_tree["news"]
    site_tree["article"].delete()
    start = datetime.date(2024, 3, 1)
    return [
        make_article(news, f"第{n}条新闻", start + datetime.timedelta(days=n), slug=f"item-{n}")
        for n in range(1, 24)
    ]


def test_news_list_is_newest_first_ten_a_page(client, site_tree, many_articles):
    first = listed_titles(client.get("/news/"))
    assert first == [f"第{n}条新闻" for n in range(23, 13, -1)]
    assert listed_titles(client.get("/news/?page=2")) == [f"第{n}条新闻" for n in range(13, 3, -1)]
    assert listed_titles(client.get("/news/?page=3")) == ["第3条新闻", "第2条新闻", "第1条新闻"]


def test_news_list_shows_date_summary_and_page_links(client, site_tree, many_articles):
    html = soup(client.get("/news/?page=2"))
    item = html.select_one(".news-item")
    assert item.select_one("time").get_text() == "2024年3月14日"
    assert item.select_one("time")["datetime"] == "2024-03-14"
    assert item.select_one(".news-item__summary").get_text() == "新闻摘要。"
    pagination = html.select_one(".pagination")
    assert pagination.select_one('[aria-current="page"]').get_text() == "2"
    assert pagination.select_one('a[rel="prev"]')["href"] == "/news/"
    assert pagination.select_one('a[rel="next"]')["href"] == "/news/?page=3"


def test_a_page_number_that_is_not_a_number_shows_the_first_page(client, many_articles):
    for value in ["abc", "", "1.5", "%00", "1e3", "<script>"]:
        response = client.get("/news/", {"page": value})
        assert listed_titles(response)[0] == "第23条新闻", value


def test_a_page_number_out_of_range_is_a_404(client, many_articles):
    for value in ["0", "-1", "4", "99999999999999999999999999"]:
        assert client.get("/news/", {"page": value}).status_code == 404, value


def test_an_empty_news_list_says_so(client, site_tree):
    site_tree["article"].delete()
    html = soup(client.get("/news/"))
    assert html.select(".news-item") == []
    assert html.select_one(".news-empty")
    assert client.get("/news/?page=2").status_code == 404


# -- filters --------------------------------------------------------------------------------


@pytest.fixture
def filtered_news(english_tree, en):
    news, en_news = english_tree["news"], english_tree["en_news"]
    english_tree["article"].delete()
    company, en_company = make_category("company", "公司新闻", "Company news", en)
    policy, en_policy = make_category("policy", "政策法规", "Policies and regulations", en)
    articles = {
        "c2023": make_article(news, "公司新闻二〇二三", datetime.date(2023, 5, 1), company),
        "p2023": make_article(news, "政策法规二〇二三", datetime.date(2023, 9, 1), policy),
        "c2024": make_article(news, "公司新闻二〇二四", datetime.date(2024, 2, 1), company),
    }
    english = {
        key: translate_page(
            article,
            en,
            title=f"English {key}",
            summary="English summary.",
            body=factories.paragraph("English body."),
            category=en_company if key.startswith("c") else en_policy,
        )
        for key, article in articles.items()
    }
    return {"zh": articles, "en": english, "news": news, "en_news": en_news}


def test_category_filter_has_a_clean_address_in_both_languages(client, filtered_news):
    assert listed_titles(client.get("/news/category/company/")) == [
        "公司新闻二〇二四",
        "公司新闻二〇二三",
    ]
    assert listed_titles(client.get("/en/news/category/company/")) == [
        "English c2024",
        "English c2023",
    ]
    html = soup(client.get("/en/news/category/policy/"))
    assert [a.get_text() for a in html.select(".news-item__title a")] == ["English p2023"]
    assert "Category: Policies and regulations" in html.select_one(".news-filter-status").text
    current = html.select_one('.news-filter a[aria-current="page"]')
    assert current.get_text() == "Policies and regulations"


def test_category_links_use_the_readers_language(client, filtered_news):
    html = soup(client.get("/en/news/"))
    links = {a.get_text(): a["href"] for a in html.select(".news-filter__list a")}
    assert links["Company news"] == "/en/news/category/company/"
    assert links["Policies and regulations"] == "/en/news/category/policy/"
    assert "公司新闻" not in links
    item_category = html.select_one(".news-item__category")
    assert item_category["href"] == "/en/news/category/company/"


def test_unknown_category_is_a_404(client, filtered_news):
    assert client.get("/news/category/nonsense/").status_code == 404
    assert client.get("/en/news/category/nonsense/").status_code == 404


def test_year_filter_and_archive_links(client, filtered_news):
    assert listed_titles(client.get("/news/year/2023/")) == ["政策法规二〇二三", "公司新闻二〇二三"]
    assert listed_titles(client.get("/en/news/year/2024/")) == ["English c2024"]
    years = [a.get_text() for a in soup(client.get("/news/")).select(".news-filter__list--years a")]
    assert years == ["2024", "2023"]


@pytest.mark.parametrize("path", ["/news/year/1999/", "/news/year/20x3/", "/en/news/year/3000/"])
def test_a_year_without_news_is_a_404(client, filtered_news, path):
    assert client.get(path).status_code == 404


def test_filtered_lists_paginate_and_reject_bad_pages(client, filtered_news):
    assert client.get("/news/category/company/?page=abc").status_code == 200
    assert client.get("/news/category/company/?page=2").status_code == 404
    assert client.get("/en/news/year/2023/?page=7").status_code == 404


def test_tag_filter(client, site_tree):
    news = site_tree["news"]
    make_article(news, "带标签的新闻", datetime.date(2024, 1, 2), tags=["执法"])
    make_article(news, "没有标签的新闻", datetime.date(2024, 1, 3))
    article = NewsArticlePage.objects.get(title="带标签的新闻")
    html = soup(client.get(article.url))
    tag_link = html.select_one(".tag-list a")
    assert tag_link.get_text() == "执法"
    assert listed_titles(client.get(tag_link["href"])) == ["带标签的新闻"]
    assert client.get("/news/tag/no-such-tag/").status_code == 404


# -- languages are kept apart ---------------------------------------------------------------


def test_each_language_lists_only_its_own_articles(client, filtered_news):
    zh_titles = listed_titles(client.get("/news/"))
    en_titles = listed_titles(client.get("/en/news/"))
    assert zh_titles == ["公司新闻二〇二四", "政策法规二〇二三", "公司新闻二〇二三"]
    assert en_titles == ["English c2024", "English p2023", "English c2023"]


def test_english_news_pages_show_no_chinese_content(client, filtered_news):
    for path in ["/en/news/", "/en/news/category/company/", filtered_news["en"]["c2023"].url]:
        html = soup(client.get(path))
        main = html.select_one("main").get_text()
        assert not has_han(main), (path, han_in(main))


def test_dates_are_written_in_the_readers_language(client, filtered_news):
    assert "2023年5月1日" in soup(client.get("/news/")).select_one("main").text
    assert "1 May 2023" in soup(client.get("/en/news/")).select_one("main").text


def test_home_page_shows_latest_news_of_its_own_language(client, filtered_news):
    zh_home = soup(client.get("/"))
    en_home = soup(client.get("/en/"))
    zh_news = [a.get_text() for a in zh_home.select(".latest-news .news-item a")]
    en_news = [a.get_text() for a in en_home.select(".latest-news .news-item a")]
    assert zh_news == ["公司新闻二〇二四", "政策法规二〇二三", "公司新闻二〇二三"]
    assert en_news == ["English c2024", "English p2023", "English c2023"]
    assert en_home.select_one(".latest-news__more a")["href"] == "/en/news/"


# -- the article page -----------------------------------------------------------------------


@pytest.fixture
def structured_article(site_tree):
    category, _ = make_category("policy", "政策法规")
    article = make_article(
        site_tree["news"],
        "结构化文章",
        datetime.date(2024, 6, 1),
        category,
        tags=["生态环境"],
        source="山东省生态环境厅",
        summary="这是摘要。",
        body=STRUCTURED_BODY,
    )
    return article


def test_article_shows_date_source_category_tags_and_summary(client, structured_article):
    html = soup(client.get(structured_article.url))
    header = html.select_one(".article-header")
    assert header.select_one("h1").get_text() == "结构化文章"
    assert header.select_one("time").get_text() == "2024年6月1日"
    assert "山东省生态环境厅" in header.select_one(".article-meta").text
    assert header.select_one(".article-category a")["href"] == "/news/category/policy/"
    assert header.select_one(".lead").get_text() == "这是摘要。"
    assert [a.get_text() for a in html.select(".tag-list a")] == ["生态环境"]
    assert html.select_one(".article-back a")["href"] == "/news/"


def test_table_of_contents_links_to_every_section_heading(client, structured_article):
    html = soup(client.get(structured_article.url))
    toc = [(a.get_text(), a["href"]) for a in html.select(".toc a")]
    assert [text for text, _ in toc] == ["第一部分", "第二部分"]
    for text, href in toc:
        assert href.startswith("#")
        target = html.find(id=href[1:])
        assert target is not None and target.name == "h2" and target.get_text() == text
    # The H3 subsection is in the body but not in the table of contents.
    assert html.select_one(".article-body h3").get_text() == "小节"


def test_article_without_section_headings_has_no_table_of_contents(client, site_tree):
    html = soup(client.get(site_tree["article"].url))
    assert html.select_one(".toc") is None


def test_article_body_renders_points_quote_and_table(client, structured_article):
    html = soup(client.get(structured_article.url))
    leads = [p.get_text(strip=True) for p in html.select(".article-body .point__lead")]
    assert leads == ["一是要点一。", "二是要点二。"]
    assert "引文。" in html.select_one(".article-body blockquote").text
    assert html.select_one(".article-body table caption").get_text() == "表"


def test_share_links_weibo_and_server_side_wechat_qr_code(client, structured_article):
    html = soup(client.get(structured_article.url))
    share = html.select_one(".share")
    address = share.select_one("#share-url")["value"]
    assert address == structured_article.get_full_url()
    weibo = share.select_one(".share__weibo")["href"]
    assert weibo.startswith("https://service.weibo.com/share/share.php?")
    assert "url=http%3A%2F%2Flocalhost%2Fnews%2F" in weibo
    qr = share.select_one("svg.share__qr")
    assert qr is not None and qr.find("path") is not None
    assert share.select_one("img") is None  # no remote QR service
    assert share.select_one("button[data-copy-target=share-url]").get_text().strip()


def test_previous_next_and_related_articles(client, site_tree):
    news = site_tree["news"]
    site_tree["article"].delete()
    company, _ = make_category("company", "公司新闻")
    policy, _ = make_category("policy", "政策法规")
    oldest = make_article(news, "最早", datetime.date(2024, 1, 1), company)
    middle = make_article(news, "中间", datetime.date(2024, 2, 1), policy)
    newest = make_article(news, "最新", datetime.date(2024, 3, 1), company)
    draft = make_article(news, "草稿", datetime.date(2024, 2, 15), company, live=False)

    html = soup(client.get(middle.url))
    assert html.select_one('.article-pager a[rel="prev"]')["href"] == oldest.url
    assert html.select_one('.article-pager a[rel="next"]')["href"] == newest.url
    assert html.select_one(".related") is None  # nothing else is a policy article

    html = soup(client.get(newest.url))
    assert html.select_one('.article-pager a[rel="prev"]')["href"] == middle.url
    assert html.select_one('.article-pager a[rel="next"]') is None
    related = [a.get_text() for a in html.select(".related a")]
    assert related == ["最早"]
    assert draft.title not in html.text


def test_article_date_defaults_to_first_publication(site_tree):
    article = factories.NewsArticlePageFactory.build(
        title="未填日期", slug="no-date", date=None, live=False
    )
    site_tree["news"].add_child(instance=article)
    assert article.date is None
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.date == timezone.localdate(article.first_published_at)
    # Editing later keeps the first publication date.
    article.date = None
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.date == timezone.localdate(article.first_published_at)
